import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// Shortcuts for the interactive flows: /authorize in-process, reading what a redirect carries,
/// redeeming codes, refreshing, and the device code endpoints.
extension SandboxHarness {
    /// A PKCE verifier as MSAL makes them (unreserved characters, 43 to 128 long).
    static let verifier = "M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag"
    static var challenge: String { PKCE.transform(verifier, method: "S256") }
    static let webRedirect = "http://localhost:5000"
    static let spaRedirect = "http://localhost:3000"
    static let nativeRedirect = "http://127.0.0.1:8765"
    static let msalScope = "api://middle-tier-api/access_as_user offline_access openid profile"

    /// GETs `/{tenant}/oauth2/v2.0/authorize` in-process.
    func authorize(_ params: [(String, String)], tenant: String = DemoDirectory.contoso, now: Int64 = SandboxHarness.now) -> BrowserResponse {
        AuthorizeEndpoint.handle(tenantSegment: tenant, query: params.map { (name: $0.0, value: $0.1) }, now: now, authority: authority)
    }

    /// What MSAL puts in an authorize URL, signing `user` in with PKCE S256.
    func authorizeParams(client: String = "web-app", user: String? = "alice", redirect: String = SandboxHarness.webRedirect,
                         scope: String = SandboxHarness.msalScope, extra: [(String, String)] = []) -> [(String, String)] {
        var p: [(String, String)] = [("client_id", app(client).clientId), ("response_type", "code"), ("redirect_uri", redirect),
                                     ("scope", scope), ("state", "state-123"), ("code_challenge", SandboxHarness.challenge),
                                     ("code_challenge_method", "S256"), ("nonce", "nonce-abc"), ("client_info", "1")]
        if let user { p.append(("login_hint", self.user(user).upn)) }
        return p + extra
    }

    /// The parameters a query or fragment redirect carries.
    static func redirectParameters(_ response: BrowserResponse) -> [String: String] {
        guard let location = response.location else { return [:] }
        let afterQuery = location.firstIndex(of: "?").map { location[location.index(after: $0)...] }
        let afterHash = location.firstIndex(of: "#").map { location[location.index(after: $0)...] }
        var text: Substring = ""
        if let afterQuery, !afterQuery.hasPrefix("#") {
            text = afterQuery.prefix { $0 != "#" }
        } else if let afterHash {
            text = afterHash
        }
        var result: [String: String] = [:]
        for pair in FormBody.parse(text) { result[pair.name] = pair.value }
        return result
    }

    /// The AADSTS code at the start of an `error_description`.
    static func code(inDescription description: String?) -> Int? {
        guard let description, description.hasPrefix("AADSTS") else { return nil }
        return Int(description.dropFirst(6).prefix { $0.isNumber })
    }

    /// Signs in through /authorize and returns the code (the test fails when there is none).
    func signIn(client: String = "web-app", user: String = "alice", redirect: String = SandboxHarness.webRedirect,
                scope: String = SandboxHarness.msalScope, tenant: String = DemoDirectory.contoso, extra: [(String, String)] = [],
                now: Int64 = SandboxHarness.now) throws -> String {
        let response = authorize(authorizeParams(client: client, user: user, redirect: redirect, scope: scope, extra: extra), tenant: tenant, now: now)
        let params = SandboxHarness.redirectParameters(response)
        return try #require(params["code"], "no code: \(response.status) \(response.location ?? response.html)")
    }

    /// POSTs `grant_type=authorization_code` as MSAL does (secret for confidential clients).
    func redeem(_ code: String, client: String = "web-app", redirect: String = SandboxHarness.webRedirect,
                verifier: String? = SandboxHarness.verifier, scope: String? = SandboxHarness.msalScope, origin: String? = nil,
                tenant: String = DemoDirectory.contoso, extra: [(String, String)] = [], now: Int64 = SandboxHarness.now) -> (status: Int, body: JSONValue) {
        var f: [(String, String)] = [("client_id", app(client).clientId), ("grant_type", "authorization_code"), ("client_info", "1")]
        if !app(client).publicClient { f.append(("client_secret", secret(client))) }
        if let verifier { f.append(("code_verifier", verifier)) }
        f.append(("code", code))
        f.append(("redirect_uri", redirect))
        if let scope { f.append(("scope", scope)) }
        return token(f + extra, tenant: tenant, headers: origin.map { [("Origin", $0)] } ?? [], now: now)
    }

    /// POSTs `grant_type=refresh_token` as MSAL does.
    func refresh(_ refreshToken: String, client: String = "web-app", scope: String? = SandboxHarness.msalScope, origin: String? = nil,
                 tenant: String = DemoDirectory.contoso, now: Int64 = SandboxHarness.now) -> (status: Int, body: JSONValue) {
        var f: [(String, String)] = [("client_id", app(client).clientId), ("grant_type", "refresh_token"), ("client_info", "1")]
        if !app(client).publicClient { f.append(("client_secret", secret(client))) }
        f.append(("refresh_token", refreshToken))
        if let scope { f.append(("scope", scope)) }
        return token(f, tenant: tenant, headers: origin.map { [("Origin", $0)] } ?? [], now: now)
    }

    /// POSTs `/{tenant}/oauth2/v2.0/devicecode` in-process.
    func deviceCode(client: String = "spa-client", scope: String? = "User.Read offline_access openid profile", tenant: String = DemoDirectory.contoso,
                    now: Int64 = SandboxHarness.now) -> (status: Int, body: JSONValue) {
        var f: [(name: String, value: String)] = [("client_id", app(client).clientId)]
        if let scope { f.append(("scope", scope)) }
        return DeviceCodeEndpoint.handle(tenantSegment: tenant, fields: f, now: now, authority: authority)
    }

    /// GETs `/devicelogin` in-process.
    func deviceLogin(_ params: [(String, String)], now: Int64 = SandboxHarness.now) -> BrowserResponse {
        DeviceLoginEndpoint.handle(query: params.map { (name: $0.0, value: $0.1) }, now: now, authority: authority)
    }

    /// Polls the token endpoint with a device code.
    func pollDevice(_ deviceCode: String, client: String = "spa-client", tenant: String = DemoDirectory.contoso,
                    now: Int64 = SandboxHarness.now) -> (status: Int, body: JSONValue) {
        var f: [(String, String)] = [("client_id", app(client).clientId), ("grant_type", TokenEndpoint.deviceCode), ("client_info", "1")]
        if !app(client).publicClient { f.append(("client_secret", secret(client))) }
        f.append(("device_code", deviceCode))
        return token(f, tenant: tenant, now: now)
    }

    /// `client_info` decoded: `{"uid": …, "utid": …}`.
    static func clientInfo(_ text: String?) -> JSONValue? {
        guard let text, let bytes = Base64URL.decode(text) else { return nil }
        return try? JSONParser.parse(bytes)
    }

    /// Records a user consent as if the user had accepted the prompt at sign-in.
    func consent(_ scopes: [String], client: String, resource: String, user: String, tenant: Tenant? = nil) {
        authority.sidecar.consents.record(scopes, client: app(client), resource: app(resource), user: self.user(user), tenant: tenant ?? contoso)
    }

    /// The step-up claims request MSAL sends after a conditional-access challenge.
    static let stepUpClaims = #"{"access_token":{"capolids":{"essential":true,"values":["4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a75"]}}}"#
}
