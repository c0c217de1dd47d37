/// How the client proved who it is; becomes `azpacr`/`appidacr` in the tokens it gets.
public enum ClientAuthMethod: String, Sendable {
    case none = "0"
    case secret = "1"
    case assertion = "2"
}

/// Finds the calling app in the tenant and checks its credential, as Entra does: secrets in the
/// body or HTTP Basic, certificate assertions (`private_key_jwt`), federated assertions.
enum ClientAuthenticator {
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// The app named by `client_id` (or Basic), registered in or consented to `tenant`.
    static func client(_ request: TokenRequest, tenant: Tenant, in authority: SandboxAuthority) throws(EntraError) -> AppRegistration {
        guard let clientID = request.clientID else { throw SandboxErrors.missingParameter("client_id") }
        guard let app = authority.directory.app(clientId: clientID),
              authority.directory.hasServicePrincipal(app: app, in: tenant) || (app.multiTenant && app.publicClient) else {
            throw SandboxErrors.appNotFound(clientID, tenant: tenant.id)
        }
        return app
    }

    static func authenticate(_ request: TokenRequest, app: AppRegistration, tenant: Tenant, in authority: SandboxAuthority) throws(EntraError) -> ClientAuthMethod {
        let secret = request.field("client_secret") ?? request.basicCredentials?.secret
        let assertion = request.field("client_assertion")
        if app.publicClient {
            guard secret == nil, assertion == nil else { throw SandboxErrors.publicClientWithCredential() }
            return .none
        }
        if let assertion {
            guard request.field("client_assertion_type") == assertionType else {
                throw SandboxErrors.missingParameter("client_assertion_type")
            }
            try ClientAssertionValidator.validate(assertion, app: app, request: request, tenant: tenant, authority: authority)
            return .assertion
        }
        guard let secret else { throw SandboxErrors.noCredential() }
        if let match = app.secrets.first(where: { $0.value == secret }) {
            guard match.expires > request.now else { throw SandboxErrors.expiredSecret(app.clientId) }
            return .secret
        }
        // Sending the secret's ID instead of its value is the classic mistake: same error, clearer hint.
        throw SandboxErrors.invalidSecret(app.clientId)
    }
}
