import TerminalUI
import TokenScopeCore

/// The Advice pane: the diagnoser's ranked advice for the shown run, or — before any run — for
/// the pasted token's findings under the chosen flow.
enum AdviceText {
    static func build(_ state: AppState, _ b: inout LineBuilder) {
        let advice: [Advice]
        if let done = state.shownRun?.finished {
            if done.outcome.succeeded, done.advice.isEmpty {
                b.text("✔ The exchange worked: nothing to fix.", .severityOk)
                return
            }
            advice = done.advice
            b.text("Most likely causes for run \(done.runID), most likely first", .paneHeading)
        } else if let pasted = pastedTokenAdvice(state) {
            advice = pasted
            b.text("Advice for the pasted token (\(state.form.flow.title)); run the exchange for advice on the result", .paneHeading)
        } else {
            b.text("Advice appears here: for a pasted token's findings, and for every exchange's result.", .paneMuted)
            return
        }
        if advice.isEmpty {
            b.blank()
            b.text("No advice: nothing in this case matches a known cause.", .paneMuted)
            return
        }
        for (index, item) in advice.enumerated() { entry(index + 1, item, &b) }
    }

    /// Before any run: the diagnoser's advice for the pasted token's findings under the form's flow,
    /// expected audience and client (nil when no token is pasted).
    static func pastedTokenAdvice(_ state: AppState) -> [Advice]? {
        guard let report = TokenRows.report(state) else { return nil }
        var input = DiagnosisInput(tokens: [report], flow: KnowledgeFlow(rawValue: state.form.flow.rawValue))
        input.context = DiagnosisContext(expectedAudiences: state.form.value(.expectedAudience).split(separator: " ").map(String.init),
                                         clientId: state.form.value(.clientId).nonEmpty)
        return Diagnoser.diagnose(input)
    }

    static func entry(_ rank: Int, _ a: Advice, _ b: inout LineBuilder) {
        b.blank()
        b.spans([Span("\(rank). ", .paneHeading), Span(a.title, .paneHeading)])
        b.spans([Span("   \(a.id) · confidence \(a.confidence.rawValue) · fix: \(a.owner.rawValue)", .paneMuted)])
        b.text(a.cause, .paneText, indent: 3)
        if !a.evidence.isEmpty {
            b.text("Why this case points here", .paneMuted, indent: 3)
            for line in a.evidence { b.text(line, .paneText, indent: 5, bullet: "• ") }
        }
        if !a.fix.isEmpty {
            b.text("Fix", .paneMuted, indent: 3)
            for (i, line) in a.fix.enumerated() { b.text(line, .paneText, indent: 5, bullet: "\(i + 1). ") }
        }
        if !a.confirm.isEmpty {
            b.text("Confirm", .paneMuted, indent: 3)
            for line in a.confirm { b.text(line, .paneText, indent: 5, bullet: "• ") }
        }
        if let msal = a.msalNet {
            b.text("MSAL.NET", .paneMuted, indent: 3)
            b.text(msal, .paneText, indent: 5)
        }
        if let link = a.link { b.field("Look up", link, labelWidth: 9, indent: 3) }
    }
}

enum TraceText {
    static func build(_ state: AppState, _ b: inout LineBuilder) {
        guard let run = state.shownRun else {
            b.text("The redacted HTTP trace of the shown run appears here (secrets, assertions and tokens are never shown).", .paneMuted)
            return
        }
        guard let done = run.finished else {
            b.text(run.isRunning ? "The trace appears when the run finishes." : "No trace: nothing was sent.", .paneMuted)
            return
        }
        b.text("HTTP trace of run \(run.id) (secrets redacted)", .paneHeading)
        for e in done.outcome.trace {
            b.blank()
            b.spans([Span("→ \(e.request.method) ", .severityInfo), Span(e.request.url, .severityInfo),
                     Span("  attempt \(e.attempt), \(e.elapsedMilliseconds) ms", .paneMuted)])
            for h in e.request.headers { b.spans([Span("    " + h.name + ": ", .paneMuted), Span(h.value)]) }
            for f in e.request.form { b.text(f.name + " = " + f.value, .paneText, indent: 4, bullet: "· ") }
            if let header = e.clientAssertionHeader, let claims = e.clientAssertionClaims {
                b.text("client assertion header " + JSONWriter.write(header, pretty: false), .paneText, indent: 4)
                b.text("client assertion claims " + JSONWriter.write(claims, pretty: false), .paneText, indent: 4)
            }
            if let r = e.response {
                b.spans([Span("← HTTP \(r.status)", r.status < 400 ? .severityOk : .severityError)])
                for h in r.headers { b.spans([Span("    " + h.name + ": ", .paneMuted), Span(h.value)]) }
                for line in r.body.split(separator: "\n", omittingEmptySubsequences: false) { b.text(String(line), .paneText, indent: 4) }
            }
            if let error = e.transportError { b.text("← no answer: " + error, .severityError) }
            if let note = e.note { b.text("↻ " + note, .paneMuted, indent: 4) }
        }
    }
}

extension Severity {
    var role: ThemeRole {
        switch self {
        case .error: return .severityError
        case .warning: return .severityWarning
        case .info: return .severityInfo
        }
    }

    var symbol: String {
        switch self {
        case .error: return "✖"
        case .warning: return "⚠"
        case .info: return "ℹ"
        }
    }
}
