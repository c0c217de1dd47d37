/// Everything one token request needs: the grant and its input, the client and its credential,
/// where to send it, and the parameters MSAL.NET would add.
public struct ExchangeRequest: Sendable {
    public enum Grant: Sendable {
        /// The incoming user token, passed through untouched as `assertion`.
        case onBehalfOf(userAssertion: String)
        case clientCredentials
        case authorizationCode(code: String, redirectURI: String, codeVerifier: String?)
        case refreshToken(String)
        case deviceCode(String)
    }

    public var grant: Grant
    public var authority: Authority
    public var clientId: String
    public var scopes: [String]
    public var credential: ClientCredential
    /// A claims challenge to send back (compact JSON object).
    public var claimsChallenge: JSONValue?
    /// Client capabilities, e.g. `cp1` (CAE-ready), merged into `claims`.
    public var clientCapabilities: [String]
    /// Add `openid profile offline_access` to user flows (MSAL always does).
    public var addReservedScopes: Bool
    /// The `client-request-id` header; Entra echoes it as `correlation_id`.
    public var correlationId: String

    public init(grant: Grant, authority: Authority, clientId: String, scopes: [String], credential: ClientCredential,
                claimsChallenge: JSONValue? = nil, clientCapabilities: [String] = [], addReservedScopes: Bool = true,
                correlationId: String = GUID.make()) {
        self.grant = grant
        self.authority = authority
        self.clientId = clientId
        self.scopes = scopes
        self.credential = credential
        self.claimsChallenge = claimsChallenge
        self.clientCapabilities = clientCapabilities
        self.addReservedScopes = addReservedScopes
        self.correlationId = correlationId
    }

    public var flow: ExchangeFlow {
        switch grant {
        case .onBehalfOf: return .onBehalfOf
        case .clientCredentials: return .clientCredentials
        case .authorizationCode: return .authorizationCode
        case .refreshToken: return .refreshToken
        case .deviceCode: return .deviceCode
        }
    }

    /// The user token this exchange starts from, if any (for the claim diff).
    public var inputToken: String? {
        if case let .onBehalfOf(assertion) = grant { return assertion }
        return nil
    }
}
