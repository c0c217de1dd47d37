/// One exchange to run, as data: what the effect runner needs to build the request. It holds
/// secrets, so its description is redacted; it lives only in memory (no history file).
public struct ExchangeJob: Equatable, Sendable, CustomStringConvertible {
    public enum Credential: Equatable, Sendable {
        case secret(String)
        case certificate(path: String, keyPath: String?, password: String?)
        /// A literal JWT, or `@FILE` (re-read per request).
        case assertion(String)
        case none
    }

    public var flow: FlowChoice
    /// `https://login.microsoftonline.com` or the sandbox's base URL.
    public var authorityHost: String
    /// Tenant GUID, domain, or common/organizations/consumers.
    public var tenant: String
    public var clientId: String
    public var scopes: [String]
    public var credential: Credential
    /// The incoming user token (OBO), passed through untouched.
    public var userAssertion: String?
    public var refreshToken: String?
    public var redirectURI: String?
    public var loginHint: String?
    public var expectedAudiences: [String]

    public init(flow: FlowChoice, authorityHost: String, tenant: String, clientId: String, scopes: [String], credential: Credential,
                userAssertion: String? = nil, refreshToken: String? = nil, redirectURI: String? = nil, loginHint: String? = nil,
                expectedAudiences: [String] = []) {
        self.flow = flow
        self.authorityHost = authorityHost
        self.tenant = tenant
        self.clientId = clientId
        self.scopes = scopes
        self.credential = credential
        self.userAssertion = userAssertion
        self.refreshToken = refreshToken
        self.redirectURI = redirectURI
        self.loginHint = loginHint
        self.expectedAudiences = expectedAudiences
    }

    /// `http://127.0.0.1:PORT/contoso` (no trailing slash on the host).
    public var authorityURL: String {
        var host = authorityHost
        while host.hasSuffix("/") { host.removeLast() }
        return host + "/" + tenant
    }

    public var credentialSummary: String {
        switch credential {
        case .secret: return "client secret"
        case let .certificate(path, _, _): return "certificate \(path)"
        case let .assertion(value): return value.hasPrefix("@") ? "client assertion \(value)" : "client assertion (pasted)"
        case .none: return "none (public client)"
        }
    }

    public var description: String {
        "\(flow.title) · \(authorityURL) · client \(clientId) · \(credentialSummary) · scopes \(scopes.joined(separator: " "))"
    }
}
