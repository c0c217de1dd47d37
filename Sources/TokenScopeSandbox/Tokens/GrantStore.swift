import Synchronization

/// An authorization code waiting to be redeemed.
struct CodeGrant: Sendable {
    let client: String
    let tenant: String
    let user: String
    let scope: ScopeRequest
    let redirectURI: String
    let challenge: String?
    let challengeMethod: String
    let nonce: String?
    let expires: Int64
    let mfa: Bool
    let clientCapabilities: [String]
    var redeemed = false
}

/// A refresh token's grant: who, for which client, in which tenant, until when.
struct RefreshGrant: Sendable {
    let client: String
    let tenant: String
    let user: String
    let mfa: Bool
    let issued: Int64
    /// SPA refresh tokens live 24 h and must be redeemed cross-origin.
    let spa: Bool
}

/// A device code and its user code, approved (or not yet) by a user.
struct DeviceGrant: Sendable {
    let client: String
    let tenant: String
    let scope: ScopeRequest
    let userCode: String
    let expires: Int64
    let interval: Int
    var approvedBy: String?
    var declined = false
    var redeemed = false
}

/// Codes, refresh tokens and device codes issued by the sandbox, in memory (they die with it, as
/// a restart of Entra's session layer would not, but that is fine for a local authority).
final class GrantStore: Sendable {
    let codes = Mutex<[String: CodeGrant]>([:])
    let refreshTokens = Mutex<[String: RefreshGrant]>([:])
    let deviceCodes = Mutex<[String: DeviceGrant]>([:])

    static let codeLifetime: Int64 = 600
    static let refreshInactivityLimit: Int64 = 90 * 86_400
    static let spaRefreshLifetime: Int64 = 86_400

    func issueRefreshToken(_ grant: RefreshGrant) -> String {
        let token = "1.A" + Random.token(96)
        refreshTokens.withLock { $0[token] = grant }
        return token
    }
}
