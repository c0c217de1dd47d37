/// Outcomes that do not come from a single `TokenEndpointClient.exchange`: an error the authorize
/// endpoint delivered on the redirect, and device code polling (many token requests, one outcome).
extension ExchangeOutcome {
    /// The authorize endpoint's refusal (an `error=` redirect) as an outcome the faces print like
    /// a token endpoint refusal: `.rejected` with status 302 (the redirect that carried it), the
    /// authorize endpoint as `tokenEndpoint`, no trace (the browser made that request). nil for
    /// `.code`.
    public static func authorizeError(_ redirect: RedirectResult, request: ExchangeRequest, authorizeEndpoint: String,
                                      elapsedMilliseconds: Int = 0) -> ExchangeOutcome? {
        guard let error = redirect.entraError else { return nil }
        return ExchangeOutcome(flow: .authorizationCode, authorityURL: request.authority.url, tokenEndpoint: authorizeEndpoint,
                               clientId: request.clientId, credential: request.credential.summary, correlationId: request.correlationId,
                               result: .rejected(status: 302, error: error, bodyProblem: nil), trace: [], tokens: [], input: nil, diff: nil,
                               warnings: [], requestId: nil, estsServer: nil, elapsedMilliseconds: elapsedMilliseconds)
    }

    /// The same outcome with another result, endpoint, trace, warnings and timing.
    func replacing(result: Result? = nil, tokenEndpoint: String?, trace: [HTTPTraceEntry], extraWarnings: [String],
                   elapsedMilliseconds: Int) -> ExchangeOutcome {
        ExchangeOutcome(flow: flow, authorityURL: authorityURL, tokenEndpoint: tokenEndpoint, clientId: clientId, credential: credential,
                        correlationId: correlationId, result: result ?? self.result, trace: trace, tokens: tokens, input: input, diff: diff,
                        warnings: warnings + extraWarnings, requestId: requestId, estsServer: estsServer,
                        elapsedMilliseconds: elapsedMilliseconds)
    }
}

extension ExchangeOutcome {
    /// The same outcome with more warnings (e.g. an ID token whose `nonce` does not match).
    public func adding(warnings more: [String]) -> ExchangeOutcome {
        replacing(tokenEndpoint: tokenEndpoint, trace: trace, extraWarnings: more, elapsedMilliseconds: elapsedMilliseconds)
    }
}
