import Synchronization
import Testing
import TokenScopeHTTP
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: device code flow")
struct DeviceCodeTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    func expectError(_ r: (status: Int, body: JSONValue), _ status: Int, _ error: String, _ code: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "status for AADSTS\(code)", sourceLocation: sourceLocation)
        #expect(r.body["error"] == .string(error), "error for AADSTS\(code): \(r.body)", sourceLocation: sourceLocation)
        #expect(SandboxHarness.code(r.body) == code, "expected AADSTS\(code): \(r.body)", sourceLocation: sourceLocation)
    }

    /// Starts a flow and returns (device_code, user_code).
    func start(client: String = "spa-client", scope: String = "User.Read offline_access openid profile",
               tenant: String = DemoDirectory.contoso) throws -> (device: String, user: String) {
        let r = h.deviceCode(client: client, scope: scope, tenant: tenant)
        #expect(r.status == 200, "\(r.body)")
        return (try #require(r.body["device_code"]?.stringValue), try #require(r.body["user_code"]?.stringValue))
    }

    @Test func theDeviceCodeResponseHasEntrasFields() throws {
        let r = h.deviceCode()
        #expect(r.status == 200)
        let userCode = try #require(r.body["user_code"]?.stringValue)
        #expect(userCode.count == 9 && Array(userCode)[4] == "-")
        #expect(userCode.filter { $0 != "-" }.allSatisfy { $0.isUppercase && $0.isLetter })
        #expect(r.body["device_code"]?.stringValue?.isEmpty == false)
        #expect(r.body["verification_uri"] == .string("http://127.0.0.1:8400/devicelogin"))
        #expect(r.body["expires_in"]?.doubleValue == 900)
        #expect(r.body["interval"]?.doubleValue == 5)
        let message = try #require(r.body["message"]?.stringValue)
        #expect(message.contains("http://127.0.0.1:8400/devicelogin") && message.contains(userCode))
        #expect(r.body.objectMembers?.map(\.key) == ["user_code", "device_code", "verification_uri", "expires_in", "interval", "message"])
    }

    @Test func approvedCodesRedeemOnceForTheApproversTokens() throws {
        let (device, user) = try start()
        expectError(h.pollDevice(device), 400, "authorization_pending", 70016)

        let page = h.deviceLogin([("user_code", user), ("login_hint", "alice")])
        #expect(page.status == 200, "\(page.html)")
        #expect(page.html.contains("alice@contoso.onmicrosoft.com"))

        let r = h.pollDevice(device)
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aud"] == .string("https://graph.microsoft.com"))
        #expect(access["scp"] == .string("User.Read openid profile"))
        #expect(access["oid"] == .string(h.user("alice").oid))
        #expect(access["appid"] == .string(h.app("spa-client").clientId))
        let id = try #require(SandboxHarness.claims(r.body["id_token"]?.stringValue))
        #expect(id["nonce"] == nil && id["aud"] == .string(h.app("spa-client").clientId))
        #expect(r.body["refresh_token"] != nil)
        let info = try #require(SandboxHarness.clientInfo(r.body["client_info"]?.stringValue))
        #expect(info["uid"] == .string(h.user("alice").oid) && info["utid"] == .string(DemoDirectory.contoso))

        expectError(h.pollDevice(device), 400, "invalid_grant", 54005)
        // The user code is used up too.
        #expect(h.deviceLogin([("user_code", user), ("login_hint", "alice")]).html.contains("AADSTS70018: "))
    }

    @Test func declinedExpiredAndUnknownCodes() throws {
        let (declined, declinedUser) = try start()
        let page = h.deviceLogin([("user_code", declinedUser), ("decline", "1")])
        #expect(page.status == 200 && page.html.contains("declined"))
        expectError(h.pollDevice(declined), 400, "authorization_declined", 70019)

        let (expired, expiredUser) = try start()
        expectError(h.pollDevice(expired, now: SandboxHarness.now + 900), 400, "expired_token", 70020)
        #expect(h.pollDevice(expired, now: SandboxHarness.now + 899).status == 400)
        let late = h.deviceLogin([("user_code", expiredUser), ("login_hint", "alice")], now: SandboxHarness.now + 901)
        #expect(late.status == 400 && late.html.contains("AADSTS70020: "))

        expectError(h.pollDevice("DAQABIQEAAAnot-a-device-code"), 400, "invalid_grant", 70000)
        let (device, _) = try start()
        expectError(h.pollDevice(device, client: "web-app"), 400, "invalid_grant", 70000)
        expectError(h.pollDevice(device, tenant: DemoDirectory.fabrikam), 400, "invalid_grant", 70000)
        let unknown = h.deviceLogin([("user_code", "ZZZZ-ZZZZ"), ("login_hint", "alice")])
        #expect(unknown.status == 400 && unknown.html.contains("AADSTS70018: "))
    }

    @Test func theLoginPageAsksForTheCodeThenTheAccount() throws {
        let form = h.deviceLogin([])
        #expect(form.status == 200 && form.html.contains(#"name="user_code""#))
        let (_, user) = try start()
        // Typed loosely: lowercase, no dash.
        let picker = h.deviceLogin([("user_code", user.lowercased().replacingDash())])
        #expect(picker.status == 200)
        #expect(picker.html.contains("alice@contoso.onmicrosoft.com"))
        #expect(picker.html.contains("/devicelogin?user_code=\(user)&amp;login_hint=alice%40contoso.onmicrosoft.com"))
        let escaped = h.deviceLogin([("user_code", user), ("login_hint", "<b>nobody</b>")])
        #expect(escaped.html.contains("&lt;b&gt;nobody&lt;/b&gt;") && !escaped.html.contains("<b>nobody"))
    }

    @Test func approvalChecksTheUserLikeASignIn() throws {
        // alice is not in fabrikam: the page says so and the code stays pending.
        let (fab, fabUser) = try start(scope: "api://middle-tier-api/access_as_user openid", tenant: DemoDirectory.fabrikam)
        let page = h.deviceLogin([("user_code", fabUser), ("login_hint", "alice")])
        #expect(page.status == 400 && page.html.contains("AADSTS50020: "))
        expectError(h.pollDevice(fab, tenant: DemoDirectory.fabrikam), 400, "authorization_pending", 70016)
        // dave is blocked from the downstream API.
        let (_, daveUser) = try start(scope: "api://downstream-api/Data.Read openid")
        #expect(h.deviceLogin([("user_code", daveUser), ("login_hint", "dave")]).html.contains("AADSTS53003: "))
    }

    @Test func theUserConsentsOnTheLoginPageAndMFAIsDoneWherePolicyRequires() throws {
        let (device, user) = try start(scope: "api://downstream-api/Data.Read offline_access")
        #expect(h.deviceLogin([("user_code", user), ("login_hint", "carol")]).status == 200)
        let consented = h.authority.consentedScopes(client: h.app("spa-client"), resource: h.app("downstream-api"), user: h.user("carol"), tenant: h.contoso)
        #expect(consented.contains("Data.Read"))
        let r = h.pollDevice(device)
        #expect(r.status == 200, "\(r.body)")
        let access = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(access["aio"]?.stringValue.map { SessionMarker.isMFA(aio: $0) } == true)
        #expect(access["scp"] == .string("Data.Read"))
    }

    @Test func tenantlessCodesIssueInTheApproversHomeTenant() throws {
        let (device, user) = try start(scope: "api://middle-tier-api/access_as_user offline_access", tenant: "organizations")
        #expect(h.deviceLogin([("user_code", user), ("login_hint", "bob@fabrikam.onmicrosoft.com")]).status == 200)
        let r = h.pollDevice(device, tenant: "organizations")
        #expect(r.status == 200, "\(r.body)")
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["tid"] == .string(DemoDirectory.fabrikam))
    }

    @Test func confidentialClientsAuthenticateWhenPolling() throws {
        let (device, user) = try start(client: "web-app")
        #expect(h.deviceLogin([("user_code", user), ("login_hint", "alice")]).status == 200)
        let bare = h.token([("client_id", h.app("web-app").clientId), ("grant_type", TokenEndpoint.deviceCode), ("device_code", device)])
        expectError(bare, 401, "invalid_client", 7000218)
        let r = h.pollDevice(device, client: "web-app")
        #expect(r.status == 200, "\(r.body)")
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["appidacr"] == .string("1"))
    }

    @Test func deviceCodeEndpointErrors() {
        let cases: [((status: Int, body: JSONValue), Int, String, Int)] = [
            (h.deviceCode(tenant: "no-such-tenant.example"), 400, "invalid_request", 90002),
            (DeviceCodeEndpoint.handle(tenantSegment: DemoDirectory.contoso, fields: [("scope", "openid")], now: SandboxHarness.now, authority: h.authority),
             400, "invalid_request", 900144),
            (DeviceCodeEndpoint.handle(tenantSegment: DemoDirectory.contoso, fields: [("client_id", "00000000-0000-0000-0000-00000000dead"), ("scope", "openid")],
                                       now: SandboxHarness.now, authority: h.authority), 400, "unauthorized_client", 700016),
            (h.deviceCode(client: "web-app", tenant: DemoDirectory.fabrikam), 400, "unauthorized_client", 700016),
            (h.deviceCode(scope: nil), 400, "invalid_request", 900144),
            (h.deviceCode(scope: "User.Read api://downstream-api/Data.Read"), 400, "invalid_scope", 70011),
            (h.deviceCode(tenant: "consumers"), 400, "invalid_request", 9002332),
        ]
        for (r, status, error, code) in cases { expectError(r, status, error, code) }
    }

    @Test func liveDeviceFlowOverHTTP() async throws {
        let authority = try SandboxAuthority.demo()
        let server = try await SandboxServer.start(authority)
        let transport = AsyncHTTPTransport()
        do {
            let spa = authority.directory.app(named: "spa-client")!.clientId
            let form = FormBody.encode([("client_id", spa), ("scope", "User.Read offline_access openid profile")])
            let start = try await transport.send(HTTPRequest(method: "POST", url: "\(server.baseURL)/organizations/oauth2/v2.0/devicecode",
                                                             headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: Array(form.utf8)))
            #expect(start.status == 200)
            let body = try JSONParser.parse(start.body)
            let device = try #require(body["device_code"]?.stringValue)
            let user = try #require(body["user_code"]?.stringValue)
            let uri = try #require(body["verification_uri"]?.stringValue)
            #expect(uri == "\(server.baseURL)/devicelogin")

            let approve = try await transport.send(HTTPRequest(url: uri + "?" + FormBody.encode([("user_code", user), ("login_hint", "alice")])))
            #expect(approve.status == 200)
            #expect(approve.header("Content-Type")?.hasPrefix("text/html") == true)

            let poll = FormBody.encode([("client_id", spa), ("grant_type", TokenEndpoint.deviceCode), ("device_code", device), ("client_info", "1")])
            let token = try await transport.send(HTTPRequest(method: "POST", url: "\(server.baseURL)/organizations/oauth2/v2.0/token",
                                                             headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: Array(poll.utf8)))
            #expect(token.status == 200)
            let tokens = try JSONParser.parse(token.body)
            #expect(SandboxHarness.claims(tokens["access_token"]?.stringValue)?["tid"] == .string(DemoDirectory.contoso))
        } catch {
            Issue.record(error)
        }
        await transport.shutdown()
        await server.stop()
    }
}

private extension String {
    func replacingDash() -> String { filter { $0 != "-" } }
}
