import TokenScopeCore

/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` with `requested_token_use=on_behalf_of`:
/// the middle tier trades the user's access token for one to a downstream API. Every check Entra
/// makes, in Entra's order, each with its AADSTS code.
enum OnBehalfOfGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        guard try request.require("requested_token_use") == "on_behalf_of" else {
            throw EntraError(400, "invalid_request", 900144, "The request body must contain 'requested_token_use=on_behalf_of' for a jwt-bearer grant.")
        }
        let assertion = try UserAssertion.parse(try request.require("assertion"), authority: authority, now: request.now)
        let directory = authority.directory

        if assertion.report.kind == .idToken { throw SandboxErrors.idTokenAsAssertion() }
        if let exp = assertion.exp, exp + ClientAssertionValidator.skew < request.now {
            throw SandboxErrors.assertionExpired(now: request.now, exp: exp)
        }

        // The tenant: the path's, or for /common the user's home tenant (which fails for guests).
        guard let oid = assertion.oid, let tid = assertion.tid else { throw SandboxErrors.invalidAssertion("The assertion has no 'oid' or 'tid'.") }
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

        let scope = try ScopeRequest.parse(try request.require("scope"))
        guard let resourceID = scope.resource else { throw SandboxErrors.invalidScope("no resource scope was requested.") }
        guard let resource = directory.app(resource: resourceID), directory.hasServicePrincipal(app: resource, in: tenant) else {
            throw SandboxErrors.resourceNotFound(resourceID, tenant: tenant.id)
        }
        let consented = directory.consentedScopes(client: client, resource: resource, user: user, tenant: tenant)
        let granted = scope.isDefault ? resource.scopes.map(\.value).filter(consented.contains) : scope.names
        guard !granted.isEmpty, granted.allSatisfy(consented.contains) else {
            throw SandboxErrors.consentRequired(client: client, resource: resource)
        }
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
}

/// Conditional access: block rules stop token issuance; MFA rules send a claims challenge unless
/// the sign-in behind the request included MFA.
enum ConditionalAccess {
    static func evaluate(user: DirectoryUser, resource: AppRegistration, mfa: Bool, directory: SandboxDirectory) throws(EntraError) {
        for rule in directory.conditionalAccess where rule.resource == resource.name && (rule.users.isEmpty || rule.users.contains(user.name)) {
            switch rule.action {
            case .block: throw SandboxErrors.blockedByConditionalAccess()
            case .requireMFA where !mfa: throw SandboxErrors.mfaRequired(resource: resource, policyID: rule.id)
            case .requireMFA: continue
            }
        }
    }
}

/// The `claims` request parameter: client capabilities (`xms_cc`) and claims-challenge answers.
enum ClaimsRequest {
    /// `{"access_token":{"xms_cc":{"values":["cp1"]}}}` → `["cp1"]`.
    static func clientCapabilities(_ claims: String?) -> [String] {
        guard let claims, let value = try? JSONParser.parse(claims) else { return [] }
        return value["access_token"]?["xms_cc"]?["values"]?.stringArray ?? []
    }

    /// A claims request that answers a conditional-access challenge (`capolids` or `acrs`) asks for MFA.
    static func asksForStepUp(_ claims: String?) -> Bool {
        guard let claims, let value = try? JSONParser.parse(claims) else { return false }
        return value["access_token"]?["capolids"] != nil || value["access_token"]?["acrs"] != nil || value["id_token"]?["acrs"] != nil
    }
}
