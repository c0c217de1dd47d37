public import TokenScopeCore

/// One exchange of this session, kept for the history (in memory only).
public struct RunRecord: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        case running
        case finished(FinishedRun)
        /// Nothing was sent: a credential file could not be read, or the like.
        case failedToStart(String)
        case cancelled
    }

    public let id: Int
    public let job: ExchangeJob
    public let startedAt: Int64
    public var finishedAt: Int64?
    public var status: Status
    /// Lines the runner reported while working: the device code to enter, the sign-in URL.
    public var progress: [String] = []

    public var isRunning: Bool { status == .running }

    public var finished: FinishedRun? {
        if case let .finished(run) = status { return run }
        return nil
    }
}

/// An outcome with its ranked advice. Compared by run ID: one run has one outcome.
public struct FinishedRun: Equatable, Sendable {
    public let runID: Int
    public let outcome: ExchangeOutcome
    public let advice: [Advice]

    public static func == (lhs: FinishedRun, rhs: FinishedRun) -> Bool { lhs.runID == rhs.runID }
}
