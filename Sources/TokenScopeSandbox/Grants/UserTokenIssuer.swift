import TokenScopeCore

/// Issues the tokens of a user sign-in for one resource, shared by the authorization code, device
/// code and refresh token grants: consent and conditional access are checked again here, because
/// they may have changed since the sign-in (and a refresh may name another resource).
enum UserTokenIssuer {
    /// How the refresh token in the response must behave.
    struct RefreshOptions {
        /// Issued through a `spa` redirect URI: 24 h from the first sign-in, cross-origin only.
        var spa = false
        /// For SPA tokens, when the chain of refresh tokens began (it never extends).
        var firstIssued: Int64?
    }

    static func issue(_ scope: ScopeRequest, for signIn: UserSignIn, nonce: String?, refresh: RefreshOptions,
                      request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        let directory = authority.directory
        let tenant = signIn.tenant
        // Only OIDC scopes: Entra answers with a Microsoft Graph token, as the docs say.
        let resourceID = scope.resource ?? ScopeRequest.graphResource
        guard let resource = directory.app(resource: resourceID), directory.hasServicePrincipal(app: resource, in: tenant) else {
            throw SandboxErrors.resourceNotFound(resourceID, tenant: tenant.id)
        }
        let consented = authority.consentedScopes(client: signIn.client, resource: resource, user: signIn.user, tenant: tenant)
        let granted: [String]
        if scope.names.isEmpty || scope.isDefault {
            granted = resource.scopes.map(\.value).filter(consented.contains)
            if scope.isDefault, granted.isEmpty { throw SandboxErrors.consentRequired(client: signIn.client, resource: resource) }
        } else {
            guard scope.names.allSatisfy(consented.contains) else { throw SandboxErrors.consentRequired(client: signIn.client, resource: resource) }
            granted = scope.names
        }
        try ConditionalAccess.evaluate(user: signIn.user, resource: resource, mfa: signIn.mfa, directory: directory)

        // Graph tokens also carry the OIDC permissions (`scp: "User.Read openid profile"`), as Entra's do.
        let isGraph = resource.appIdUris.contains { SandboxDirectory.trimmed($0) == ScopeRequest.graphResource }
        let oidcInScp = isGraph ? ["openid", "profile", "email"].filter(scope.oidc.contains) : []
        let mint = MintRequest(tenant: tenant, client: signIn.client, resource: resource, user: signIn.user, scopes: granted + oidcInScp,
                               clientAuth: signIn.clientAuth.rawValue, requestedResource: resourceID,
                               clientCapabilities: signIn.clientCapabilities, mfa: signIn.mfa)
        let now = request.now
        let accessToken = authority.minter.accessToken(mint, now: now)
        let idToken = scope.openid ? authority.minter.idToken(tenant: tenant, client: signIn.client, user: signIn.user, nonce: nonce, now: now) : nil

        var responseScope = scope
        responseScope.resource = resourceID
        var refreshToken: String?
        if scope.offlineAccess {
            let grant = RefreshGrant(client: signIn.client.name, tenant: tenant.name, user: signIn.user.name, mfa: signIn.mfa,
                                     issued: refresh.spa ? (refresh.firstIssued ?? now) : now, spa: refresh.spa)
            let token = authority.grants.issueRefreshToken(grant)
            authority.sidecar.refreshLedger.record(token, scope: responseScope, now: now)
            refreshToken = token
        }
        let home = directory.tenant(named: signIn.user.homeTenant)?.id ?? tenant.id
        let clientInfo = request.field("client_info") == "1" ? authority.minter.clientInfo(user: signIn.user, homeTenantID: home) : nil
        return TokenResponse(scope: responseScope.responseScope(granted: granted), expiresIn: mint.lifetime, accessToken: accessToken,
                             refreshToken: refreshToken, idToken: idToken, clientInfo: clientInfo)
    }
}
