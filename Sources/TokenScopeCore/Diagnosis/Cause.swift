/// One likely root cause of an error, with how to confirm it and how to fix it.
///
/// A cause `id` is stable (the diagnoser uses it as the advice ID). The same `id` may appear under
/// several codes; it then denotes the same cause, and the loader checks that every copy is identical.
public struct Cause: Sendable, Equatable {
    public let id: String
    public let cause: String
    public let flows: [KnowledgeFlow]
    /// How to check that this is the cause: claims, portal blades, `az` commands, headers.
    public let confirm: [String]
    /// Concrete steps, in order.
    public let fix: [String]
    /// The MSAL.NET code change, where there is one.
    public let msalNet: String?
    /// Token findings that are evidence for this cause (an `id-token` finding for "the ID token was sent").
    public let findings: [FindingID]

    public init(id: String, cause: String, flows: [KnowledgeFlow], confirm: [String], fix: [String],
                msalNet: String?, findings: [FindingID]) {
        self.id = id
        self.cause = cause
        self.flows = flows
        self.confirm = confirm
        self.fix = fix
        self.msalNet = msalNet
        self.findings = findings
    }

    /// True when the cause concerns `flow`; a cause for `any` flow applies everywhere, and asking
    /// for `.any` matches every cause.
    public func applies(to flow: KnowledgeFlow) -> Bool {
        flow == .any || flows.contains(flow) || flows.contains(.any)
    }
}
