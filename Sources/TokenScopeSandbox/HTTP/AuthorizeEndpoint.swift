import Synchronization
import TokenScopeCore

/// `GET /{tenant}/oauth2/v2.0/authorize`: the sign-in of the authorization code flow. Sandbox
/// users have no passwords, so a `login_hint` naming a directory user signs that user in at once;
/// without one, an account picker links back here with the hint. Pure apart from the authority's
/// stores, so tests call it in-process and the route only adapts HTTP.
///
/// Failures follow Entra: until the client and redirect URI are known good, errors are shown on a
/// page (redirecting to an unverified URI would make the sandbox an open redirector); after that
/// they go back to the app as `error`, `error_description`, `error_uri` and `state`.
public enum AuthorizeEndpoint {
    public static func handle(tenantSegment: String, query: [(name: String, value: String)], now: Int64,
                              authority: SandboxAuthority) -> BrowserResponse {
        let request = AuthorizeRequest(tenantSegment: tenantSegment, pairs: query, now: now)
        let target: Target
        do {
            target = try validateTarget(request, authority: authority)
        } catch {
            return page(error, request, authority)
        }
        guard let mode = ResponseMode(rawValue: request.param("response_mode") ?? "query") else {
            return redirect(SandboxErrors.unsupportedResponseMode(request.param("response_mode") ?? ""), target, .query, request, authority)
        }
        do {
            return try signIn(request, target: target, mode: mode, authority: authority)
        } catch {
            return redirect(error, target, mode, request, authority)
        }
    }

    /// The app and where its responses may go, once validated.
    struct Target {
        let segment: TenantSegment
        let client: AppRegistration
        let redirectURI: String
    }

    static func validateTarget(_ request: AuthorizeRequest, authority: SandboxAuthority) throws(EntraError) -> Target {
        let directory = authority.directory
        let segment = try TenantSegment.resolve(request.tenantSegment, in: directory)
        let clientID = try request.require("client_id")
        guard let client = directory.app(clientId: clientID) else {
            throw SandboxErrors.appNotFound(clientID, tenant: request.tenantSegment)
        }
        switch segment {
        case let .tenant(tenant) where !isAvailable(client, in: tenant, directory: directory):
            throw SandboxErrors.appNotFound(clientID, tenant: tenant.id)
        case .tenantless("consumers"):
            // The sandbox directory has work accounts only, like an app registered for Entra users.
            throw SandboxErrors.consumersNotSupported(clientID)
        default:
            break
        }
        if let uri = request.param("redirect_uri") {
            guard RedirectURIMatcher.platform(of: uri, for: client) != nil else { throw SandboxErrors.redirectMismatch(uri, clientId: client.clientId) }
            return Target(segment: segment, client: client, redirectURI: uri)
        }
        // Without redirect_uri Entra uses a registered one.
        guard let first = client.redirectUris.all.first else { throw SandboxErrors.noReplyAddress(client.clientId) }
        return Target(segment: segment, client: client, redirectURI: first)
    }

    /// The same rule as the token endpoint's client lookup, so a code is never issued to an app
    /// that could not redeem it in that tenant.
    static func isAvailable(_ client: AppRegistration, in tenant: Tenant, directory: SandboxDirectory) -> Bool {
        directory.hasServicePrincipal(app: client, in: tenant) || (client.multiTenant && client.publicClient)
    }

