/// What an MSAL.NET developer sees for an error: the exception type and its `ErrorCode`.
public struct MSALException: Sendable, Equatable {
    public let exception: MSALExceptionType
    public let errorCode: String

    public init(exception: MSALExceptionType, errorCode: String) {
        self.exception = exception
        self.errorCode = errorCode
    }
}

/// Everything the knowledge base knows about one AADSTS code.
public struct AADSTSEntry: Sendable, Equatable {
    public let code: Int
    /// Microsoft's short name (`InvalidClientSecretExpiredKeysProvided`); nil where Microsoft gives none.
    public let name: String?
    /// A short headline in plain words (ours).
    public let title: String
    /// What the code means, in one or two sentences.
    public let meaning: String
    /// The OAuth `error` value the code usually arrives with.
    public let error: String
    public let flows: [KnowledgeFlow]
    public let msal: MSALException
    public let fixer: Fixer
    public let tags: [KnowledgeTag]
    /// Likely causes, most likely first. Empty for codes without detailed advice.
    public let causes: [Cause]

    public init(code: Int, name: String?, title: String, meaning: String, error: String, flows: [KnowledgeFlow],
                msal: MSALException, fixer: Fixer, tags: [KnowledgeTag], causes: [Cause]) {
        self.code = code
        self.name = name
        self.title = title
        self.meaning = meaning
        self.error = error
        self.flows = flows
        self.msal = msal
        self.fixer = fixer
        self.tags = tags
        self.causes = causes
    }

    /// `AADSTS50013`.
    public var displayCode: String { "AADSTS\(code)" }

    /// The causes that apply to `flow`, in their ranked order. `.any` returns every cause.
    public func causes(for flow: KnowledgeFlow) -> [Cause] {
        causes.filter { $0.applies(to: flow) }
    }

    public func lookupURL(cloud: Cloud = .public) -> String {
        KnowledgeBase.lookupURL(code: code, cloud: cloud)
    }
}
