/// Knowledge about something other than an AADSTS code: an MSAL.NET exception type or error code,
/// a `suberror`, an IdentityModel `IDX` error, ... (see `OtherKind`).
public struct OtherEntry: Sendable, Equatable {
    /// The text as it appears in the wild: `MsalUiRequiredException`, `invalid_grant`, `IDX10214`.
    public let id: String
    public let kind: OtherKind
    public let title: String
    public let meaning: String
    /// The MSAL.NET exception that carries it, where that is known.
    public let exception: MSALExceptionType?
    public let fixer: Fixer
    public let flows: [KnowledgeFlow]
    public let tags: [KnowledgeTag]
    /// AADSTS codes that typically stand behind it.
    public let codes: [Int]
    public let causes: [Cause]

    public init(id: String, kind: OtherKind, title: String, meaning: String, exception: MSALExceptionType?,
                fixer: Fixer, flows: [KnowledgeFlow], tags: [KnowledgeTag], codes: [Int], causes: [Cause]) {
        self.id = id
        self.kind = kind
        self.title = title
        self.meaning = meaning
        self.exception = exception
        self.fixer = fixer
        self.flows = flows
        self.tags = tags
        self.codes = codes
        self.causes = causes
    }

    public func causes(for flow: KnowledgeFlow) -> [Cause] {
        causes.filter { $0.applies(to: flow) }
    }
}
