import Synchronization

/// `grant_type=authorization_code`: redeems a code from /authorize. The client authenticates
/// first (public clients send nothing), then the code is checked against the request and marked
/// redeemed under one lock, so two concurrent redemptions cannot both succeed.
enum AuthorizationCodeGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        let directory = authority.directory
        let segment = try TenantSegment.resolve(request.tenantSegment, in: directory)
        let code = try request.require("code")
        let redirectURI = try request.require("redirect_uri")

        // /common and /organizations redeem in the tenant the code was issued in.
        let peeked = authority.grants.codes.withLock { $0[code] }
        let tenant: Tenant
        switch segment {
        case let .tenant(t): tenant = t
        case .tenantless:
            guard let name = peeked?.tenant ?? directory.app(clientId: request.clientID ?? "")?.tenant,
                  let t = directory.tenant(named: name) else { throw SandboxErrors.codeInvalid() }
            tenant = t
        }
        let client = try ClientAuthenticator.client(request, tenant: tenant, in: authority)
        let method = try ClientAuthenticator.authenticate(request, app: client, tenant: tenant, in: authority)

        let grant = try redeem(code, request: request, client: client, tenant: tenant, redirectURI: redirectURI, authority: authority)
        guard let user = directory.user(named: grant.user) else { throw SandboxErrors.codeInvalid() }
        // `scope` is optional here: without it the code's first resource is used.
        let scope = try request.field("scope").map { text throws(EntraError) in try ScopeRequest.parse(text) } ?? grant.scope
        let signIn = UserSignIn(tenant: tenant, client: client, user: user, mfa: grant.mfa, clientAuth: method,
                                clientCapabilities: grant.clientCapabilities)
        let platform = RedirectURIMatcher.platform(of: grant.redirectURI, for: client)
        return try UserTokenIssuer.issue(scope, for: signIn, nonce: grant.nonce,
                                         refresh: .init(spa: platform == .spa, firstIssued: request.now),
                                         request: request, authority: authority)
    }

    /// Every check that ties the code to this request, then the redemption mark, atomically.
    static func redeem(_ code: String, request: TokenRequest, client: AppRegistration, tenant: Tenant, redirectURI: String,
                       authority: SandboxAuthority) throws(EntraError) -> CodeGrant {
        let result: Result<CodeGrant, EntraError> = authority.grants.codes.withLock { codes in
            guard let grant = codes[code] else { return .failure(SandboxErrors.codeInvalid()) }
            do throws(EntraError) {
                try check(grant, request: request, client: client, tenant: tenant, redirectURI: redirectURI)
            } catch {
                return .failure(error)
            }
            codes[code]?.redeemed = true
            return .success(grant)
        }
        return try result.get()
    }

    static func check(_ grant: CodeGrant, request: TokenRequest, client: AppRegistration, tenant: Tenant, redirectURI: String) throws(EntraError) {
        if grant.redeemed { throw SandboxErrors.codeRedeemed() }
        if grant.expires <= request.now { throw SandboxErrors.codeExpired() }
        if grant.tenant != tenant.name { throw SandboxErrors.codeForOtherTenant() }
        if grant.client != client.name { throw SandboxErrors.codeIssuedToOtherClient(client.clientId) }
        if redirectURI != grant.redirectURI { throw SandboxErrors.codeRedirectMismatch(redirectURI, original: grant.redirectURI) }
        let spa = RedirectURIMatcher.platform(of: grant.redirectURI, for: client) == .spa
        try checkOrigin(spa: spa, request: request)
        if spa, grant.challenge == nil { throw SandboxErrors.pkceRequiredForSPA() }
        try PKCE.verify(request.field("code_verifier"), challenge: grant.challenge, method: grant.challengeMethod)
    }

    /// Browsers redeem SPA codes and tokens cross-origin (with `Origin`); nothing else may be.
    static func checkOrigin(spa: Bool, request: TokenRequest) throws(EntraError) {
        let crossOrigin = request.header("origin") != nil
        if spa, !crossOrigin { throw SandboxErrors.spaCrossOriginOnly() }
        if !spa, crossOrigin { throw SandboxErrors.crossOriginOnlyForSPA() }
    }
}
