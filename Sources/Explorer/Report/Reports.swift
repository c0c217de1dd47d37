import TokenScopeCore

/// What `c` copies: the redacted text report of what the focused pane shows. Never a raw token,
/// a secret or an assertion (the same renderers as the CLI, which redact).
enum Reports {
    static func copyText(_ state: AppState) -> String {
        switch state.focus {
        case .token, .exchange:
            guard let report = TokenRows.report(state) else { return state.focus == .exchange ? formSummary(state) : "" }
            return HumanReport(colour: false).render(report)
        case .result, .advice, .trace:
            if let done = state.shownRun?.finished {
                return ExchangeHumanReport(colour: false, showTrace: state.focus == .trace).render(done.outcome, advice: done.advice)
            }
            return TokenRows.report(state).map { HumanReport(colour: false).render($0) } ?? ""
        }
    }

    static func copySubject(_ state: AppState) -> String {
        switch state.focus {
        case .token: return "token report"
        case .exchange: return TokenRows.report(state) == nil ? "exchange settings" : "token report"
        case .result, .advice, .trace: return state.shownRun?.finished == nil ? "token report" : "exchange report"
        }
    }

    /// The form without its secrets.
    static func formSummary(_ state: AppState) -> String {
        state.form.visibleFields.filter { $0 != .run }.map { field in
            let value: String
            switch field {
            case .flow: value = state.form.flow.title
            case .credential: value = state.form.credential.title
            default: value = field.isMasked ? (state.form[field].isEmpty ? "" : "«redacted»") : state.form[field]
            }
            return field.label + ": " + value
        }.joined(separator: "\n") + "\n"
    }
}

/// `e`: the incident report a support engineer attaches to a case — the decoded token (claims,
/// no signature, no raw token), the exchange's error with its IDs and times, the redacted trace
/// and the ranked advice. Markdown for people, JSON for tools.
enum IncidentReport {
    static func make(_ state: AppState) -> IncidentExport {
        let seconds = state.now / 1000
        let created = TimeText.iso8601(seconds)
        let stamp = created.filter { $0.isNumber }.prefix(14)
        let report = TokenRows.report(state)
        let run = state.shownRun
        var md = "# TokenScope incident report\n\n"
        md += "- Created: \(TimeText.utc(seconds))\n"
        let target = state.exchangeTarget
        md += "- Target: \(target.label)\(target.tenantLabel.map { " (tenant \($0))" } ?? "")\n"
        md += "- Redacted: secrets, assertions, refresh/access/ID tokens and signatures are never included.\n"
        if let report {
            // Say whether the exchange used it: a client-credentials run does not send the pasted token.
            let heading = run.map { $0.job.userAssertion == nil ? "Token in the Token pane (not sent by run \($0.id))" : "Input token (the user assertion of run \($0.id))" } ?? "Input token"
            md += "\n## \(heading)\n\n```text\n" + HumanReport(colour: false).render(report) + "```\n"
        }
        if let run {
            md += "\n## Exchange (run \(run.id))\n\n"
            md += "- Flow: \(run.job.flow.title)\n- Authority: \(run.job.authorityURL)\n- Client ID: \(run.job.clientId)\n"
            md += "- Credential: \(run.job.credentialSummary)\n- Status: \(RunText.status(run))\n"
            if let done = run.finished {
                md += "\n```text\n" + ExchangeHumanReport(colour: false, showTrace: true).render(done.outcome, advice: done.advice) + "```\n"
            }
        }
        // Without a run, the Advice pane shows advice for the pasted token: the report carries it too.
        let pastedAdvice = run == nil ? AdviceText.pastedTokenAdvice(state) : nil
        if let pastedAdvice, !pastedAdvice.isEmpty {
            md += "\n## Advice for the pasted token (\(state.form.flow.title))\n\n```text\n"
                + AdviceHumanReport(colour: false).render(pastedAdvice, heading: "Most likely causes") + "```\n"
        }
        var members: [(key: String, value: JSONValue)] = [
            ("tool", .string("tokenscope")),
            ("created", .string(created)),
            ("target", .string(target.label)),
            ("token", report.map(ReportJSON.object) ?? .null),
        ]
        if let run {
            var exchange: [(key: String, value: JSONValue)] = [
                ("run", .number(String(run.id))),
                ("flow", .string(run.job.flow.rawValue)),
                ("status", .string(RunText.status(run))),
            ]
            if let done = run.finished { exchange.append(("outcome", ExchangeJSON.document(done.outcome, revealTokens: false, advice: done.advice))) }
            members.append(("exchange", .object(exchange)))
        } else {
            members.append(("exchange", .null))
            members.append(("advice", AdviceJSON.array(pastedAdvice ?? [])))
        }
        return IncidentExport(baseName: "tokenscope-incident-\(stamp)", markdown: md, json: JSONWriter.write(.object(members)) + "\n")
    }
}
