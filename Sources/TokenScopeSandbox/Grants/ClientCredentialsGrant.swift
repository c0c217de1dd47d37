/// `grant_type=client_credentials`: an app-only token for `{resource}/.default`, with the app
/// roles assigned to the client. Refused on tenantless authorities before anything else.
enum ClientCredentialsGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        let tenant: Tenant
        switch try TenantSegment.resolve(request.tenantSegment, in: authority.directory) {
        case let .tenant(t): tenant = t
        case let .tenantless(segment): throw SandboxErrors.grantNotSupportedOnCommon(segment)
        }
        // Required parameters are checked before the credential, as Entra does.
        let scopeText = try request.require("scope")
        let client = try ClientAuthenticator.client(request, tenant: tenant, in: authority)
        let method = try ClientAuthenticator.authenticate(request, app: client, tenant: tenant, in: authority)
        if method == .none { throw SandboxErrors.noCredential() }

        let scope = try ScopeRequest.parse(scopeText)
        guard let resourceID = scope.resource, scope.isDefault else {
            throw SandboxErrors.invalidScope("client credential flows must use a single scope of the form '{resource}/.default', for example 'api://downstream-api/.default'.")
        }
        guard let resource = authority.directory.app(resource: resourceID) else {
            throw SandboxErrors.resourceNotFound(resourceID, tenant: tenant.id)
        }
        if resource.clientId == client.clientId, resourceID.lowercased() != client.clientId {
            throw SandboxErrors.tokenForItself(client.clientId)
        }
        guard authority.directory.hasServicePrincipal(app: resource, in: tenant) else {
            throw SandboxErrors.resourceNotFound(resourceID, tenant: tenant.id)
        }
        let roles = authority.directory.assignedRoles(client: client, resource: resource, tenant: tenant)
        let mint = MintRequest(tenant: tenant, client: client, resource: resource, user: nil, roles: roles,
                               clientAuth: method.rawValue, requestedResource: resourceID)
        let token = authority.minter.accessToken(mint, now: request.now)
        return TokenResponse(scope: scope.responseScope(granted: [".default"]), expiresIn: mint.lifetime, accessToken: token)
    }
}
