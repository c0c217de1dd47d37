import TokenScopeCore

/// Short texts about a run, shared by the tabs, the history and the status bar.
enum RunText {
    static func failureHeadline(_ outcome: ExchangeOutcome) -> String {
        switch outcome.result {
        case .success:
            return "token issued"
        case let .rejected(status, error, problem):
            guard let error else { return "HTTP \(status): \(problem ?? "not a token response")" }
            let codes = error.codes.map { "AADSTS\($0)" }.joined(separator: ", ")
            return "HTTP \(status) \(error.error)" + (codes.isEmpty ? "" : " \(codes)")
        case let .transportFailure(error):
            return "no answer: \(error.message)"
        case let .notSent(error):
            return "not sent: \(error.field): \(error.message)"
        }
    }

    /// The marker after "3 Result" in the tab bar: ✔, ✖ or a running dot.
    static func badge(_ run: RunRecord) -> String {
        switch run.status {
        case .running: return " …"
        case .cancelled: return " –"
        case .failedToStart: return " ✖"
        case let .finished(done): return done.outcome.succeeded ? " ✔" : " ✖"
        }
    }

    static func status(_ run: RunRecord) -> String {
        switch run.status {
        case .running: return "running"
        case .cancelled: return "cancelled"
        case let .failedToStart(message): return "not sent: \(message)"
        case let .finished(done): return done.outcome.succeeded ? "token issued" : failureHeadline(done.outcome)
        }
    }

    static func seconds(_ millis: Int64) -> String {
        let tenths = max(0, millis) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
