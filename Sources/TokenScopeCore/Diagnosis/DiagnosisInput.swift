/// What the caller knows beyond the failure itself.
public struct DiagnosisContext: Sendable {
    /// The authority the request used (`https://login.microsoftonline.com/common`).
    public var authority: String?
    /// Client IDs or App ID URIs the input token should be for (the middle tier in OBO).
    public var expectedAudiences: [String]
    /// The client ID that made the request.
    public var clientId: String?

    public init(authority: String? = nil, expectedAudiences: [String] = [], clientId: String? = nil) {
        self.authority = authority
        self.expectedAudiences = expectedAudiences
        self.clientId = clientId
    }
}

/// Everything the diagnoser ranks advice from. Build it from a paste
/// (`DiagnosisInput(pasted:flow:credential:context:)`) or an exchange outcome
/// (`DiagnosisInput(outcome:context:)`), or fill it directly.
public struct DiagnosisInput: Sendable {
    /// Refusals of the authority or an API, as parsed errors.
    public var errors: [ParsedError]
    /// Tokens involved (the OBO assertion, pasted tokens), with their findings.
    public var tokens: [TokenReport]
    /// The flow the user stated (`--flow`) or ran (`tokenscope exchange obo`): a hard filter.
    public var flow: KnowledgeFlow?
    /// The flow the paste points to: a soft hint.
    public var flowHint: FlowHint?
    /// The credential the user stated or used.
    public var credential: CredentialKind?
    public var credentialHint: CredentialHint?
    public var facts: PasteFacts
    public var context: DiagnosisContext
    /// The cloud for lookup links; public when unknown.
    public var cloud: Cloud?
    /// No HTTP answer at all.
    public var transport: TransportError?
    /// Nothing was sent: the input could not make a request.
    public var inputError: ExchangeInputError?
    /// An answer that is not an Entra error (HTML from a proxy, an empty 5xx, a 429 without body).
    public var unparsedResponse: UnparsedResponse?

    public struct UnparsedResponse: Sendable, Equatable {
        public var status: Int
        public var problem: String?

        public init(status: Int, problem: String?) {
            self.status = status
            self.problem = problem
        }
    }

    public init(errors: [ParsedError] = [], tokens: [TokenReport] = [], flow: KnowledgeFlow? = nil, flowHint: FlowHint? = nil,
                credential: CredentialKind? = nil, credentialHint: CredentialHint? = nil, facts: PasteFacts = PasteFacts(),
                context: DiagnosisContext = DiagnosisContext(), cloud: Cloud? = nil, transport: TransportError? = nil,
                inputError: ExchangeInputError? = nil, unparsedResponse: UnparsedResponse? = nil) {
        self.errors = errors
        self.tokens = tokens
        self.flow = flow
        self.flowHint = flowHint
        self.credential = credential
        self.credentialHint = credentialHint
        self.facts = facts
        self.context = context
        self.cloud = cloud
        self.transport = transport
        self.inputError = inputError
        self.unparsedResponse = unparsedResponse
    }

    /// From a parsed paste. `flow` and `credential` are what the user stated, if anything.
    public init(pasted: PastedDiagnosis, flow: KnowledgeFlow? = nil, credential: CredentialKind? = nil,
                context: DiagnosisContext = DiagnosisContext()) {
        self.init(errors: pasted.errors, tokens: pasted.tokens, flow: flow, flowHint: pasted.flowHint, credential: credential,
                  credentialHint: pasted.credentialHint, facts: pasted.facts, context: context, cloud: pasted.cloud)
    }

    /// From the outcome of `tokenscope exchange`: its flow, credential, input token (the OBO
    /// assertion, with findings) and result. `context.authority` and `context.clientId` default
    /// to the outcome's.
    public init(outcome: ExchangeOutcome, context: DiagnosisContext = DiagnosisContext()) {
        var context = context
        if context.authority == nil { context.authority = outcome.authorityURL }
        if context.clientId == nil { context.clientId = outcome.clientId }
        self.init(flow: KnowledgeFlow(rawValue: outcome.flow.rawValue), credential: Self.credentialKind(outcome.credential),
                  context: context, cloud: URLParts(outcome.authorityURL).flatMap { Cloud.cloud(forHost: $0.host) })
        tokens = outcome.input.map { [$0] } ?? []
        switch outcome.result {
        case .success:
            break
        case let .rejected(status, error, problem):
            if let error {
                var parsed = ParsedError(codes: error.codes, error: error.error, message: error.message, traceId: error.traceId,
                                         correlationId: error.correlationId, requestId: outcome.requestId, timestamp: error.timestamp,
                                         suberror: error.suberror, httpStatus: status)
                parsed.claimsChallenge = error.claimsText.flatMap(ClaimsChallengeExplainer.explain)
                errors = [parsed]
                // The message's own values (audiences, times, subjects) are evidence too.
                if let description = error.description { facts = PastedErrorParser.parse(description, now: 0).facts }
            } else {
                unparsedResponse = UnparsedResponse(status: status, problem: problem)
            }
        case let .transportFailure(error):
            transport = error
        case let .notSent(error):
            inputError = error
        }
        if let tenant = URLParts(outcome.authorityURL).map({ $0.path.split(separator: "/").first.map(String.init) ?? "" }), !tenant.isEmpty {
            facts.authorityTenants.append(tenant)
        }
    }

    /// `client secret`, `certificate x5t#S256 …`, `client assertion (file …)`, `none (public client)`.
    static func credentialKind(_ summary: String) -> CredentialKind? {
        let s = summary.lowercased()
        if s.hasPrefix("client secret") { return .secret }
        if s.hasPrefix("certificate") { return .certificate }
        if s.hasPrefix("client assertion") { return .federated }
        if s.hasPrefix("none") { return CredentialKind.none }
        return nil
    }
}
