import Foundation
import Synchronization
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: authorize endpoint")
struct AuthorizeTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    func storedCode(_ code: String) -> CodeGrant? { h.authority.grants.codes.withLock { $0[code] } }

    @Test func queryModeRedirectsWithCodeClientInfoAndState() throws {
        let r = h.authorize(h.authorizeParams())
        #expect(r.status == 302)
        let location = try #require(r.location)
        #expect(location.hasPrefix("http://localhost:5000?code="))
        #expect(location.hasSuffix("#"), "Entra ends redirects with an empty fragment")
        let p = SandboxHarness.redirectParameters(r)
        #expect(p["state"] == "state-123")
        #expect(p["session_state"]?.count == 36)
        let info = try #require(SandboxHarness.clientInfo(p["client_info"]))
        #expect(info["uid"] == .string(h.user("alice").oid))
        #expect(info["utid"] == .string(DemoDirectory.contoso))

        let code = try #require(p["code"])
        let grant = try #require(storedCode(code))
        #expect(grant.client == "web-app" && grant.user == "alice" && grant.tenant == "contoso")
        #expect(grant.redirectURI == "http://localhost:5000")
        #expect(grant.expires == SandboxHarness.now + 600)
        #expect(grant.nonce == "nonce-abc")
        #expect(grant.challenge == SandboxHarness.challenge && grant.challengeMethod == "S256")
        #expect(grant.scope.resource == "api://middle-tier-api" && grant.scope.names == ["access_as_user"])
        #expect(grant.mfa == false && grant.clientCapabilities.isEmpty)
    }

    @Test func withoutClientInfoOrStateTheRedirectCarriesOnlyTheCode() {
        let params = h.authorizeParams().filter { $0.0 != "client_info" && $0.0 != "state" }
        let p = SandboxHarness.redirectParameters(h.authorize(params))
        #expect(p["code"] != nil)
        #expect(p["client_info"] == nil && p["state"] == nil)
    }

    @Test func fragmentModePutsTheResponseInTheFragment() throws {
        let r = h.authorize(h.authorizeParams(extra: [("response_mode", "fragment")]))
        #expect(r.status == 302)
        let location = try #require(r.location)
        #expect(location.hasPrefix("http://localhost:5000#code="))
        #expect(SandboxHarness.redirectParameters(r)["state"] == "state-123")
    }

    @Test func formPostModeServesAnAutoSubmittingFormWithEscapedValues() throws {
        let params = h.authorizeParams(extra: [("response_mode", "form_post")]).map { $0.0 == "state" ? ("state", #"a"b<c>&d"#) : $0 }
        let r = h.authorize(params)
        #expect(r.status == 200 && r.location == nil)
        #expect(r.html.contains(#"<form method="POST" name="hiddenform" action="http://localhost:5000">"#))
        #expect(r.html.contains(#"<input type="hidden" name="state" value="a&quot;b&lt;c&gt;&amp;d" />"#))
        #expect(!r.html.contains("b<c>"))
        #expect(r.html.contains("document.forms[0].submit()"))
        let codeInput = try #require(r.html.firstRange(of: #"name="code" value=""#))
        let code = String(r.html[codeInput.upperBound...].prefix { $0 != "\"" })
        #expect(storedCode(code) != nil)
    }

    @Test func withoutAHintTheAccountPickerListsTheTenantsUsers() {
        let r = h.authorize(h.authorizeParams(user: nil))
        #expect(r.status == 200 && r.location == nil)
        #expect(r.html.contains("alice@contoso.onmicrosoft.com"))
        #expect(r.html.contains("bob@fabrikam.onmicrosoft.com"), "guests of the tenant are listed")
        // Each link repeats the request with the hint; `&` is escaped inside the attribute.
        #expect(r.html.contains("login_hint=alice%40contoso.onmicrosoft.com"))
        #expect(r.html.contains("&amp;redirect_uri=http%3A%2F%2Flocalhost%3A5000&amp;"))
        #expect(r.html.contains("href=\"/\(DemoDirectory.contoso)/oauth2/v2.0/authorize?client_id="))
    }

    @Test func theAccountPickerEscapesWhatTheRequestSent() {
        let r = h.authorize(h.authorizeParams(user: nil, extra: [("login_hint", "<script>alert(1)</script>"), ("state", "\"><img src=x>")]))
        #expect(r.status == 200)
        #expect(r.html.contains("No account matches &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;"))
        #expect(!r.html.contains("<script>alert(1)"))
        #expect(!r.html.contains("<img src=x>"))
    }

    @Test func domainHintNarrowsTheTenantlessPicker() {
        let r = h.authorize(h.authorizeParams(client: "spa-client", user: nil, redirect: SandboxHarness.nativeRedirect,
                                              extra: [("domain_hint", "fabrikam.onmicrosoft.com")]), tenant: "organizations")
        #expect(r.html.contains("bob@fabrikam.onmicrosoft.com"))
        #expect(!r.html.contains("alice@contoso.onmicrosoft.com"))
    }

    @Test func errorsEntraShowsOnItsOwnPage() {
        let cases: [(String, [(String, String)], Int)] = [
            ("no-such-tenant.example", h.authorizeParams(), 90002),
            (DemoDirectory.contoso, h.authorizeParams().filter { $0.0 != "client_id" }, 900144),
            (DemoDirectory.contoso, h.authorizeParams().map { $0.0 == "client_id" ? ("client_id", "00000000-0000-0000-0000-00000000dead") : $0 }, 700016),
            (DemoDirectory.fabrikam, h.authorizeParams(), 700016),   // web-app is single-tenant (contoso)
            (DemoDirectory.contoso, h.authorizeParams(redirect: "https://evil.example/callback"), 50011),
            (DemoDirectory.contoso, h.authorizeParams(redirect: "https://localhost:5000"), 50011),   // loopback rule is http only
            (DemoDirectory.contoso, h.authorizeParams(redirect: "http://localhost:5000/other"), 50011),   // the path must match
            (DemoDirectory.contoso, h.authorizeParams(client: "daemon").filter { $0.0 != "redirect_uri" }, 500113),
            ("consumers", h.authorizeParams(client: "spa-client", redirect: SandboxHarness.nativeRedirect), 9002332),
        ]
        for (tenant, params, code) in cases {
            let r = h.authorize(params, tenant: tenant)
            #expect(r.location == nil, "AADSTS\(code) must not be redirected")
            #expect(r.status == 400, "\(code)")
            #expect(r.html.contains("AADSTS\(code): "), "expected AADSTS\(code) in \(r.html)")
            #expect(r.html.contains("Timestamp: 2026-11-29 10:00:00Z"))
        }
    }

    @Test func aDisabledUserIsStoppedOnThePage() throws {
        var yaml = DemoDirectory.yaml
        yaml = yaml.replacingOccurrences(of: "displayName: Dave Blocked\n", with: "displayName: Dave Blocked\n    disabled: true\n")
        let authority = try SandboxAuthority(directory: DirectoryLoader.load(yaml: yaml, file: "<test>"), stateDirectory: nil, clock: { SandboxHarness.now })
        let r = AuthorizeEndpoint.handle(tenantSegment: DemoDirectory.contoso, query: h.authorizeParams(user: "dave").map { (name: $0.0, value: $0.1) },
                                         now: SandboxHarness.now, authority: authority)
        #expect(r.location == nil)
        #expect(r.html.contains("AADSTS50057: "))
    }

    @Test func errorsRedirectedToTheApp() {
        let spa = SandboxHarness.spaRedirect
        let stepUp = [("claims", SandboxHarness.stepUpClaims)]
        let cases: [(String, [(String, String)], String, Int)] = [
            (DemoDirectory.fabrikam, h.authorizeParams(client: "spa-client", user: "alice", redirect: spa), "access_denied", 50020),
            (DemoDirectory.contoso, h.authorizeParams(user: "dave", scope: "api://downstream-api/Data.Read openid"), "access_denied", 53003),
            (DemoDirectory.contoso, h.authorizeParams(scope: "api://downstream-api/Data.Read openid"), "consent_required", 65001),
            (DemoDirectory.contoso, h.authorizeParams(scope: "api://downstream-api/Nope openid"), "invalid_client", 650053),
            (DemoDirectory.contoso, h.authorizeParams(scope: "api://nowhere/Thing openid"), "invalid_resource", 500011),
            (DemoDirectory.contoso, h.authorizeParams(client: "spa-client", user: "bob", redirect: spa, scope: "User.Read openid", extra: stepUp), "interaction_required", 50079),
            (DemoDirectory.contoso, h.authorizeParams().filter { $0.0 != "scope" }, "invalid_request", 900144),
            (DemoDirectory.contoso, h.authorizeParams().filter { $0.0 != "response_type" }, "invalid_request", 900144),
            (DemoDirectory.contoso, h.authorizeParams().map { $0.0 == "response_type" ? ("response_type", "token") : $0 }, "unsupported_response_type", 70005),
            (DemoDirectory.contoso, h.authorizeParams().map { $0.0 == "response_type" ? ("response_type", "code id_token") : $0 }, "unauthorized_client", 700054),
            (DemoDirectory.contoso, h.authorizeParams().map { $0.0 == "code_challenge_method" ? ("code_challenge_method", "S512") : $0 }, "invalid_request", 50149),
            (DemoDirectory.contoso, h.authorizeParams().map { $0.0 == "code_challenge" ? ("code_challenge", "too-short") : $0 }, "invalid_request", 50147),
            (DemoDirectory.contoso, h.authorizeParams().map { $0.0 == "code_challenge" ? ("code_challenge", String(repeating: "a", count: 129)) : $0 }, "invalid_request", 50147),
            (DemoDirectory.contoso, h.authorizeParams().filter { $0.0 != "code_challenge" }, "invalid_request", 50147),
            (DemoDirectory.contoso, h.authorizeParams(user: nil, extra: [("prompt", "none")]), "login_required", 50058),
            (DemoDirectory.contoso, h.authorizeParams(scope: "api://downstream-api/Data.Read openid", extra: [("prompt", "none")]), "consent_required", 65001),
        ]
        for (tenant, params, error, code) in cases {
            let r = h.authorize(params, tenant: tenant)
            #expect(r.status == 302, "AADSTS\(code) is redirected")
            let p = SandboxHarness.redirectParameters(r)
            #expect(p["error"] == error, "AADSTS\(code): \(p)")
            #expect(SandboxHarness.code(inDescription: p["error_description"]) == code, "expected \(code): \(p["error_description"] ?? "none")")
            #expect(p["error_description"]?.contains("\r\nTrace ID: ") == true)
            #expect(p["error_uri"] == "http://127.0.0.1:8400/error?code=\(code)")
            #expect(p["state"] == "state-123")
            #expect(p["code"] == nil)
        }
    }

    @Test func anUnsupportedResponseModeIsReportedByQuery() throws {
        let r = h.authorize(h.authorizeParams(extra: [("response_mode", "web_message")]))
        let location = try #require(r.location)
        #expect(location.hasPrefix("http://localhost:5000?error=invalid_request&"))
        #expect(SandboxHarness.code(inDescription: SandboxHarness.redirectParameters(r)["error_description"]) == 70007)
    }

    @Test func errorsFollowTheRequestedResponseMode() {
        let r = h.authorize(h.authorizeParams(scope: "api://downstream-api/Data.Read", extra: [("response_mode", "form_post")]))
        #expect(r.status == 200)
        #expect(r.html.contains(#"name="error" value="consent_required""#))
        #expect(r.html.contains(#"name="state" value="state-123""#))
    }

    @Test func promptConsentRecordsTheUsersConsent() throws {
        let scope = "api://downstream-api/Data.Read openid"
        let r = h.authorize(h.authorizeParams(scope: scope, extra: [("prompt", "consent")]))
        #expect(SandboxHarness.redirectParameters(r)["code"] != nil)
        let consented = h.authority.consentedScopes(client: h.app("web-app"), resource: h.app("downstream-api"), user: h.user("alice"), tenant: h.contoso)
        #expect(consented == ["Data.Read"])
        // The consent is the user's: the next sign-in needs no prompt, another user's still does.
        #expect(SandboxHarness.redirectParameters(h.authorize(h.authorizeParams(scope: scope)))["code"] != nil)
        #expect(SandboxHarness.redirectParameters(h.authorize(h.authorizeParams(user: "bob", scope: scope)))["error"] == "consent_required")
    }

    @Test func scopesOnlyAnAdministratorMayConsentToAreRefused() throws {
        let yaml = DemoDirectory.yaml.replacingOccurrences(of: "scopes: [Data.Read]\n", with: "scopes: [{value: Data.Read, adminConsentRequired: true}]\n")
        let authority = try SandboxAuthority(directory: DirectoryLoader.load(yaml: yaml, file: "<test>"), stateDirectory: nil, clock: { SandboxHarness.now })
        authority.baseURL = "http://127.0.0.1:8400"
        let params = h.authorizeParams(scope: "api://downstream-api/Data.Read", extra: [("prompt", "consent")])
        let r = AuthorizeEndpoint.handle(tenantSegment: DemoDirectory.contoso, query: params.map { (name: $0.0, value: $0.1) }, now: SandboxHarness.now, authority: authority)
        let p = SandboxHarness.redirectParameters(r)
        #expect(p["error"] == "consent_required")
        #expect(SandboxHarness.code(inDescription: p["error_description"]) == 90094)
    }

    @Test func stepUpClaimsAndConditionalAccessMakeTheSignInIncludeMFA() throws {
        let plain = try h.signIn(client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: "User.Read openid")
        #expect(storedCode(plain)?.mfa == false)
        let stepUp = try h.signIn(client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: "User.Read openid",
                                  extra: [("claims", SandboxHarness.stepUpClaims)])
        #expect(storedCode(stepUp)?.mfa == true)
        // carol's MFA policy on the downstream API applies at sign-in (she has MFA registered).
        h.consent(["Data.Read"], client: "web-app", resource: "downstream-api", user: "carol")
        let carol = try h.signIn(user: "carol", scope: "api://downstream-api/Data.Read openid")
        #expect(storedCode(carol)?.mfa == true)
    }

    @Test func clientCapabilitiesAreRemembered() throws {
        let code = try h.signIn(extra: [("claims", #"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#)])
        #expect(storedCode(code)?.clientCapabilities == ["cp1"])
    }

    @Test func plainPKCEIsTheDefaultMethod() throws {
        let params = h.authorizeParams().filter { $0.0 != "code_challenge_method" }
        let code = try #require(SandboxHarness.redirectParameters(h.authorize(params))["code"])
        #expect(storedCode(code)?.challengeMethod == "plain")
        let none = try #require(SandboxHarness.redirectParameters(h.authorize(params.filter { $0.0 != "code_challenge" }))["code"])
        #expect(storedCode(none)?.challenge == nil)
    }

    @Test func tenantlessAuthoritiesSignUsersInToTheirHomeTenant() throws {
        let bob = try h.signIn(client: "spa-client", user: "bob", redirect: SandboxHarness.nativeRedirect, tenant: "common")
        #expect(storedCode(bob)?.tenant == "fabrikam")
        let alice = try h.signIn(tenant: "organizations")
        #expect(storedCode(alice)?.tenant == "contoso")
        // web-app exists only in contoso, so bob cannot use it through /common.
        let r = h.authorize(h.authorizeParams(user: "bob"), tenant: "common")
        #expect(r.location == nil && r.html.contains("AADSTS700016: "))
    }

    @Test func guestsSignInToTheTenantTheyWereInvitedTo() throws {
        let code = try h.signIn(user: "bob", scope: "User.Read openid")
        #expect(storedCode(code)?.tenant == "contoso")
    }

    @Test func withoutRedirectURITheRegisteredOneIsUsed() throws {
        let r = h.authorize(h.authorizeParams().filter { $0.0 != "redirect_uri" })
        let location = try #require(r.location)
        #expect(location.hasPrefix("http://localhost?code="))
    }

    @Test func loopbackRedirectsMatchAnyPortButOnlyForWebAndPublicClients() {
        let web = h.app("web-app"), spa = h.app("spa-client")
        #expect(RedirectURIMatcher.platform(of: "http://localhost:5000", for: web) == .web)
        #expect(RedirectURIMatcher.platform(of: "http://127.0.0.1:49152", for: web) == .web)
        #expect(RedirectURIMatcher.platform(of: "http://localhost", for: web) == .web)
        #expect(RedirectURIMatcher.platform(of: "http://localhost:5000/cb", for: web) == nil)
        #expect(RedirectURIMatcher.platform(of: "http://localhost.evil.example:5000", for: web) == nil)
        #expect(RedirectURIMatcher.platform(of: "http://user@localhost:5000", for: web) == nil)
        #expect(RedirectURIMatcher.platform(of: "http://localhost:3000", for: spa) == .spa)
        #expect(RedirectURIMatcher.platform(of: "http://localhost:4000", for: spa) == .publicClient)
        for uri in ["http://127.0.0.1:49152", "http://localhost:1234"] {
            #expect(h.authorize(h.authorizeParams(redirect: uri)).status == 302, "\(uri)")
        }
    }
}
