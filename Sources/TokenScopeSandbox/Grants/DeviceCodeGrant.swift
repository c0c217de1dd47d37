import Synchronization

/// `grant_type=urn:ietf:params:oauth:grant-type:device_code`: the app's polling. Pending,
/// declined and expired codes answer with the RFC 8628 errors Entra uses; an approved code is
/// redeemed once, atomically, for the tokens of the user who approved it.
enum DeviceCodeGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        let directory = authority.directory
        let segment = try TenantSegment.resolve(request.tenantSegment, in: directory)
        let deviceCode = try request.require("device_code")
        let peeked = authority.grants.deviceCodes.withLock { $0[deviceCode] }

        // The tenant of the tokens: the one the code was requested in, or for /common and
        // /organizations the approving user's home tenant.
        let approver = peeked?.approvedBy.flatMap(directory.user(named:))
        let fixedTenant = peeked.flatMap { directory.tenant(named: $0.tenant) }
        let tenant: Tenant
        if let t = fixedTenant ?? approver.flatMap({ directory.tenant(named: $0.homeTenant) }) {
            tenant = t
        } else if case let .tenant(t) = segment {
            tenant = t
        } else {
            guard let home = directory.app(clientId: request.clientID ?? "").flatMap({ directory.tenant(named: $0.tenant) }) else {
                throw SandboxErrors.deviceCodeInvalid()
            }
            tenant = home
        }
        let client = try ClientAuthenticator.client(request, tenant: tenant, in: authority)
        let method = try ClientAuthenticator.authenticate(request, app: client, tenant: tenant, in: authority)
        if case let .tenant(t) = segment, fixedTenant != nil, t.name != tenant.name { throw SandboxErrors.deviceCodeInvalid() }

        let result: Result<DeviceGrant, EntraError> = authority.grants.deviceCodes.withLock { codes in
            guard let grant = codes[deviceCode], grant.client == client.name else { return .failure(SandboxErrors.deviceCodeInvalid()) }
            if grant.redeemed { return .failure(SandboxErrors.deviceCodeRedeemed()) }
            if grant.expires <= request.now { return .failure(SandboxErrors.deviceCodeExpired()) }
            if grant.declined { return .failure(SandboxErrors.authorizationDeclined()) }
            if grant.approvedBy == nil { return .failure(SandboxErrors.authorizationPending()) }
            codes[deviceCode]?.redeemed = true
            return .success(grant)
        }
        let grant = try result.get()
        guard let user = grant.approvedBy.flatMap(directory.user(named:)) else { throw SandboxErrors.deviceCodeInvalid() }
        // The approval already required MFA where a policy asked for it (and refused users who
        // could not do it), so the sign-in included MFA exactly when a policy applies.
        let resources = grant.scope.resource.flatMap(directory.app(resource:)).map { [$0] } ?? []
        let mfa = SignInPolicy.requiresMFA(user: user, resources: resources, directory: directory)
        let signIn = UserSignIn(tenant: tenant, client: client, user: user, mfa: mfa, clientAuth: method, clientCapabilities: [])
        return try UserTokenIssuer.issue(grant.scope, for: signIn, nonce: nil, refresh: .init(), request: request, authority: authority)
    }
}