    static func signIn(_ request: AuthorizeRequest, target: Target, mode: ResponseMode, authority: SandboxAuthority) throws(EntraError) -> BrowserResponse {
        let directory = authority.directory
        let client = target.client
        let responseType = try request.require("response_type")
        let types = Set(responseType.split(separator: " ").map(String.init))
        guard types.contains("code") else { throw SandboxErrors.unsupportedResponseType(responseType) }
        guard types.count == 1 else { throw SandboxErrors.responseTypeNotEnabled(responseType, clientId: client.clientId) }
        let groups = try ScopeGroups.parse(try request.require("scope"))
        let pkce = try PKCE.challenge(request.param("code_challenge"), method: request.param("code_challenge_method"))
        let prompt = request.param("prompt")

        guard let hint = request.param("login_hint"), let user = directory.user(matching: hint) else {
            if prompt == "none" { throw SandboxErrors.loginRequired() }
            return accountPicker(request, segment: target.segment, notice: request.param("login_hint").map { "No account matches '\($0)'. Pick one below." },
                                 directory: directory)
        }
        if user.disabled { return page(SandboxErrors.userDisabled(user.upn), request, authority) }
        let tenant: Tenant
        switch target.segment {
        case let .tenant(t):
            guard directory.user(user, belongsTo: t) else { throw SandboxErrors.userNotInTenantAtSignIn(user.upn, tenant: t.id) }
            tenant = t
        case .tenantless:
            // /common and /organizations sign the user in to their home tenant.
            guard let home = directory.tenant(named: user.homeTenant) else { throw SandboxErrors.userNotInTenantAtSignIn(user.upn, tenant: user.homeTenant) }
            guard isAvailable(client, in: home, directory: directory) else {
                return page(SandboxErrors.appNotFound(client.clientId, tenant: home.id), request, authority)
            }
            tenant = home
        }

        let resources = try SignInPolicy.resources(groups, tenant: tenant, directory: directory)
        let claims = request.param("claims")
        let mfa = try SignInPolicy.mfa(user: user, resources: resources.map(\.resource), stepUp: ClaimsRequest.asksForStepUp(claims), directory: directory)
        try SignInPolicy.ensureConsent(resources, client: client, user: user, tenant: tenant, mayConsent: prompt == "consent", authority: authority)

        let code = "1.A" + Random.token(96)
        // The code remembers the first resource; the token request may name another consented one.
        let grant = CodeGrant(client: client.name, tenant: tenant.name, user: user.name, scope: groups[0], redirectURI: target.redirectURI,
                              challenge: pkce.challenge, challengeMethod: pkce.method, nonce: request.param("nonce"),
                              expires: request.now + GrantStore.codeLifetime, mfa: mfa,
                              clientCapabilities: ClaimsRequest.clientCapabilities(claims))
        authority.grants.codes.withLock { $0[code] = grant }

        var parameters: [(String, String)] = [("code", code)]
        if request.param("client_info") == "1" {
            let home = directory.tenant(named: user.homeTenant)?.id ?? tenant.id
            parameters.append(("client_info", authority.minter.clientInfo(user: user, homeTenantID: home)))
        }
        if let state = request.param("state") { parameters.append(("state", state)) }
        parameters.append(("session_state", Random.guid()))
        return BrowserResponse.deliver(parameters, to: target.redirectURI, mode: mode)
    }

    /// The tenant's accounts (members and guests), or for /common every account, narrowed by
    /// `domain_hint` when it names a tenant.
    static func accountPicker(_ request: AuthorizeRequest, segment: TenantSegment, notice: String?, directory: SandboxDirectory) -> BrowserResponse {
        let users: [DirectoryUser]
        switch segment {
        case let .tenant(tenant):
            users = directory.users.filter { directory.user($0, belongsTo: tenant) }
        case .tenantless:
            if let hint = request.param("domain_hint"), let tenant = directory.tenant(matching: hint) {
                users = directory.users.filter { $0.homeTenant == tenant.name }
            } else {
                users = directory.users
            }
        }
        let accounts = users.map { (label: "\($0.displayName) (\($0.upn))", href: request.link(loginHint: $0.upn)) }
        return .page(HTMLPage.accountPicker(title: "Pick an account", intro: "Sandbox accounts have no passwords: choose the user to sign in as.",
                                            accounts: accounts, notice: notice))
    }

    static func page(_ error: EntraError, _ request: AuthorizeRequest, _ authority: SandboxAuthority) -> BrowserResponse {
        .page(HTMLPage.error(error, authority: authority, correlationID: request.correlationID, now: request.now), status: error.status)
    }

    static func redirect(_ error: EntraError, _ target: Target, _ mode: ResponseMode, _ request: AuthorizeRequest, _ authority: SandboxAuthority) -> BrowserResponse {
        let body = error.body(traceID: Random.guid(), correlationID: request.correlationID ?? Random.guid(), now: request.now, errorHost: authority.baseURL)
        var parameters: [(String, String)] = [
            ("error", error.error),
            ("error_description", body["error_description"]?.stringValue ?? ""),
            ("error_uri", body["error_uri"]?.stringValue ?? ""),
        ]
        if let state = request.param("state") { parameters.append(("state", state)) }
        return BrowserResponse.deliver(parameters, to: target.redirectURI, mode: mode)
    }
}
