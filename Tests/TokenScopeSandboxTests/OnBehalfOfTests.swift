import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: on-behalf-of")
struct OnBehalfOfTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    /// What MSAL.NET posts for `AcquireTokenOnBehalfOf` (entra-protocol §1.1), with a secret unless
    /// `credential` says otherwise.
    func form(assertion: String? = nil, scope: String = "api://downstream-api/Data.Read", client: String = "middle-tier-api",
              credential: [(String, String)]? = nil) -> [(String, String)] {
        var f = [("client_id", h.app(client).clientId), ("grant_type", TokenEndpoint.jwtBearer), ("requested_token_use", "on_behalf_of"),
                 ("assertion", assertion ?? h.userToken()), ("scope", scope)]
        f += credential ?? [("client_secret", h.secret(client))]
        return f
    }

    // MARK: Happy paths

    @Test func aliceGetsAV2DownstreamTokenWithASecret() throws {
        let r = h.token(form())
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body["scope"] == .string("api://downstream-api/Data.Read"))
        #expect(r.body["refresh_token"] == nil && r.body["client_info"] == nil && r.body["id_token"] == nil)
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["aud"] == .string(h.app("downstream-api").clientId))
        #expect(claims["iss"] == .string("http://127.0.0.1:8400/\(DemoDirectory.contoso)/v2.0"))
        #expect(claims["scp"] == .string("Data.Read"))
        #expect(claims["oid"] == .string(h.user("alice").oid))
        #expect(claims["tid"] == .string(DemoDirectory.contoso))
        #expect(claims["azp"] == .string(h.app("middle-tier-api").clientId))
        #expect(claims["azpacr"] == .string("1"))
        #expect(claims["ver"] == .string("2.0"))
        #expect(claims["appid"] == nil && claims["upn"] == nil && claims["roles"] == nil)
        #expect(claims["preferred_username"] == .string("alice@contoso.onmicrosoft.com"))
        // The new token's subject is pairwise for the middle tier, not the SPA's.
        let incoming = try #require(SandboxHarness.claims(h.userToken()))
        #expect(claims["sub"] != incoming["sub"])
        #expect(SandboxHarness.header(r.body["access_token"]?.stringValue)?["x5t"] == nil)
    }

    @Test(arguments: AssertionWire.allCases)
    func certificateAssertionsInEveryWireShapeWork(_ wire: AssertionWire) throws {
        let r = h.token(form(credential: h.assertionFields(try h.clientAssertion(wire))))
        #expect(r.status == 200, "\(r.body)")
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["azpacr"] == .string("2"))
        #expect(claims["scp"] == .string("Data.Read"))
    }

    @Test func federatedCredentialWorks() throws {
        let workload = FederationIssuer.mint(subject: "system:serviceaccount:demo:middle-tier", audience: "api://AzureADTokenExchange", authority: h.authority)
        let r = h.token(form(credential: h.assertionFields(workload)))
        #expect(r.status == 200, "\(r.body)")
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["azpacr"] == .string("2"))
        #expect(claims["oid"] == .string(h.user("alice").oid))
    }

    @Test func graphGetsAV1TokenWithAHeaderNonce() throws {
        let r = h.token(form(scope: "https://graph.microsoft.com/User.Read"))
        #expect(r.status == 200, "\(r.body)")
        let token = try #require(r.body["access_token"]?.stringValue)
        let header = try #require(SandboxHarness.header(token))
        #expect(header["nonce"]?.stringValue?.isEmpty == false)
        #expect(header["x5t"] == header["kid"])
        let claims = try #require(SandboxHarness.claims(token))
        #expect(claims["ver"] == .string("1.0"))
        #expect(claims["aud"] == .string("https://graph.microsoft.com"))
        #expect(claims["iss"] == .string("http://127.0.0.1:8400/\(DemoDirectory.contoso)/"))
        #expect(claims["appid"] == .string(h.app("middle-tier-api").clientId))
        #expect(claims["appidacr"] == .string("1"))
        #expect(claims["azp"] == nil && claims["azpacr"] == nil)
        #expect(claims["upn"] == .string("alice@contoso.onmicrosoft.com"))
        #expect(claims["scp"] == .string("User.Read"))
        // A bare scope name is a Graph scope too.
        #expect(h.token(form(scope: "User.Read")).status == 200)
    }

    @Test func scopeNamesMatchWithoutRegardToCase() throws {
        // Microsoft's own OBO example asks for `https://graph.microsoft.com/user.read`.
        let r = h.token(form(scope: "https://graph.microsoft.com/user.read"))
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body["scope"] == .string("https://graph.microsoft.com/User.Read"))
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["scp"] == .string("User.Read"))
        #expect(h.token(form(scope: "api://downstream-api/data.read")).status == 200)
    }

    @Test func legacyAPIGetsAV1TokenAddressedToTheRequestedAppIDURI() throws {
        // The demo has no consent for legacy-api (see the 65001 case); grant it here.
        let h = try SandboxHarness.demo {
            $0.delegatedGrants.append(DelegatedGrant(client: "middle-tier-api", resource: "legacy-api", scopes: ["user_impersonation"], tenant: "contoso", user: nil))
        }
        let r = h.token([("client_id", h.app("middle-tier-api").clientId), ("grant_type", TokenEndpoint.jwtBearer),
                         ("requested_token_use", "on_behalf_of"), ("assertion", h.userToken()),
                         ("scope", "api://legacy-api/user_impersonation"), ("client_secret", h.secret("middle-tier-api"))])
        #expect(r.status == 200, "\(r.body)")
        let token = try #require(r.body["access_token"]?.stringValue)
        let claims = try #require(SandboxHarness.claims(token))
        #expect(claims["ver"] == .string("1.0"))
        #expect(claims["aud"] == .string("api://legacy-api"))
        #expect(claims["appid"] == .string(h.app("middle-tier-api").clientId))
        #expect(claims["upn"] == .string("alice@contoso.onmicrosoft.com"))
        #expect(claims["unique_name"] == .string("alice@contoso.onmicrosoft.com"))
        #expect(claims["amr"] == .array([.string("pwd")]))
        #expect(SandboxHarness.header(token)?["nonce"] == nil)
        // Asked for by client ID, the v1 audience is the client ID.
        let byID = h.token([("client_id", h.app("middle-tier-api").clientId), ("grant_type", TokenEndpoint.jwtBearer),
                            ("requested_token_use", "on_behalf_of"), ("assertion", h.userToken()),
                            ("scope", "\(h.app("legacy-api").clientId)/user_impersonation"), ("client_secret", h.secret("middle-tier-api"))])
        #expect(SandboxHarness.claims(byID.body["access_token"]?.stringValue)?["aud"] == .string(h.app("legacy-api").clientId))
    }

    @Test func offlineAccessAndClientInfoAsMSALAsksForThem() throws {
        var fields = form(scope: "api://downstream-api/Data.Read openid profile offline_access")
        fields.append(("client_info", "1"))
        let r = h.token(fields)
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body["refresh_token"]?.stringValue?.hasPrefix("1.A") == true)
        #expect(r.body["scope"] == .string("api://downstream-api/Data.Read offline_access openid profile"))
        let info = try #require(r.body["client_info"]?.stringValue.flatMap { Base64URL.decode($0) })
        let json = try JSONParser.parse(info)
        #expect(json["uid"] == .string(h.user("alice").oid))
        #expect(json["utid"] == .string(DemoDirectory.contoso))
    }

    @Test func defaultScopeGrantsEveryConsentedScope() throws {
        let r = h.token(form(scope: "api://downstream-api/.default"))
        #expect(r.status == 200, "\(r.body)")
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["scp"] == .string("Data.Read"))
    }

    @Test func mfaSignInSatisfiesTheConditionalAccessPolicy() throws {
        let r = h.token(form(assertion: h.userToken(user: "carol", mfa: true)))
        #expect(r.status == 200, "\(r.body)")
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["oid"] == .string(h.user("carol").oid))
    }

    @Test func guestWorksOnTheTenantOfTheToken() throws {
        let r = h.token(form(assertion: h.userToken(user: "bob")), tenant: DemoDirectory.contoso)
        #expect(r.status == 200, "\(r.body)")
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["tid"] == .string(DemoDirectory.contoso))
        #expect(claims["idp"] != nil)
        // The tenant may be named by domain too.
        #expect(h.token(form(assertion: h.userToken(user: "bob")), tenant: "contoso.onmicrosoft.com").status == 200)
    }

    @Test func tenantlessAuthoritiesWorkForMembers() {
        // 9001023 is a client-credentials rule: OBO is allowed on /common and /organizations.
        for tenant in ["common", "organizations"] {
            let r = h.token(form(), tenant: tenant)
            #expect(r.status == 200, "\(tenant): \(r.body)")
        }
    }

    @Test func expiredAssertionWithinTheClockSkewIsAccepted() {
        // Minted an hour and four minutes ago: expired by 299 s, inside the 5-minute skew.
        let r = h.token(form(assertion: h.userToken(now: SandboxHarness.now - 3599 - 299)))
        #expect(r.status == 200, "\(r.body)")
    }

    // MARK: Errors

    @Test func errorsLikeEntra() throws {
        let other = try SandboxHarness()   // a second sandbox: other signing keys
        let appOnly = h.authority.minter.accessToken(
            MintRequest(tenant: h.contoso, client: h.app("daemon"), resource: h.app("middle-tier-api"), user: nil, clientAuth: "1"), now: SandboxHarness.now)
        let daemonToken = try #require(h.token([("client_id", h.app("daemon").clientId), ("grant_type", "client_credentials"),
                                                ("client_secret", h.secret("daemon")), ("scope", "api://downstream-api/.default")]).body["access_token"]?.stringValue)
        let idToken = h.authority.minter.idToken(tenant: h.contoso, client: h.app("middle-tier-api"), user: h.user("alice"), nonce: nil, now: SandboxHarness.now)
        let idTokenWithNonce = h.authority.minter.idToken(tenant: h.contoso, client: h.app("spa-client"), user: h.user("alice"), nonce: "n-0S6", now: SandboxHarness.now)
        let expired = h.userToken(now: SandboxHarness.now - 3599 - 301)
        let notYetValid = h.userToken(now: SandboxHarness.now + 301)
        let aliceInFabrikam = h.userToken(tenant: h.fabrikam)

        let cases: [(String, String, [(String, String)], Int, String, Int)] = [
            ("signed by another key", DemoDirectory.contoso, form(assertion: other.userToken()), 400, "invalid_grant", 50013),
            ("resigned with a known kid", DemoDirectory.contoso, form(assertion: Self.tamper(h.userToken())), 400, "invalid_grant", 50013),
            ("not a JWT", DemoDirectory.contoso, form(assertion: "not-a-token"), 400, "invalid_grant", 50013),
            ("a refresh token", DemoDirectory.contoso, form(assertion: "1.AXYZ.abc"), 400, "invalid_grant", 50013),
            ("two segments", DemoDirectory.contoso, form(assertion: "eyJhbGciOiJSUzI1NiJ9.eyJ9"), 400, "invalid_grant", 50013),
            ("token for another API", DemoDirectory.contoso, form(assertion: h.userToken(client: "middle-tier-api", resource: "downstream-api", scopes: ["Data.Read"])), 400, "invalid_grant", 500131),
            ("token for Graph", DemoDirectory.contoso, form(assertion: h.userToken(resource: "microsoft-graph", scopes: ["User.Read"])), 400, "invalid_grant", 500131),
            ("expired beyond skew", DemoDirectory.contoso, form(assertion: expired), 400, "invalid_grant", 500133),
            ("not yet valid beyond skew", DemoDirectory.contoso, form(assertion: notYetValid), 400, "invalid_grant", 500133),
            ("ID token", DemoDirectory.contoso, form(assertion: idToken), 400, "invalid_grant", 240002),
            ("SPA's ID token", DemoDirectory.contoso, form(assertion: idTokenWithNonce), 400, "invalid_grant", 240002),
            ("no consent for legacy-api", DemoDirectory.contoso, form(scope: "api://legacy-api/user_impersonation"), 400, "invalid_grant", 65001),
            ("scope not consented", DemoDirectory.contoso, form(scope: "https://graph.microsoft.com/Mail.Read"), 400, "invalid_grant", 65001),
            ("carol without MFA", DemoDirectory.contoso, form(assertion: h.userToken(user: "carol")), 400, "invalid_grant", 50076),
            ("dave is blocked", DemoDirectory.contoso, form(assertion: h.userToken(user: "dave")), 400, "invalid_grant", 53003),
            ("dave is blocked even with MFA", DemoDirectory.contoso, form(assertion: h.userToken(user: "dave", mfa: true)), 400, "invalid_grant", 53003),
            ("app-only token for the middle tier", DemoDirectory.contoso, form(assertion: appOnly), 400, "unauthorized_client", 7000114),
            ("daemon's client-credentials token", DemoDirectory.contoso, form(assertion: daemonToken), 400, "unauthorized_client", 7000114),
            ("unknown resource", DemoDirectory.contoso, form(scope: "api://nowhere/Data.Read"), 400, "invalid_resource", 500011),
            ("guest on /common", "common", form(assertion: h.userToken(user: "bob")), 400, "invalid_grant", 50013),
            ("user not in the tenant", DemoDirectory.fabrikam, form(assertion: aliceInFabrikam), 400, "invalid_grant", 50020),
            ("token from another tenant", DemoDirectory.fabrikam, form(), 400, "invalid_grant", 50013),
            ("only OIDC scopes", DemoDirectory.contoso, form(scope: "openid offline_access"), 400, "invalid_scope", 70011),
            ("wrong secret", DemoDirectory.contoso, form(credential: [("client_secret", "wrong")]), 401, "invalid_client", 7000215),
            ("no credential", DemoDirectory.contoso, form(credential: []), 401, "invalid_client", 7000218),
            ("a public client", DemoDirectory.contoso, form(client: "spa-client", credential: []), 401, "invalid_client", 7000218),
            ("unknown tenant", "nowhere.example", form(), 400, "invalid_request", 90002),
        ]
        for (name, tenant, fields, status, error, code) in cases {
            let r = h.token(fields, tenant: tenant)
            #expect(r.status == status, "\(name): \(r.body)")
            #expect(r.body["error"] == .string(error), "\(name): \(r.body)")
            #expect(SandboxHarness.code(r.body) == code, "\(name): expected \(code), got \(r.body)")
            #expect(r.body["error_description"]?.stringValue?.hasPrefix("AADSTS\(code): ") == true, "\(name)")
            #expect(r.body["access_token"] == nil, "\(name)")
        }
    }

    @Test func missingParametersAre900144() {
        for missing in ["requested_token_use", "assertion", "scope"] {
            let r = h.token(form().filter { $0.0 != missing })
            SandboxHarness.expectError(r, 400, "invalid_request", 900144)
            #expect(r.body["error_description"]?.stringValue?.contains("'\(missing)'") == true, "\(missing)")
        }
        // An empty value counts as missing, as in a form post.
        let empty = h.token(form().map { $0.0 == "assertion" ? ($0.0, "") : $0 })
        SandboxHarness.expectError(empty, 400, "invalid_request", 900144)
        let wrongUse = h.token(form().map { $0.0 == "requested_token_use" ? ($0.0, "on-behalf-of") : $0 })
        SandboxHarness.expectError(wrongUse, 400, "invalid_request", 900144)
    }

    @Test func audienceErrorNamesBothAudiences() {
        let r = h.token(form(assertion: h.userToken(client: "middle-tier-api", resource: "downstream-api", scopes: ["Data.Read"])))
        let text = r.body["error_description"]?.stringValue ?? ""
        #expect(text.contains("'\(h.app("downstream-api").clientId)'") && text.contains("'\(h.app("middle-tier-api").clientId)'"))
    }

    @Test func expiredAssertionSaysWhen() {
        let r = h.token(form(assertion: h.userToken(now: SandboxHarness.now - 7200)))
        #expect(r.body["error_description"]?.stringValue?.contains("Current time: 2026-11-29T10:00:00.0000000Z, expiry time of assertion 2026-11-29T08:59:59.0000000Z") == true,
                "\(r.body)")
    }

    @Test func consentErrorIsConsentRequired() {
        let r = h.token(form(scope: "api://legacy-api/user_impersonation"))
        SandboxHarness.expectError(r, 400, "invalid_grant", 65001)
        #expect(r.body["suberror"] == .string("consent_required"))
        #expect(r.body["error_description"]?.stringValue?.contains(h.app("middle-tier-api").clientId) == true)
    }

    @Test func mfaChallengeCarriesTheClaimsToAskFor() throws {
        let r = h.token(form(assertion: h.userToken(user: "carol")))
        SandboxHarness.expectError(r, 400, "invalid_grant", 50076)
        #expect(r.body["suberror"] == .string("basic_action"))
        let claims = try JSONParser.parse(try #require(r.body["claims"]?.stringValue))
        let policy = try #require(h.authority.directory.conditionalAccess.first { $0.action == .requireMFA })
        // Microsoft's 2017 example names the member `polids`; recent responses say `capolids`.
        let policies = try #require(claims["access_token"]?["capolids"] ?? claims["access_token"]?["polids"])
        #expect(policies["essential"] == .bool(true))
        #expect(policies["values"] == .array([.string(policy.id)]))
        // Sending the challenge back from the middle tier does not help: the user must sign in again.
        var again = form(assertion: h.userToken(user: "carol"))
        again.append(("claims", try #require(r.body["claims"]?.stringValue)))
        SandboxHarness.expectError(h.token(again), 400, "invalid_grant", 50076)
    }

    @Test func guestOnCommonIsToldToUseTheTenant() {
        let r = h.token(form(assertion: h.userToken(user: "bob")), tenant: "common")
        SandboxHarness.expectError(r, 400, "invalid_grant", 50013)
        let text = r.body["error_description"]?.stringValue ?? ""
        #expect(text.contains("'tid'") && text.contains("not /common"), "\(text)")
        #expect(text.contains(DemoDirectory.contoso) && text.contains(DemoDirectory.fabrikam))
    }

    @Test func userNotInTenantNamesTheUser() {
        let r = h.token(form(assertion: h.userToken(tenant: h.fabrikam)), tenant: DemoDirectory.fabrikam)
        #expect(r.body["error_description"]?.stringValue?.contains("alice@contoso.onmicrosoft.com") == true)
    }

    @Test func clientIsAuthenticatedBeforeTheAssertionIsJudged() {
        // Entra's front door: a bad credential is reported even when the user token is also bad.
        let r = h.token(form(assertion: h.userToken(now: SandboxHarness.now - 7200), credential: [("client_secret", "wrong")]))
        SandboxHarness.expectError(r, 401, "invalid_client", 7000215)
    }

    /// The token with its payload changed and the old signature kept.
    static func tamper(_ token: String) -> String {
        let parts = token.split(separator: ".").map(String.init)
        var claims = TokenParser.parse(token).claims!.objectMembers!
        claims = claims.map { $0.key == "scp" ? (key: "scp", value: .string("Data.Read access_as_user")) : $0 }
        return parts[0] + "." + Base64URL.encode(Array(JSONWriter.write(.object(claims), pretty: false).utf8)) + "." + parts[2]
    }
}
