/// The token-endpoint flows `tokenscope exchange` runs. Raw values are the CLI subcommands and the
/// `flow` of the `--json` document (a public contract).
public enum ExchangeFlow: String, Sendable, CaseIterable {
    case onBehalfOf = "obo"
    case clientCredentials = "client-credentials"
    case authorizationCode = "auth-code"
    case deviceCode = "device-code"
    case refreshToken = "refresh"

    public var displayName: String {
        switch self {
        case .onBehalfOf: return "On-Behalf-Of"
        case .clientCredentials: return "client credentials"
        case .authorizationCode: return "authorization code + PKCE"
        case .deviceCode: return "device code"
        case .refreshToken: return "refresh token"
        }
    }

    /// The form `grant_type` MSAL.NET sends.
    public var grantType: String {
        switch self {
        case .onBehalfOf: return "urn:ietf:params:oauth:grant-type:jwt-bearer"
        case .clientCredentials: return "client_credentials"
        case .authorizationCode: return "authorization_code"
        case .deviceCode: return "device_code"
        case .refreshToken: return "refresh_token"
        }
    }

    /// Flows that act for a signed-in user (and so get `openid profile offline_access` added).
    public var isDelegated: Bool { self != .clientCredentials }

    /// The inspector's notion of the job, for findings on the tokens involved.
    public var inspectionFlow: Flow? {
        switch self {
        case .onBehalfOf: return .obo
        case .clientCredentials: return .clientCredentials
        case .authorizationCode: return .authCode
        default: return nil
        }
    }
}
