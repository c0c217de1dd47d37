import TokenScopeCore

/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` with `requested_token_use=on_behalf_of`:
/// the middle tier trades the user's access token for one to a downstream API. Order: required
/// parameters, the assertion's signature (the user in it picks the tenant on /common), the
/// client's credential, then what the assertion says, then scope, consent and conditional access.
enum OnBehalfOfGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        guard try request.require("requested_token_use") == "on_behalf_of" else {
            throw EntraError(400, "invalid_request", 900144, "The request body must contain 'requested_token_use=on_behalf_of' for a jwt-bearer grant.")
        }
        let assertionText = try request.require("assertion")
        let scopeText = try request.require("scope")
        let assertion = try UserAssertion.parse(assertionText, authority: authority, now: request.now)
        let directory = authority.directory
        guard let oid = assertion.oid, let tid = assertion.tid else { throw SandboxErrors.invalidAssertion("The assertion has no 'oid' or 'tid'.") }

        // The tenant: the path's, or for /common the user's home tenant (which fails for guests).
        let tenant: Tenant
        switch try TenantSegment.resolve(request.tenantSegment, in: directory) {
        case let .tenant(t): tenant = t
        case .tenantless:
            guard let user = directory.user(oid: oid), let home = directory.tenant(named: user.homeTenant) else {
                throw SandboxErrors.invalidAssertion("The assertion names no user of this directory.")
            }
            tenant = home
        }

        let client = try ClientAuthenticator.client(request, tenant: tenant, in: authority)
        let method = try ClientAuthenticator.authenticate(request, app: client, tenant: tenant, in: authority)
        if method == .none { throw SandboxErrors.noCredential() }

        if assertion.report.kind == .idToken { throw SandboxErrors.idTokenAsAssertion() }
        if let exp = assertion.exp, exp + ClientAssertionValidator.skew < request.now {
            throw SandboxErrors.assertionExpired(now: request.now, exp: exp)
        }
        if let nbf = assertion.nbf, nbf - ClientAssertionValidator.skew > request.now {
            throw SandboxErrors.assertionExpired(now: request.now, exp: assertion.exp ?? nbf)
        }
        if assertion.report.accessType == .appOnly || assertion.claims["scp"] == nil {
            throw SandboxErrors.appOnlyOnBehalfOf(client.clientId)
        }
        let accepted = [client.clientId] + client.appIdUris
        guard assertion.audiences.contains(where: { aud in accepted.contains { SandboxDirectory.trimmed($0) == SandboxDirectory.trimmed(aud) } }) else {
            throw SandboxErrors.assertionAudience(assertion.audiences.joined(separator: ","), expected: client.clientId)
        }
        guard tid == tenant.id else {
            throw SandboxErrors.invalidAssertion("The assertion was issued in tenant '\(tid)' but the request resolved to tenant '\(tenant.id)'. For guest users, call the tenant in the assertion's 'tid', not /common or /organizations.")
        }
        guard let user = directory.user(oid: oid), directory.user(user, belongsTo: tenant) else {
            throw SandboxErrors.userNotInTenant(directory.user(oid: oid)?.upn ?? oid, tenant: tenant.id)
        }
        if user.disabled { throw SandboxErrors.userDisabled(user.upn) }

        let scope = try ScopeRequest.parse(scopeText)
        guard let resourceID = scope.resource else { throw SandboxErrors.invalidScope("no resource scope was requested.") }
        guard let resource = directory.app(resource: resourceID), directory.hasServicePrincipal(app: resource, in: tenant) else {
            throw SandboxErrors.resourceNotFound(resourceID, tenant: tenant.id)
        }
        let granted = try grantedScopes(scope, client: client, resource: resource, user: user, tenant: tenant, directory: directory)
        try ConditionalAccess.evaluate(user: user, resource: resource, mfa: assertion.mfa, directory: directory)

        let capabilities = ClaimsRequest.clientCapabilities(request.field("claims"))
        let mint = MintRequest(tenant: tenant, client: client, resource: resource, user: user, scopes: granted,
                               clientAuth: method.rawValue, requestedResource: resourceID, clientCapabilities: capabilities, mfa: assertion.mfa)
        let accessToken = authority.minter.accessToken(mint, now: request.now)
        let refresh = scope.offlineAccess
            ? authority.grants.issueRefreshToken(RefreshGrant(client: client.name, tenant: tenant.name, user: user.name, mfa: assertion.mfa, issued: request.now, spa: false))
            : nil
        let home = directory.tenant(named: user.homeTenant)?.id ?? tenant.id
        return TokenResponse(scope: scope.responseScope(granted: granted), expiresIn: mint.lifetime, accessToken: accessToken,
                             refreshToken: refresh, idToken: nil,
                             clientInfo: request.field("client_info") == "1" ? authority.minter.clientInfo(user: user, homeTenantID: home) : nil)
    }

    /// The consented scopes the request names, spelt as the resource defines them: Entra compares
    /// scope names without regard to case (`user.read` is `User.Read`). `.default` is every
    /// consented scope. Anything not consented (or not exposed) needs an interactive consent.
    static func grantedScopes(_ scope: ScopeRequest, client: AppRegistration, resource: AppRegistration, user: DirectoryUser,
                              tenant: Tenant, directory: SandboxDirectory) throws(EntraError) -> [String] {
        let consented = directory.consentedScopes(client: client, resource: resource, user: user, tenant: tenant)
        let exposed = resource.scopes.map(\.value)
        if scope.isDefault {
            let granted = exposed.filter(consented.contains)
            guard !granted.isEmpty else { throw SandboxErrors.consentRequired(client: client, resource: resource) }
            return granted
        }
        var granted: [String] = []
        for name in scope.names {
            guard let canonical = exposed.first(where: { $0.lowercased() == name.lowercased() }), consented.contains(canonical) else {
                throw SandboxErrors.consentRequired(client: client, resource: resource)
            }
            if !granted.contains(canonical) { granted.append(canonical) }
        }
        return granted
    }
}
