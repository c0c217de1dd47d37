/// Turns an `ExchangeRequest` into the exact HTTP request MSAL.NET would send: the form fields
/// in MSAL's order, the client credential (a certificate assertion is signed here), and the
/// library headers. Pure apart from reading a client-assertion source.
public enum TokenRequestBuilder {
    public static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    public struct Built: Sendable {
        public let http: HTTPRequest
        /// The form fields in wire order (unredacted: keep out of output, use the trace).
        public let fields: [(name: String, value: String)]
        /// The certificate assertion this request carries, decoded (header and claims only).
        public let clientAssertion: ClientAssertionBuilder.Built?
    }

    public static func build(_ request: ExchangeRequest, tokenEndpoint: String, now: Int64) async throws -> Built {
        var fields: [(name: String, value: String)] = [("client_id", request.clientId), ("grant_type", request.flow.grantType)]
        var headers = ClientHeaders.tokenRequest(correlationId: request.correlationId)
        var built: ClientAssertionBuilder.Built?
        switch request.credential {
        case .none:
            break
        case let .secret(secret, basic):
            if basic {
                let pair = FormEncoding.escape(request.clientId) + ":" + FormEncoding.escape(secret.value)
                headers.append(("Authorization", "Basic " + Base64Standard.encode(Array(pair.utf8))))
            } else {
                fields.append(("client_secret", secret.value))
            }
        case let .certificate(certificate, options):
            let assertion = try ClientAssertionBuilder.build(certificate: certificate, options: options, clientId: request.clientId,
                                                             tokenEndpoint: tokenEndpoint,
                                                             authoritySupportsSHA2: request.authority.supportsSHA2Assertions, now: now)
            built = assertion
            fields += [("client_assertion", assertion.assertion), ("client_assertion_type", assertionType)]
        case let .assertion(source):
            let value = try await source.fetch().trimmedWhitespace
            guard !value.isEmpty else {
                throw ExchangeInputError("assertion-empty", field: "--client-assertion", "the client assertion from \(source.origin) is empty.",
                                         fix: "Check that the file or command produces the token (AZURE_FEDERATED_TOKEN_FILE points at a projected service-account token).")
            }
            fields += [("client_assertion", value), ("client_assertion_type", assertionType)]
        }
        // MSAL.NET asks for client_info=1 in user flows and client_info=2 for client credentials.
        fields.append(("client_info", request.flow == .clientCredentials ? "2" : "1"))
        switch request.grant {
        case .onBehalfOf, .clientCredentials: break
        case let .authorizationCode(code, redirectURI, verifier):
            if let verifier { fields.append(("code_verifier", verifier)) }
            fields += [("code", code), ("redirect_uri", redirectURI)]
        case let .refreshToken(token): fields.append(("refresh_token", token))
        case let .deviceCode(code): fields.append(("device_code", code))
        }
        let scopes = ScopeRules.scopes(for: request.flow, requested: request.scopes, addReserved: request.addReservedScopes)
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        if let claims = ClaimsChallenge.merged(challenge: request.claimsChallenge, capabilities: request.clientCapabilities) {
            fields.append(("claims", claims))
        }
        if case let .onBehalfOf(assertion) = request.grant {
            // The incoming token goes last, untouched (as msal sends it).
            fields += [("requested_token_use", "on_behalf_of"), ("assertion", assertion)]
        }
        let http = HTTPRequest(method: "POST", url: tokenEndpoint, headers: headers, body: Array(FormEncoding.encode(fields).utf8))
        return Built(http: http, fields: fields, clientAssertion: built)
    }
}
