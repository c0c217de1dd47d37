import TerminalUI
import TokenScopeCore

/// The text of the scrolling panes (Result, Advice, Trace) for the shown run, wrapped to a width.
enum PaneContent {
    static func lines(_ state: AppState, _ pane: Pane, width: Int) -> [StyledLine] {
        var b = LineBuilder(width: width)
        switch pane {
        case .result: ResultText.build(state, &b)
        case .advice: AdviceText.build(state, &b)
        case .trace: TraceText.build(state, &b)
        case .token, .exchange: break
        }
        return b.lines
    }
}

enum ResultText {
    static func build(_ state: AppState, _ b: inout LineBuilder) {
        guard let run = state.shownRun else {
            b.text("No exchange yet.", .paneHeading)
            b.blank()
            b.text("Paste a token in the Token pane (1), check the form in the Exchange pane (2), then press Enter or F5 to run it.")
            if !state.presets.isEmpty {
                b.blank()
                b.text("New here? Press s for samples: On-Behalf-Of, client credentials and auth code against the embedded sandbox, and its failure scenarios.")
            }
            return
        }
        b.spans([Span("Run \(run.id) · ", .paneMuted), Span(run.job.description, .paneMuted)])
        b.blank()
        switch run.status {
        case .running:
            let elapsed = RunText.seconds(state.now - run.startedAt)
            b.spans([Span(Spinner.frame(state.tick) + " ", .severityInfo), Span("Running \(run.job.flow.title)… \(elapsed)", .paneHeading),
                     Span("   Esc cancels", .paneMuted)])
            for line in run.progress { b.text(line, .paneText, indent: 2) }
        case .cancelled:
            b.text("– Cancelled. Whatever the authority answers now is not shown.", .severityWarning)
        case let .failedToStart(message):
            b.text("✖ Not sent: \(message)", .severityError)
        case let .finished(done):
            outcome(done.outcome, &b)
        }
    }

    static func outcome(_ o: ExchangeOutcome, _ b: inout LineBuilder) {
        switch o.result {
        case let .success(response):
            b.spans([Span("✔ Token issued", .severityOk), Span(" · \(o.elapsedMilliseconds) ms", .paneMuted)])
            if !response.scope.isEmpty { b.field("scope", response.scope.joined(separator: " ")) }
            if let expires = response.expiresIn { b.field("expires_in", "\(expires) s") }
            for token in o.tokens { resultToken(token, &b) }
            if response.refreshToken != nil {
                b.field("refresh_token", "received (kept masked; it fills the Refresh token flow)")
            }
            if let diff = o.diff { DiffText.build(diff, &b) }
        case let .rejected(status, error, problem):
            rejected(status, error, problem, o, &b)
        case let .transportFailure(error):
            b.text("✖ No answer from the authority: \(error.message)", .severityError)
            b.text(ExchangeAdvice.transportHint(error), .paneText, indent: 2)
        case let .notSent(error):
            b.text("✖ Not sent — \(error.field): \(error.message)", .severityError)
            b.text(error.fix, .paneText, indent: 2)
        }
        for warning in o.warnings { b.text(warning, .severityWarning, bullet: "⚠ ") }
    }

    static func resultToken(_ token: ExchangeOutcome.ResultToken, _ b: inout LineBuilder) {
        b.blank()
        b.spans([Span(token.field, .paneHeading), Span("  " + token.report.summary, .paneText)])
        for name in ["aud", "scp", "roles", "oid", "tid", "exp"] {
            guard let claim = token.report.claims.first(where: { $0.name == name }) else { continue }
            let value = ClaimText.short(claim.value)
            b.field(name, name == "exp" ? (claim.explanation ?? value) : value, labelWidth: 8, indent: 4)
        }
        for finding in token.report.findings where finding.severity != .info {
            b.text("\(finding.id.rawValue): \(finding.message)", finding.severity.role, indent: 4, bullet: finding.severity.symbol + " ")
        }
    }

    static func rejected(_ status: Int, _ e: EntraErrorResponse?, _ problem: String?, _ o: ExchangeOutcome, _ b: inout LineBuilder) {
        guard let e else {
            b.text("✖ The authority answered HTTP \(status) but not with a token or an Entra error: \(problem ?? "unreadable body")", .severityError)
            return
        }
        let codes = e.codes.map { "AADSTS\($0)" }.joined(separator: ", ")
        b.spans([Span("✖ The authority refused", .severityError), Span(" · HTTP \(status) \(e.error)" + (codes.isEmpty ? "" : " · \(codes)"), .severityError)])
        if let message = e.message { b.text(message, .paneText, indent: 2) }
        b.blank()
        if let v = e.traceId { b.field("trace ID", v) }
        if let v = e.correlationId { b.field("correlation ID", v) }
        if let v = o.requestId { b.field("request ID", v) }
        if let v = e.timestamp { b.field("timestamp", v) }
        if let v = e.suberror { b.field("suberror", v) }
        if let v = e.claimsText { b.field("claims challenge", v, role: .severityWarning) }
        if let code = e.codes.first { b.field("look up", "https://login.microsoftonline.com/error?code=\(code)") }
    }
}

enum DiffText {
    static func build(_ diff: ClaimDiff, _ b: inout LineBuilder) {
        b.blank()
        b.text("Input token → result", .paneHeading)
        for entry in diff.identityPreserved {
            b.spans([Span("  ✔ ", .diffSame), Span(entry.claim.padded(to: 20), .diffSame), Span("same  " + value(entry.after), .paneMuted)])
        }
        for entry in diff.identityChanges {
            b.spans([Span("  ✖ ", .diffRemoved), Span(entry.claim.padded(to: 20), .diffRemoved),
                     Span(value(entry.before) + " → " + value(entry.after), .diffRemoved)])
        }
        let changed = diff.changed.filter { !ClaimDiff.identityClaims.contains($0.claim) }
        if !changed.isEmpty {
            b.text("Changed as expected", .paneMuted, indent: 2)
            for entry in changed {
                let role: ThemeRole = entry.change == .added ? .diffAdded : entry.change == .removed ? .diffRemoved : .paneText
                b.spans([Span("    " + entry.claim.padded(to: 18), role), Span(value(entry.before), .diffRemoved), Span(" → ", .paneMuted),
                         Span(value(entry.after), .diffAdded)], indent: 24)
            }
        }
    }

    static func value(_ v: JSONValue?) -> String {
        guard let v else { return "—" }
        let text = ClaimText.short(v)
        return TextWidth.of(text) > 48 ? TextWidth.truncate(text, to: 48) : text
    }
}
