import Synchronization

/// `GET /devicelogin?user_code=X&login_hint=alice`: the page where a user approves a device code
/// (`&decline=1` declines it). Like /authorize, a hint naming a directory user signs that user in
/// without a password, and no hint shows the account picker. The device-login page is where
/// Entra shows its consent prompt, so the user's consent is recorded here when needed.
public enum DeviceLoginEndpoint {
    public static func handle(query: [(name: String, value: String)], now: Int64, authority: SandboxAuthority) -> BrowserResponse {
        // Read like an authorize query (parameters, correlation ID); the page has no tenant in its path.
        let request = AuthorizeRequest(tenantSegment: "", pairs: query, now: now)
        let directory = authority.directory
        guard let typed = request.param("user_code") else { return .page(codeEntryForm()) }
        let wanted = DeviceCodeEndpoint.normalize(typed)
        let found = authority.grants.deviceCodes.withLock { codes in
            codes.first { DeviceCodeEndpoint.normalize($0.value.userCode) == wanted }
        }
        guard case let (deviceCode, grant)? = found.map({ ($0.key, $0.value) }),
              grant.approvedBy == nil, !grant.declined, !grant.redeemed,
              let client = directory.app(named: grant.client) else {
            return page(SandboxErrors.userCodeInvalid(), request, authority)
        }
        guard grant.expires > now else { return page(SandboxErrors.deviceCodeExpired(), request, authority) }
        if request.param("decline") == "1" {
            guard settle(deviceCode, authority, { $0.declined = true }) else { return page(SandboxErrors.userCodeInvalid(), request, authority) }
            return .page(HTMLPage.message(title: "Sign-in declined", text: "You declined the sign-in to \(client.displayName). You can close this window."))
        }

        let fixedTenant = directory.tenant(named: grant.tenant)
        guard let hint = request.param("login_hint"), let user = directory.user(matching: hint) else {
            let users = fixedTenant.map { t in directory.users.filter { directory.user($0, belongsTo: t) } } ?? directory.users
            let accounts = users.map { (label: "\($0.displayName) (\($0.upn))", href: link(userCode: grant.userCode, loginHint: $0.upn)) }
            return .page(HTMLPage.accountPicker(title: "Sign in to \(client.displayName)", intro: "Choose the account that approves the device code \(grant.userCode).",
                                                accounts: accounts, notice: request.param("login_hint").map { "No account matches '\($0)'. Pick one below." }))
        }
        do {
            try approve(user: user, client: client, grant: grant, fixedTenant: fixedTenant, authority: authority)
        } catch {
            return page(error, request, authority)
        }
        guard settle(deviceCode, authority, { $0.approvedBy = user.name }) else { return page(SandboxErrors.userCodeInvalid(), request, authority) }
        return .page(HTMLPage.message(title: "You're signed in", text: "You signed in to \(client.displayName) as \(user.upn) on your other device. You can close this window."))
    }

    /// The sign-in checks of /authorize, with the consent prompt accepted.
    static func approve(user: DirectoryUser, client: AppRegistration, grant: DeviceGrant, fixedTenant: Tenant?, authority: SandboxAuthority) throws(EntraError) {
        let directory = authority.directory
        if user.disabled { throw SandboxErrors.userDisabled(user.upn) }
        let tenant: Tenant
        if let fixedTenant {
            guard directory.user(user, belongsTo: fixedTenant) else { throw SandboxErrors.userNotInTenantAtSignIn(user.upn, tenant: fixedTenant.id) }
            tenant = fixedTenant
        } else {
            guard let home = directory.tenant(named: user.homeTenant), AuthorizeEndpoint.isAvailable(client, in: home, directory: directory) else {
                throw SandboxErrors.appNotFound(client.clientId, tenant: user.homeTenant)
            }
            tenant = home
        }
        let resources = try SignInPolicy.resources([grant.scope], tenant: tenant, directory: directory)
        _ = try SignInPolicy.mfa(user: user, resources: resources.map(\.resource), stepUp: false, directory: directory)
        try SignInPolicy.ensureConsent(resources, client: client, user: user, tenant: tenant, mayConsent: true, authority: authority)
    }

    /// Applies the user's decision if the code is still pending (another tab may have settled it).
    static func settle(_ deviceCode: String, _ authority: SandboxAuthority, _ decide: (inout DeviceGrant) -> Void) -> Bool {
        authority.grants.deviceCodes.withLock { codes in
            guard var grant = codes[deviceCode], grant.approvedBy == nil, !grant.declined else { return false }
            decide(&grant)
            codes[deviceCode] = grant
            return true
        }
    }

    static func link(userCode: String, loginHint: String) -> String {
        "/devicelogin?" + FormBody.encode([("user_code", userCode), ("login_hint", loginHint)])
    }

    static func codeEntryForm() -> String {
        HTMLPage.document(title: "Enter code", body: """
            <p>Enter the code displayed on your app or device.</p>
            <form method="GET" action="/devicelogin"><input name="user_code" autocomplete="off" /> <input type="submit" value="Next" /></form>
            """)
    }

    static func page(_ error: EntraError, _ request: AuthorizeRequest, _ authority: SandboxAuthority) -> BrowserResponse {
        .page(HTMLPage.error(error, authority: authority, correlationID: request.correlationID, now: request.now), status: error.status)
    }
}
