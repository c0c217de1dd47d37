/// What a token finding means for one flow.
public struct FlowNote: Sendable, Equatable {
    public let flow: KnowledgeFlow
    public let note: String

    public init(flow: KnowledgeFlow, note: String) {
        self.flow = flow
        self.note = note
    }
}

/// Advice for one token finding ID of the inspector.
public struct FindingAdvice: Sendable, Equatable {
    public let id: FindingID
    public let title: String
    public let meaning: String
    /// Per-flow notes in file order; a note for `.any` covers the flows not listed.
    public let flows: [FlowNote]
    public let fix: [String]
    public let fixer: Fixer
    /// AADSTS codes this finding typically explains.
    public let codes: [Int]

    public init(id: FindingID, title: String, meaning: String, flows: [FlowNote], fix: [String], fixer: Fixer, codes: [Int]) {
        self.id = id
        self.title = title
        self.meaning = meaning
        self.flows = flows
        self.fix = fix
        self.fixer = fixer
        self.codes = codes
    }

    /// The note for `flow`, falling back to the `any` note.
    public func note(for flow: KnowledgeFlow) -> String? {
        flows.first { $0.flow == flow }?.note ?? flows.first { $0.flow == .any }?.note
    }
}
