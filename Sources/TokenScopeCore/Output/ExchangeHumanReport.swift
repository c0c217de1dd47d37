/// Renders an exchange outcome for people: what was run, the verdict, the result token inspected
/// with its claim diff or the error with every ID support asks for, warnings, then the redacted
/// HTTP trace. Everything from outside passes through `TerminalSafe`.
public struct ExchangeHumanReport {
    public var colour: Bool
    public var showTrace: Bool

    public init(colour: Bool, showTrace: Bool = true) {
        self.colour = colour
        self.showTrace = showTrace
    }

    var tokens: HumanReport { HumanReport(colour: colour) }

    /// `advice` defaults to the diagnoser's ranked advice for the outcome (none on success).
    public func render(_ o: ExchangeOutcome, advice: [Advice]? = nil) -> String {
        var out = tokens.style("\(o.flow.displayName)", .bold) + " · " + safe(o.authorityURL) + " · client " + safe(o.clientId) + " · " + safe(o.credential) + "\n"
        out += "client-request-id " + o.correlationId + "\n"
        for warning in o.warnings { out += tokens.style("⚠ ", .yellow) + safe(warning) + "\n" }
        out += "\n"
        switch o.result {
        case let .success(response): out += success(response, o)
        case let .rejected(status, error, problem): out += rejected(status, error, problem, o)
        case let .transportFailure(error):
            out += tokens.style("✘ No answer from the authority: ", .red) + safe(error.message) + "\n  " + ExchangeAdvice.transportHint(error) + "\n"
        case let .notSent(error):
            out += tokens.style("✘ Not sent: ", .red) + safe(error.field) + ": " + safe(error.message) + "\n  " + safe(error.fix) + "\n"
        }
        let ranked = advice ?? Diagnoser.diagnose(o)
        if !ranked.isEmpty { out += "\n" + AdviceHumanReport(colour: colour).render(ranked) }
        if showTrace, !o.trace.isEmpty { out += "\n" + trace(o.trace) }
        return out
    }

    func success(_ r: TokenResponse, _ o: ExchangeOutcome) -> String {
        var line = "HTTP 200"
        if let type = r.tokenType { line += ", \(safe(type))" }
        if let expires = r.expiresIn { line += ", expires in \(expires) s" }
        var out = tokens.style("✔ Token issued: ", .green) + line + "\n"
        if !r.scope.isEmpty { out += "  scope: " + safe(r.scope.joined(separator: " ")) + "\n" }
        out += "  refresh token: \(r.refreshToken == nil ? "no" : "yes (not shown)"), ID token: \(r.idToken == nil ? "no" : "yes")\n"
        if let info = r.clientInfo { out += "  account: uid \(safe(info.uid)), home tenant \(safe(info.utid))\n" }
        for token in o.tokens {
            out += "\n" + tokens.style("Result \(token.field)", .bold) + "\n" + tokens.render(token.report)
        }
        if let diff = o.diff { out += "\n" + self.diff(diff) }
        return out
    }

    func rejected(_ status: Int, _ e: EntraErrorResponse?, _ problem: String?, _ o: ExchangeOutcome) -> String {
        var head = "HTTP \(status)"
        if let e { head += " " + safe(e.error) }
        if let codes = e?.codes, !codes.isEmpty { head += " " + codes.map { "AADSTS\($0)" }.joined(separator: ", ") }
        var out = tokens.style("✘ The authority refused: ", .red) + head + "\n"
        if let message = e?.message { out += "  " + safe(message) + "\n" }
        if let problem { out += "  " + safe(problem) + "\n" }
        let ids: [(String, String?)] = [("trace ID", e?.traceId), ("correlation ID", e?.correlationId), ("timestamp", e?.timestamp),
                                        ("suberror", e?.suberror), ("x-ms-request-id", o.requestId), ("x-ms-ests-server", o.estsServer)]
        for (label, value) in ids { if let value { out += "  " + pad(label, 16) + safe(value) + "\n" } }
        if let claims = e?.claimsText {
            out += "  " + pad("claims challenge", 16) + safe(claims) + "\n"
            out += "  " + tokens.style("↳ send it back: re-run with --claims '" + safe(claims) + "' (after the user satisfies it)", .cyan) + "\n"
        }
        if let code = e?.codes.first {
            let host = o.authorityURL.contains("microsoftonline.us") ? "login.microsoftonline.us"
                : o.authorityURL.contains("microsoftonline.cn") || o.authorityURL.contains("chinacloudapi") ? "login.partner.microsoftonline.cn" : "login.microsoftonline.com"
            out += "  " + pad("look up", 16) + "https://\(host)/error?code=\(code)\n"
        }
        if let input = o.input, input.hasErrors {
            out += "\n" + tokens.style("The input token has problems:", .bold) + "\n"
            for finding in input.findings where finding.severity == .error { out += "  ✘ " + safe(finding.message) + "\n" }
        }
        return out
    }

    func diff(_ d: ClaimDiff) -> String {
        var out = tokens.style("Compared with the input token", .bold) + "\n"
        if d.identityChanges.isEmpty {
            out += tokens.style("  identity preserved", .green) + ": " + d.identityPreserved.map(\.claim).joined(separator: ", ") + "\n"
        } else {
            out += tokens.style("  identity CHANGED", .red) + ": " + d.identityChanges.map(\.claim).joined(separator: ", ") + "\n"
        }
        for e in d.changed {
            let before = e.before.map { tokens.shortValue($0) } ?? "—", after = e.after.map { tokens.shortValue($0) } ?? "—"
            out += "  " + pad(safe(e.claim), 18) + before + " → " + after + "\n"
        }
        return out
    }

    func trace(_ entries: [HTTPTraceEntry]) -> String {
        var out = tokens.style("HTTP trace (secrets redacted)", .bold) + "\n"
        for e in entries {
            out += tokens.style("→ \(e.request.method) \(safe(e.request.url))", .cyan) + "  (attempt \(e.attempt), \(e.elapsedMilliseconds) ms)\n"
            for h in e.request.headers { out += "    " + safe(h.name) + ": " + safe(h.value) + "\n" }
            for f in e.request.form { out += "    · " + safe(f.name) + " = " + safe(f.value) + "\n" }
            if let header = e.clientAssertionHeader, let claims = e.clientAssertionClaims {
                out += "    client assertion header " + safe(JSONWriter.write(header, pretty: false)) + "\n"
                out += "    client assertion claims " + safe(JSONWriter.write(claims, pretty: false)) + "\n"
            }
            if let r = e.response {
                out += tokens.style("← HTTP \(r.status)", r.status < 400 ? .green : .red) + "\n"
                for h in r.headers { out += "    " + safe(h.name) + ": " + safe(h.value) + "\n" }
                for line in r.body.split(separator: "\n", omittingEmptySubsequences: false) { out += "    " + safe(String(line)) + "\n" }
            }
            if let error = e.transportError { out += tokens.style("← no answer: ", .red) + safe(error) + "\n" }
            if let note = e.note { out += "    ↻ " + safe(note) + "\n" }
        }
        return out
    }

    func safe(_ text: String) -> String { TerminalSafe.escape(text) }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
