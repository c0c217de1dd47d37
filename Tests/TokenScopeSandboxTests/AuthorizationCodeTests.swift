import Synchronization
import Testing
import TokenScopeHTTP
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: authorization code grant")
struct AuthorizationCodeTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    func expectError(_ r: (status: Int, body: JSONValue), _ status: Int, _ error: String, _ code: Int,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "status for AADSTS\(code)", sourceLocation: sourceLocation)
        #expect(r.body["error"] == .string(error), "error for AADSTS\(code): \(r.body)", sourceLocation: sourceLocation)
        #expect(SandboxHarness.code(r.body) == code, "expected AADSTS\(code): \(r.body)", sourceLocation: sourceLocation)
        #expect(r.body["error_description"]?.stringValue?.hasPrefix("AADSTS\(code): ") == true, sourceLocation: sourceLocation)
    }

    @Test func aWebAppRedeemsItsCodeForEveryTokenMSALAsksFor() throws {
        let code = try h.signIn()
        let r = h.redeem(code)
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body["token_type"] == .string("Bearer"))
        #expect(r.body["scope"] == .string("api://middle-tier-api/access_as_user offline_access openid profile"))
        #expect(r.body["expires_in"]?.doubleValue == 3599)

        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aud"] == .string(h.app("middle-tier-api").clientId))
        #expect(access["scp"] == .string("access_as_user"))
        #expect(access["azp"] == .string(h.app("web-app").clientId))
        #expect(access["azpacr"] == .string("1"))
        #expect(access["oid"] == .string(h.user("alice").oid))
        #expect(access["tid"] == .string(DemoDirectory.contoso))
        #expect(access["iss"] == .string("http://127.0.0.1:8400/\(DemoDirectory.contoso)/v2.0"))
        #expect(access["aio"]?.stringValue.map { SessionMarker.isMFA(aio: $0) } == false)

        let id = try #require(SandboxHarness.claims(r.body["id_token"]?.stringValue))
        #expect(id["nonce"] == .string("nonce-abc"), "msal compares the nonce verbatim")
        #expect(id["aud"] == .string(h.app("web-app").clientId))
        #expect(id["preferred_username"] == .string("alice@contoso.onmicrosoft.com"))

        let info = try #require(SandboxHarness.clientInfo(r.body["client_info"]?.stringValue))
        #expect(info["uid"] == .string(h.user("alice").oid))
        #expect(info["utid"] == .string(DemoDirectory.contoso))

        let refresh = try #require(r.body["refresh_token"]?.stringValue)
        let grant = try #require(h.authority.grants.refreshTokens.withLock { $0[refresh] })
        #expect(grant.client == "web-app" && grant.user == "alice" && grant.tenant == "contoso" && !grant.spa)
    }

    @Test func idTokenAndRefreshTokenOnlyWhenTheirScopesAreAsked() throws {
        let code = try h.signIn(scope: "api://middle-tier-api/access_as_user")
        let r = h.redeem(code, scope: nil)
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body["id_token"] == nil && r.body["refresh_token"] == nil)
        #expect(r.body["scope"] == .string("api://middle-tier-api/access_as_user"))
    }

    @Test func withoutScopeTheCodesResourceIsUsed() throws {
        let r = h.redeem(try h.signIn(), scope: nil)
        #expect(r.status == 200)
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["aud"] == .string(h.app("middle-tier-api").clientId))
        #expect(r.body["id_token"] != nil && r.body["refresh_token"] != nil)
    }

    @Test func onlyOIDCScopesGiveAGraphToken() throws {
        let r = h.redeem(try h.signIn(scope: "openid profile offline_access"), scope: "openid profile offline_access")
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        // Graph is a v1 resource in the demo: its App ID URI is the audience.
        #expect(access["aud"] == .string("https://graph.microsoft.com"))
        #expect(access["scp"] == .string("User.Read openid profile"))
    }

    @Test func pkceS256AndPlainVerifiersMustMatch() throws {
        #expect(h.redeem(try h.signIn()).status == 200)
        expectError(h.redeem(try h.signIn(), verifier: "wrong-verifier-wrong-verifier-wrong-verifier-0"), 400, "invalid_grant", 501481)
        expectError(h.redeem(try h.signIn(), verifier: nil), 400, "invalid_grant", 501481)

        let plain = h.authorizeParams().map { $0.0 == "code_challenge" ? ("code_challenge", SandboxHarness.verifier) : $0.0 == "code_challenge_method" ? ("code_challenge_method", "plain") : $0 }
        let plainCode = { () throws -> String in try #require(SandboxHarness.redirectParameters(h.authorize(plain))["code"]) }
        #expect(h.redeem(try plainCode()).status == 200)
        expectError(h.redeem(try plainCode(), verifier: SandboxHarness.challenge), 400, "invalid_grant", 50148)

        // A verifier for a code issued without a challenge is refused too.
        let noPKCE = h.authorizeParams().filter { !$0.0.hasPrefix("code_challenge") }
        let bare = try #require(SandboxHarness.redirectParameters(h.authorize(noPKCE))["code"])
        expectError(h.redeem(bare), 400, "invalid_grant", 501481)
        let bare2 = try #require(SandboxHarness.redirectParameters(h.authorize(noPKCE))["code"])
        #expect(h.redeem(bare2, verifier: nil).status == 200)
    }

    @Test func codesAreSingleUse() throws {
        let code = try h.signIn()
        #expect(h.redeem(code).status == 200)
        expectError(h.redeem(code), 400, "invalid_grant", 54005)
    }

    @Test func concurrentRedemptionsOfOneCodeYieldOneSuccess() async throws {
        let code = try h.signIn()
        let harness = h
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { harness.redeem(code).status } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 400 }.count == 15)
    }

    @Test func codeErrorsLikeEntra() throws {
        expectError(h.redeem("1.AnotARealCode"), 400, "invalid_grant", 70000)
        expectError(h.redeem(try h.signIn(), now: SandboxHarness.now + 601), 400, "invalid_grant", 70008)
        #expect(h.redeem(try h.signIn(), now: SandboxHarness.now + 599).status == 200)
        expectError(h.redeem(try h.signIn(), redirect: "http://localhost:5001"), 400, "invalid_request", 50011)
        // A code issued to web-app, presented by another app.
        expectError(h.redeem(try h.signIn(), client: "spa-client", redirect: SandboxHarness.webRedirect), 400, "invalid_grant", 70000)
        // A contoso code redeemed at fabrikam (spa-client exists in both).
        let spaCode = try h.signIn(client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: "User.Read openid")
        expectError(h.redeem(spaCode, client: "spa-client", redirect: SandboxHarness.nativeRedirect, tenant: DemoDirectory.fabrikam),
                    400, "invalid_grant", 700005)
        expectError(h.token([("grant_type", "authorization_code"), ("client_id", h.app("web-app").clientId), ("client_secret", h.secret("web-app")),
                             ("redirect_uri", SandboxHarness.webRedirect)]), 400, "invalid_request", 900144)
    }

    @Test func conditionalAccessAndConsentAreCheckedAgainAtRedemption() throws {
        // Consent: the code was for the middle tier; the downstream API was never consented.
        expectError(h.redeem(try h.signIn(), scope: "api://downstream-api/Data.Read openid"), 400, "invalid_grant", 65001)
        // MFA: carol signed in for Graph without MFA, then asks for the downstream API.
        h.consent(["Data.Read"], client: "web-app", resource: "downstream-api", user: "carol")
        let noMFA = try h.signIn(user: "carol", scope: "User.Read openid")
        let challenged = h.redeem(noMFA, scope: "api://downstream-api/Data.Read openid")
        expectError(challenged, 400, "invalid_grant", 50076)
        #expect(challenged.body["suberror"] == .string("basic_action"))
        #expect(challenged.body["claims"]?.stringValue?.contains("capolids") == true)
        // After a step-up sign-in the MFA carries into the token.
        let stepUp = try h.signIn(user: "carol", scope: "User.Read openid", extra: [("claims", SandboxHarness.stepUpClaims)])
        let r = h.redeem(stepUp, scope: "api://downstream-api/Data.Read openid")
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aio"]?.stringValue.map { SessionMarker.isMFA(aio: $0) } == true)
        #expect(access["aud"] == .string(h.app("downstream-api").clientId))
    }

    @Test func clientCapabilitiesBecomeXmsCc() throws {
        let code = try h.signIn(extra: [("claims", #"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#)])
        let access = try #require(SandboxHarness.claims(h.redeem(code).body["access_token"]?.stringValue))
        #expect(access["xms_cc"] == .array([.string("cp1")]))
    }

    @Test func spaCodesMustBeRedeemedCrossOriginWithPKCE() throws {
        let scope = "User.Read offline_access openid profile"
        let withoutOrigin = try h.signIn(client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope)
        expectError(h.redeem(withoutOrigin, client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope), 400, "invalid_request", 9002327)

        let code = try h.signIn(client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope)
        let r = h.redeem(code, client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope, origin: "http://localhost:3000")
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["appidacr"] == .string("0"), "Graph is a v1 resource in the demo")
        #expect(access["scp"] == .string("User.Read openid profile"))
        let refresh = try #require(r.body["refresh_token"]?.stringValue)
        #expect(h.authority.grants.refreshTokens.withLock { $0[refresh] }?.spa == true)

        let noPKCE = h.authorizeParams(client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope).filter { !$0.0.hasPrefix("code_challenge") }
        let bare = try #require(SandboxHarness.redirectParameters(h.authorize(noPKCE))["code"])
        expectError(h.redeem(bare, client: "spa-client", redirect: SandboxHarness.spaRedirect, verifier: nil, scope: scope, origin: "http://localhost:3000"),
                    400, "invalid_request", 9002325)
    }

    @Test func nativeLoopbackCodesMustNotBeRedeemedCrossOrigin() throws {
        let scope = "User.Read offline_access openid profile"
        let code = try h.signIn(client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope)
        expectError(h.redeem(code, client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope, origin: "http://localhost:3000"),
                    400, "invalid_request", 9002326)
        let again = try h.signIn(client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope)
        let r = h.redeem(again, client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope)
        #expect(r.status == 200, "\(r.body)")
        let refresh = try #require(r.body["refresh_token"]?.stringValue)
        #expect(h.authority.grants.refreshTokens.withLock { $0[refresh] }?.spa == false)
    }

    @Test func publicClientsSendNoSecretAndConfidentialOnesMust() throws {
        let scope = "User.Read openid"
        let code = try h.signIn(client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope)
        expectError(h.redeem(code, client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope, extra: [("client_secret", "x")]),
                    401, "invalid_client", 700025)
        let webCode = try h.signIn()
        let form: [(String, String)] = [("client_id", h.app("web-app").clientId), ("grant_type", "authorization_code"), ("code", webCode),
                                        ("redirect_uri", SandboxHarness.webRedirect), ("code_verifier", SandboxHarness.verifier)]
        expectError(h.token(form), 401, "invalid_client", 7000218)
        expectError(h.token(form + [("client_secret", "wrong")]), 401, "invalid_client", 7000215)
        // A failed client authentication does not use the code up.
        #expect(h.redeem(webCode).status == 200)
    }

    @Test func tenantlessRedemptionUsesTheCodesTenant() throws {
        let code = try h.signIn(client: "spa-client", user: "bob", redirect: SandboxHarness.nativeRedirect, tenant: "common")
        let r = h.redeem(code, client: "spa-client", redirect: SandboxHarness.nativeRedirect, tenant: "common")
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["tid"] == .string(DemoDirectory.fabrikam))
        #expect(SandboxHarness.clientInfo(r.body["client_info"]?.stringValue)?["utid"] == .string(DemoDirectory.fabrikam))
    }

    @Test func guestsGetResourceTenantTokensAndTheirHomeInClientInfo() throws {
        let r = h.redeem(try h.signIn(user: "bob"))
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["tid"] == .string(DemoDirectory.contoso))
        #expect(access["idp"] != nil)
        let info = try #require(SandboxHarness.clientInfo(r.body["client_info"]?.stringValue))
        #expect(info["uid"] == .string(h.user("bob").oid) && info["utid"] == .string(DemoDirectory.fabrikam))
    }

    @Test func liveRoundTripOverHTTP() async throws {
        let authority = try SandboxAuthority.demo()
        let server = try await SandboxServer.start(authority)
        let transport = AsyncHTTPTransport()
        do {
            let web = authority.directory.app(named: "web-app")!
            let query = FormBody.encode([("client_id", web.clientId), ("response_type", "code"), ("redirect_uri", SandboxHarness.webRedirect),
                                         ("scope", SandboxHarness.msalScope), ("state", "live-state"), ("nonce", "live-nonce"),
                                         ("code_challenge", SandboxHarness.challenge), ("code_challenge_method", "S256"), ("client_info", "1"),
                                         ("login_hint", "alice@contoso.onmicrosoft.com")])
            let authorize = try await transport.send(HTTPRequest(url: "\(server.baseURL)/contoso.onmicrosoft.com/oauth2/v2.0/authorize?\(query)"))
            #expect(authorize.status == 302)
            let location = try #require(authorize.header("Location"))
            let p = SandboxHarness.redirectParameters(BrowserResponse(status: 302, location: location, html: ""))
            #expect(p["state"] == "live-state")
            let code = try #require(p["code"])

            let form = FormBody.encode([("client_id", web.clientId), ("grant_type", "authorization_code"), ("client_info", "1"),
                                        ("client_secret", web.secrets[0].value), ("code_verifier", SandboxHarness.verifier), ("code", code),
                                        ("redirect_uri", SandboxHarness.webRedirect), ("scope", SandboxHarness.msalScope)])
            let token = try await transport.send(HTTPRequest(method: "POST", url: "\(server.baseURL)/contoso.onmicrosoft.com/oauth2/v2.0/token",
                                                             headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                                             body: Array(form.utf8)))
            #expect(token.status == 200)
            let body = try JSONParser.parse(token.body)
            let id = try #require(SandboxHarness.claims(body["id_token"]?.stringValue))
            #expect(id["nonce"] == .string("live-nonce"))
            #expect(id["iss"] == .string("\(server.baseURL)/\(DemoDirectory.contoso)/v2.0"))
            let access = try #require(SandboxHarness.claims(body["access_token"]?.stringValue))
            #expect(access["aud"] == .string(authority.directory.app(named: "middle-tier-api")!.clientId))

            // The account picker over HTTP is an HTML page.
            let picker = try await transport.send(HTTPRequest(url: "\(server.baseURL)/contoso.onmicrosoft.com/oauth2/v2.0/authorize?\(query.replacingLoginHint())"))
            #expect(picker.status == 200)
            #expect(picker.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(String(decoding: picker.body, as: UTF8.self).contains("alice@contoso.onmicrosoft.com"))
        } catch {
            Issue.record(error)
        }
        await transport.shutdown()
        await server.stop()
    }
}

private extension String {
    /// The query without its login_hint, so the sandbox shows the account picker.
    func replacingLoginHint() -> String {
        split(separator: "&").filter { !$0.hasPrefix("login_hint=") }.joined(separator: "&")
    }
}
