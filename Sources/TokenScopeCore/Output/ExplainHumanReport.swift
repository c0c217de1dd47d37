/// Renders `tokenscope explain` for people: each error with what support asks for (codes, trace
/// and correlation IDs, timestamp, suberror), the decoded claims challenge, the tokens found
/// (summary and findings), then the ranked advice. Everything from the paste is escaped.
public struct ExplainHumanReport {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    var base: HumanReport { HumanReport(colour: colour) }

    public func render(_ d: PastedDiagnosis, advice: [Advice], flow: KnowledgeFlow?, flowSource: ExplainJSON.FlowSource?,
                       knowledge: KnowledgeBase = .shared) -> String {
        var out = ""
        var head = "\(d.errors.count) error\(d.errors.count == 1 ? "" : "s"), \(d.tokens.count) token\(d.tokens.count == 1 ? "" : "s")"
        if let flow {
            head += " · flow: \(flow.displayName)"
            if flowSource == .paste, let evidence = d.flowHint?.evidence.prefix(2), !evidence.isEmpty {
                head += " (from the paste: " + evidence.map { safe($0) }.joined(separator: ", ") + ")"
            }
        }
        out += base.style("tokenscope explain", .bold) + " · " + head + "\n"
        let cloud = d.cloud ?? .public
        for (index, error) in d.errors.enumerated() {
            out += "\n" + base.style("Error \(index + 1): \(safe(error.label))", .red)
            if let value = error.error { out += base.style(" (\(safe(value)))", .red) }
            if let code = error.codes.first, let entry = knowledge.entry(code: code) { out += " " + base.style("— " + safe(entry.title), .bold) }
            out += "\n"
            if let message = error.message { out += AdviceHumanReport(colour: colour).wrap(safe(message), indent: 2) }
            for code in error.codes {
                guard let entry = knowledge.entry(code: code) else { continue }
                let name = entry.name.map { " (\($0))" } ?? ""
                out += AdviceHumanReport(colour: colour).wrap(base.style("AADSTS\(code)\(name): ", .dim) + safe(entry.meaning), indent: 2)
            }
            for id in error.idxCodes {
                guard let entry = knowledge.other(id: id) else { continue }
                out += AdviceHumanReport(colour: colour).wrap(base.style("\(id): ", .dim) + safe(entry.meaning), indent: 2)
            }
            let rows: [(String, String?)] = [
                ("trace ID", error.traceId), ("correlation ID", error.correlationId), ("request ID", error.requestId),
                ("client-request-id", error.clientRequestId), ("timestamp", error.timestamp), ("suberror", error.suberror),
                ("HTTP status", error.httpStatus.map(String.init)),
            ]
            for (label, value) in rows { if let value { out += "  " + pad(label, 18) + safe(value) + "\n" } }
            if !error.exceptions.isEmpty { out += "  " + pad("exception", 18) + error.exceptions.map(safe).joined(separator: ", ") + "\n" }
            if !error.msalErrors.isEmpty { out += "  " + pad("MSAL error", 18) + error.msalErrors.map(safe).joined(separator: ", ") + "\n" }
            if let code = error.codes.first, let entry = knowledge.entry(code: code) {
                out += "  " + pad("MSAL.NET", 18) + entry.msal.exception.rawValue + ", ErrorCode " + entry.msal.errorCode + "\n"
            }
            if let challenge = error.wwwAuthenticate {
                out += "  " + pad("WWW-Authenticate", 18) + safe(String(challenge.raw.prefix(160))) + (challenge.raw.count > 160 ? "…" : "") + "\n"
            }
            if let claims = error.claimsChallenge {
                out += "  " + pad("claims challenge", 18) + safe(claims.json ?? claims.raw) + "\n"
                for line in claims.explanation { out += "    " + base.style("↳ " + safe(line), .cyan) + "\n" }
            }
            if let network = error.network { out += "  " + pad("network", 18) + network.kind.rawValue + " (" + safe(network.matched) + ")\n" }
            for code in error.codes {
                out += "  " + pad("look up", 18) + KnowledgeBase.lookupURL(code: code, cloud: cloud) + "\n"
            }
        }
        if !d.tokens.isEmpty {
            out += "\n" + base.style("Tokens in the paste", .bold) + "  " + base.style("(tokenscope decode shows every claim)", .dim) + "\n"
            for (index, token) in d.tokens.enumerated() {
                out += "  \(index + 1). " + safe(token.summary) + "\n"
                for finding in token.findings where finding.severity != .info {
                    let mark = finding.severity == .error ? base.style("✖", .red) : base.style("▲", .yellow)
                    out += "     " + mark + " " + finding.id.rawValue + ": " + safe(finding.message) + "\n"
                }
            }
        }
        out += "\n" + AdviceHumanReport(colour: colour).render(advice)
        return out
    }

    /// `tokenscope explain --choose-flow`.
    public func render(_ r: FlowRecommendation) -> String {
        let advice = AdviceHumanReport(colour: colour)
        var out = base.style("Recommended: " + r.title, .bold) + "\n"
        out += advice.wrap(r.summary, indent: 2)
        out += "\n  " + base.style("Credential", .cyan) + "\n" + advice.wrap(r.credential, indent: 4)
        out += "\n  " + base.style("Steps", .cyan) + "\n"
        for (n, step) in r.steps.enumerated() { out += advice.wrap(step, indent: 4, bullet: "\(n + 1). ") }
        out += "\n  " + base.style("Avoid", .cyan) + "\n"
        for item in r.avoid { out += advice.wrap(item, indent: 4, bullet: "• ") }
        out += "\n  " + base.style("MSAL.NET", .cyan) + "\n" + advice.wrap(r.msalNet, indent: 4)
        out += "\n  " + base.style("Try it", .cyan) + "\n    " + r.tryIt + "\n"
        return out
    }

    func safe(_ text: String) -> String { TerminalSafe.escape(text) }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
