/// How strongly the evidence of this case supports an advice item.
public enum AdviceConfidence: String, Sendable, CaseIterable, Comparable {
    /// The case's own evidence points here: a token finding, a value in the message, a code with one cause.
    case high
    /// Some evidence: the flow, the credential kind, the wording of the message.
    case medium
    /// Only the general likelihood for this code (the knowledge base's order).
    case low

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: AdviceConfidence, rhs: AdviceConfidence) -> Bool { lhs.rank < rhs.rank }
}

/// One ranked explanation of a failure: the likely cause, the evidence from this case that
/// supports it, how to confirm it, how to fix it, who can fix it.
public struct Advice: Sendable, Equatable {
    /// Stable: the knowledge base's cause ID (`obo-assertion-is-id-token`), or one of the
    /// diagnoser's own IDs (`aadsts-<code>`, `finding-<id>`, `transport-tls`, `input-<id>`,
    /// `nothing-recognised`, ...); see docs/EXPLAIN.md.
    public let id: String
    public let title: String
    /// The root cause in plain words.
    public let cause: String
    /// Why this case points here, built from the case's own values.
    public let evidence: [String]
    /// How to check that this is the cause.
    public let confirm: [String]
    /// Concrete steps, in order.
    public let fix: [String]
    /// The MSAL.NET code change, where there is one.
    public let msalNet: String?
    /// Who can fix it.
    public let owner: Fixer
    public let confidence: AdviceConfidence
    /// Microsoft's error lookup page for the code, in the right cloud.
    public let link: String?
    /// What the advice explains: `AADSTS50013`, `IDX10214`, `MsalUiRequiredException`,
    /// `insufficient_claims`, `finding id-token`, `transport`, `input`, `paste`.
    public let source: String
    /// The ranking score (higher first); for tests and debugging, not a contract.
    public let score: Int

    public init(id: String, title: String, cause: String, evidence: [String], confirm: [String], fix: [String],
                msalNet: String?, owner: Fixer, confidence: AdviceConfidence, link: String?, source: String, score: Int) {
        self.id = id
        self.title = title
        self.cause = cause
        self.evidence = evidence
        self.confirm = confirm
        self.fix = fix
        self.msalNet = msalNet
        self.owner = owner
        self.confidence = confidence
        self.link = link
        self.source = source
        self.score = score
    }

    /// A headline from a cause text: its first sentence, shortened at a clause boundary when long.
    static func headline(_ text: String, limit: Int = 100) -> String {
        var chars = Array(text)
        // The first sentence: up to ". " (a period inside `api://x.y` or `e.g.` is followed by no space).
        if let end = (0..<max(0, chars.count - 1)).first(where: { chars[$0] == "." && chars[$0 + 1] == " " }) {
            chars = Array(chars[..<end])
        }
        if chars.last == "." { chars.removeLast() }
        guard chars.count > limit else { return String(chars) }
        let head = Array(chars.prefix(limit))
        // Cut at the last clause boundary that keeps at least 40 characters.
        for separator in [[":", " "], [" ", "("], [",", " "], [";", " "]] as [[Character]] {
            var i = head.count - 2
            while i >= 40 {
                if head[i] == separator[0], head[i + 1] == separator[1] { return String(head[..<i]) }
                i -= 1
            }
        }
        if let space = head.lastIndex(of: " ") { return String(head[..<space]) + "…" }
        return String(head) + "…"
    }
}
