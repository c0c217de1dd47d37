public import TokenScopeCore

/// What the token pane found in the pasted text: every token in it, inspected. Reports are not
/// Equatable (they carry parsed JSON), so equality is by the text and the context generation —
/// the same text inspected under the same context is the same result.
public struct InspectedPaste: Equatable, Sendable {
    public let text: String
    public let reports: [TokenReport]
    /// A specific message when nothing could be extracted (empty, too large, no token found).
    public let problem: String?
    let generation: Int

    public static func == (lhs: InspectedPaste, rhs: InspectedPaste) -> Bool {
        lhs.generation == rhs.generation && lhs.text == rhs.text && lhs.problem == rhs.problem
    }

    static func inspect(_ text: String, context: InspectionContext, generation: Int) -> InspectedPaste {
        do {
            let reports = try TokenInspector.inspect(text: text, context: context)
            return InspectedPaste(text: text, reports: reports, problem: reports.isEmpty ? "no token found in the pasted text" : nil, generation: generation)
        } catch {
            return InspectedPaste(text: text, reports: [], problem: error.description, generation: generation)
        }
    }
}
