/// What one exchange produced, for every face: the token response (inspected, diffed against the
/// input) or the authority's refusal (parsed) or the transport's failure — and always the
/// redacted HTTP trace.
public struct ExchangeOutcome: Sendable {
    public enum Result: Sendable {
        case success(TokenResponse)
        /// The authority answered with an error status, or with a body that is not a token
        /// response. `error` is nil when the body was not an Entra error (HTML, truncated JSON).
        case rejected(status: Int, error: EntraErrorResponse?, bodyProblem: String?)
        /// No HTTP answer: DNS, TLS, refused, reset, timeout.
        case transportFailure(TransportError)
        /// Nothing was sent: the input could not make a request (an assertion file missing…).
        case notSent(ExchangeInputError)
    }

    /// A token of the response, inspected with the foundation's inspector.
    public struct ResultToken: Sendable {
        /// `access_token`, `id_token`, `refresh_token`.
        public let field: String
        public let report: TokenReport
    }

    public let flow: ExchangeFlow
    public let authorityURL: String
    public let tokenEndpoint: String?
    public let clientId: String
    public let credential: String
    public let correlationId: String
    public let result: Result
    public let trace: [HTTPTraceEntry]
    public let tokens: [ResultToken]
    /// The input token (OBO assertion) inspected, when there was one.
    public let input: TokenReport?
    public let diff: ClaimDiff?
    /// Things the user chose that MSAL.NET would warn about (e.g. OBO on /common).
    public let warnings: [String]
    /// `x-ms-request-id` of the last response (Entra's server-side request ID).
    public let requestId: String?
    /// `x-ms-ests-server` of the last response.
    public let estsServer: String?
    public let elapsedMilliseconds: Int

    public var succeeded: Bool {
        if case .success = result { return true }
        return false
    }

    /// The CLI contract: 0 success, 1 the authority refused, 2 bad input, 3 network or TLS.
    public var exitCode: Int32 {
        switch result {
        case .success: return 0
        case .rejected: return 1
        case .notSent: return 2
        case .transportFailure: return 3
        }
    }
}
