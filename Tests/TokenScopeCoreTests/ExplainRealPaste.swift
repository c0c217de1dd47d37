import Testing
import TokenScopeCore

/// A real paste from a public issue tracker or Q&A page, stored verbatim (e-mail addresses of
/// users replaced by `user@example.com`; the pastes hold no secret or token), with what it must
/// yield. `top` is the root cause the thread itself established where it did, else the most
/// likely cause the message supports.
struct RealPaste: Sendable, CustomTestStringConvertible {
    let name: String
    /// Where the paste comes from.
    let source: String
    let text: String
    /// Every AADSTS code, in order (wrapper 70002 last).
    let codes: [Int]
    var idx: [String] = []
    var traceId: String?
    var correlationId: String?
    /// How many errors the paste holds, when more than one.
    var errors = 1
    /// The flow the paste must point to, when it names one.
    var flow: KnowledgeFlow?
    /// The advice ID that must rank first.
    let top: String
    /// The thread's root cause is something the paste cannot show (the expected `top` is the
    /// thread's answer); counted in the accuracy figure, not asserted on its own.
    var knownMiss = false

    var testDescription: String { name }
}
