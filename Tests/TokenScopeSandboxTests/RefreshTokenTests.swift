import Synchronization
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: refresh token grant")
struct RefreshTokenTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    static let day: Int64 = 86_400

    func expectError(_ r: (status: Int, body: JSONValue), _ error: String, _ code: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 400, "status for AADSTS\(code)", sourceLocation: sourceLocation)
        #expect(r.body["error"] == .string(error), "error for AADSTS\(code): \(r.body)", sourceLocation: sourceLocation)
        #expect(SandboxHarness.code(r.body) == code, "expected AADSTS\(code): \(r.body)", sourceLocation: sourceLocation)
    }

    /// A web-app refresh token for `user` (middle tier, offline_access).
    func webRefreshToken(user: String = "alice", scope: String = SandboxHarness.msalScope, extra: [(String, String)] = []) throws -> String {
        let r = h.redeem(try h.signIn(user: user, scope: scope, extra: extra), scope: scope)
        return try #require(r.body["refresh_token"]?.stringValue, "\(r.body)")
    }

    func spaRefreshToken() throws -> String {
        let scope = "User.Read offline_access openid profile"
        let code = try h.signIn(client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope)
        let r = h.redeem(code, client: "spa-client", redirect: SandboxHarness.spaRedirect, scope: scope, origin: "http://localhost:3000")
        return try #require(r.body["refresh_token"]?.stringValue, "\(r.body)")
    }

    @Test func refreshingRotatesAndTheOldTokenKeepsWorking() throws {
        let first = try webRefreshToken()
        let r = h.refresh(first, scope: nil)
        #expect(r.status == 200, "\(r.body)")
        let second = try #require(r.body["refresh_token"]?.stringValue)
        #expect(second != first)
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aud"] == .string(h.app("middle-tier-api").clientId), "without scope: the original resource")
        #expect(access["scp"] == .string("access_as_user"))
        #expect(r.body["scope"] == .string("api://middle-tier-api/access_as_user offline_access openid profile"))
        #expect(r.body["id_token"] != nil)
        #expect(SandboxHarness.clientInfo(r.body["client_info"]?.stringValue)?["uid"] == .string(h.user("alice").oid))
        #expect(h.refresh(first).status == 200)
        #expect(h.refresh(second).status == 200)
    }

    @Test func aRefreshTokenServesAnyConsentedResource() throws {
        let r = h.refresh(try webRefreshToken(), scope: "User.Read offline_access openid profile")
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aud"] == .string("https://graph.microsoft.com"))
        #expect(access["scp"] == .string("User.Read openid profile"))
        // Several resources: the first one named wins.
        let multi = h.refresh(try webRefreshToken(), scope: "api://middle-tier-api/access_as_user User.Read offline_access")
        #expect(SandboxHarness.claims(multi.body["access_token"]?.stringValue)?["aud"] == .string(h.app("middle-tier-api").clientId))
        // …but not one without consent.
        let denied = h.refresh(try webRefreshToken(), scope: "api://downstream-api/Data.Read offline_access")
        expectError(denied, "invalid_grant", 65001)
        #expect(denied.body["suberror"] == .string("consent_required"))
    }

    @Test func unknownOrMalformedTokensAreInvalid() {
        expectError(h.refresh("1.AnotARefreshToken"), "invalid_grant", 70000)
        expectError(h.refresh("garbage with spaces"), "invalid_grant", 70000)
        expectError(h.token([("grant_type", "refresh_token"), ("client_id", h.app("web-app").clientId), ("client_secret", h.secret("web-app"))]),
                    "invalid_request", 900144)
    }

    @Test func anotherAppCannotUseTheToken() throws {
        let token = try webRefreshToken()
        expectError(h.refresh(token, client: "spa-client"), "invalid_grant", 70000)
        let r = h.refresh(token, client: "daemon")
        #expect(r.status == 400 && SandboxHarness.code(r.body) == 70000)
    }

    @Test func confidentialClientsMustAuthenticate() throws {
        let token = try webRefreshToken()
        let r = h.token([("grant_type", "refresh_token"), ("client_id", h.app("web-app").clientId), ("refresh_token", token)])
        #expect(r.status == 401 && SandboxHarness.code(r.body) == 7000218)
    }

    @Test func ninetyDaysOfInactivityExpireTheToken() throws {
        let token = try webRefreshToken()
        expectError(h.refresh(token, now: SandboxHarness.now + 90 * Self.day + 1), "invalid_grant", 700082)
        #expect(h.refresh(token, now: SandboxHarness.now + 90 * Self.day).status == 200)
        // Using it counts as activity.
        let other = try webRefreshToken()
        #expect(h.refresh(other, now: SandboxHarness.now + 80 * Self.day).status == 200)
        #expect(h.refresh(other, now: SandboxHarness.now + 160 * Self.day).status == 200)
        expectError(h.refresh(other, now: SandboxHarness.now + 251 * Self.day), "invalid_grant", 700082)
    }

    @Test func spaTokensLive24HoursFromSignInAndNeedOrigin() throws {
        let token = try spaRefreshToken()
        expectError(h.refresh(token, client: "spa-client", scope: "User.Read offline_access"), "invalid_request", 9002327)
        let later = h.refresh(token, client: "spa-client", scope: "User.Read offline_access", origin: "http://localhost:3000",
                              now: SandboxHarness.now + 23 * 3600)
        #expect(later.status == 200, "\(later.body)")
        let rotated = try #require(later.body["refresh_token"]?.stringValue)
        #expect(h.authority.grants.refreshTokens.withLock { $0[rotated] }?.spa == true)
        // The rotated token inherits the first token's deadline: 24 h after the sign-in.
        for t in [token, rotated] {
            let r = h.refresh(t, client: "spa-client", scope: "User.Read offline_access", origin: "http://localhost:3000",
                              now: SandboxHarness.now + Self.day + 1)
            expectError(r, "invalid_grant", 700084)
        }
    }

    @Test func nonSPATokensMustNotBeRedeemedCrossOrigin() throws {
        expectError(h.refresh(try webRefreshToken(), origin: "http://localhost:3000"), "invalid_request", 9002326)
    }

    @Test func theSignInsMFACarriesThroughRefresh() throws {
        h.consent(["Data.Read"], client: "web-app", resource: "downstream-api", user: "carol")
        let plain = try webRefreshToken(user: "carol", scope: "User.Read offline_access openid")
        let challenged = h.refresh(plain, scope: "api://downstream-api/Data.Read offline_access")
        expectError(challenged, "invalid_grant", 50076)
        #expect(challenged.body["suberror"] == .string("basic_action"))

        let stepped = try webRefreshToken(user: "carol", scope: "User.Read offline_access openid", extra: [("claims", SandboxHarness.stepUpClaims)])
        let r = h.refresh(stepped, scope: "api://downstream-api/Data.Read offline_access")
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aio"]?.stringValue.map { SessionMarker.isMFA(aio: $0) } == true)
        // And into the rotated token.
        let next = try #require(r.body["refresh_token"]?.stringValue)
        #expect(h.refresh(next, scope: "api://downstream-api/Data.Read offline_access").status == 200)
    }

    @Test func conditionalAccessBlocksAtRefresh() throws {
        h.consent(["Data.Read"], client: "web-app", resource: "downstream-api", user: "dave")
        let token = try webRefreshToken(user: "dave", scope: "User.Read offline_access openid")
        expectError(h.refresh(token, scope: "api://downstream-api/Data.Read offline_access"), "invalid_grant", 53003)
    }

    @Test func aGuestsTokenWorksInTheirOtherTenantButNotForStrangers() throws {
        // bob signs in at home (fabrikam) through /common, then refreshes in contoso, where he is a guest.
        let scope = "api://middle-tier-api/access_as_user offline_access openid profile"
        let code = try h.signIn(client: "spa-client", user: "bob", redirect: SandboxHarness.nativeRedirect, scope: scope, tenant: "common")
        let first = h.redeem(code, client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope, tenant: "common")
        let bobToken = try #require(first.body["refresh_token"]?.stringValue, "\(first.body)")
        let r = h.refresh(bobToken, client: "spa-client", scope: "User.Read offline_access", tenant: DemoDirectory.contoso)
        #expect(r.status == 200, "\(r.body)")
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["tid"] == .string(DemoDirectory.contoso))
        // /organizations stays in the token's tenant.
        let home = h.refresh(bobToken, client: "spa-client", scope: nil, tenant: "organizations")
        #expect(SandboxHarness.claims(home.body["access_token"]?.stringValue)?["tid"] == .string(DemoDirectory.fabrikam))
        // alice is nobody in fabrikam.
        let alice = try #require(h.redeem(try h.signIn(client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope),
                                          client: "spa-client", redirect: SandboxHarness.nativeRedirect, scope: scope).body["refresh_token"]?.stringValue)
        expectError(h.refresh(alice, client: "spa-client", scope: scope, tenant: DemoDirectory.fabrikam), "invalid_grant", 50020)
    }

    @Test func tokensFromOtherGrantsNeedAScope() {
        let token = h.authority.grants.issueRefreshToken(RefreshGrant(client: "web-app", tenant: "contoso", user: "alice", mfa: false,
                                                                      issued: SandboxHarness.now, spa: false))
        expectError(h.refresh(token, scope: nil), "invalid_request", 900144)
        #expect(h.refresh(token, scope: "User.Read offline_access").status == 200)
    }

    @Test func clientCapabilitiesAreSentWithEachRefresh() throws {
        let form: [(String, String)] = [("client_id", h.app("web-app").clientId), ("grant_type", "refresh_token"), ("client_secret", h.secret("web-app")),
                                        ("refresh_token", try webRefreshToken()), ("claims", #"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#)]
        let access = try #require(SandboxHarness.claims(h.token(form).body["access_token"]?.stringValue))
        #expect(access["xms_cc"] == .array([.string("cp1")]))
    }
}
