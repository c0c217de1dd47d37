import Synchronization

/// `grant_type=refresh_token`: a new access token (and a new refresh token) from a refresh token,
/// for any resource the client has consent for. As with Entra, a redeemed refresh token is not
/// revoked: it keeps working, and using it counts as activity for the 90-day inactivity limit.
/// SPA refresh tokens are the exception: 24 hours from the sign-in, never extended, cross-origin.
enum RefreshTokenGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        let directory = authority.directory
        let segment = try TenantSegment.resolve(request.tenantSegment, in: directory)
        let token = try request.require("refresh_token")
        guard let grant = authority.grants.refreshTokens.withLock({ $0[token] }),
              let user = directory.user(named: grant.user), let grantTenant = directory.tenant(named: grant.tenant) else {
            throw SandboxErrors.refreshTokenInvalid()
        }
        // A refresh token serves the user in any tenant they belong to (MSAL refreshes across
        // tenants with one token); /common and /organizations stay in the token's tenant.
        let tenant: Tenant
        switch segment {
        case let .tenant(t): tenant = t
        case .tenantless: tenant = grantTenant
        }
        let client = try ClientAuthenticator.client(request, tenant: tenant, in: authority)
        let method = try ClientAuthenticator.authenticate(request, app: client, tenant: tenant, in: authority)
        guard client.name == grant.client else { throw SandboxErrors.refreshTokenOtherClient(client.clientId) }
        try AuthorizationCodeGrant.checkOrigin(spa: grant.spa, request: request)

        let ledger = authority.sidecar.refreshLedger
        let entry = ledger.entry(token)
        if grant.spa {
            if request.now - grant.issued > GrantStore.spaRefreshLifetime { throw SandboxErrors.spaRefreshTokenExpired(issued: grant.issued) }
        } else if request.now - (entry?.lastUsed ?? grant.issued) > GrantStore.refreshInactivityLimit {
            throw SandboxErrors.refreshTokenInactive()
        }
        guard directory.user(user, belongsTo: tenant) else { throw SandboxErrors.userNotInTenant(user.upn, tenant: tenant.id) }

        // Without `scope`, the resource the token was first issued for; with several resources,
        // the first one named wins, as Entra documents.
        var scope: ScopeRequest
        if let text = request.field("scope") {
            scope = try ScopeGroups.parse(text)[0]
        } else if let original = entry?.scope {
            scope = original
        } else {
            throw SandboxErrors.missingParameter("scope")
        }
        // Every refresh returns a new refresh token, whether or not `offline_access` is repeated.
        scope.oidc.insert("offline_access")
        ledger.touch(token, now: request.now)
        let signIn = UserSignIn(tenant: tenant, client: client, user: user, mfa: grant.mfa, clientAuth: method,
                                clientCapabilities: ClaimsRequest.clientCapabilities(request.field("claims")))
        return try UserTokenIssuer.issue(scope, for: signIn, nonce: nil, refresh: .init(spa: grant.spa, firstIssued: grant.issued),
                                         request: request, authority: authority)
    }
}
