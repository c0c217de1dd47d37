import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: client credentials")
struct ClientCredentialsTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    func form(client: String = "daemon", secret: String? = nil, scope: String = "api://downstream-api/.default") -> [(String, String)] {
        var f = [("client_id", h.app(client).clientId), ("grant_type", "client_credentials"), ("client_info", "1")]
        f.append(("client_secret", secret ?? h.secret(client)))
        f.append(("scope", scope))
        return f
    }

    @Test func issuesAnAppOnlyV2TokenWithAssignedRoles() throws {
        let r = h.token(form())
        #expect(r.status == 200)
        #expect(r.body["token_type"] == .string("Bearer"))
        #expect(r.body["refresh_token"] == nil)
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["aud"] == .string(h.app("downstream-api").clientId))
        #expect(claims["iss"] == .string("http://127.0.0.1:8400/\(DemoDirectory.contoso)/v2.0"))
        #expect(claims["idtyp"] == .string("app"))
        #expect(claims["azpacr"] == .string("1"))
        #expect(claims["roles"] == .array([.string("Data.Read.All")]))
        #expect(claims["scp"] == nil)
        #expect(claims["sub"] == claims["oid"])
        #expect(claims["exp"]?.doubleValue == Double(SandboxHarness.now + 3599))
        // The core inspector agrees on what it is.
        let report = try #require(try TokenInspector.inspect(text: r.body["access_token"]!.stringValue!, context: InspectionContext(now: SandboxHarness.now)).first)
        #expect(report.kind == .accessToken && report.accessType == .appOnly)
    }

    @Test func secretByHTTPBasicWorksToo() {
        let basic = "Basic " + Base64URL.encode(Array("\(h.app("daemon").clientId):\(h.secret("daemon"))".utf8))
        let r = h.token([("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default")], headers: [("Authorization", basic)])
        #expect(r.status == 200)
    }

    @Test func errorsLikeEntra() {
        let cases: [(String, [(String, String)], Int, Int, String)] = [
            ("common", form(), 400, 9001023, "invalid_request"),
            ("contoso.onmicrosoft.com", form(secret: "wrong"), 401, 7000215, "invalid_client"),
            ("no-such-tenant.example", form(), 400, 90002, "invalid_request"),
            (DemoDirectory.contoso, form(scope: "api://downstream-api/Data.Read"), 400, 70011, "invalid_scope"),
            (DemoDirectory.contoso, form(scope: "api://nowhere/.default"), 400, 500011, "invalid_resource"),
            (DemoDirectory.contoso, form(client: "middle-tier-api", secret: "middle-tier-expired-secret~0123456789"), 401, 7000222, "invalid_client"),
            (DemoDirectory.contoso, form(client: "middle-tier-api", scope: "api://middle-tier-api/.default"), 400, 90009, "invalid_request"),
            (DemoDirectory.contoso, [("client_id", "00000000-0000-0000-0000-00000000dead"), ("grant_type", "client_credentials"), ("client_secret", "x"), ("scope", "api://downstream-api/.default")], 400, 700016, "unauthorized_client"),
            (DemoDirectory.contoso, [("client_id", h.app("daemon").clientId), ("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default")], 401, 7000218, "invalid_client"),
            (DemoDirectory.contoso, [("client_id", h.app("daemon").clientId), ("grant_type", "client_credentials"), ("client_secret", "x")], 400, 900144, "invalid_request"),
            (DemoDirectory.contoso, [("client_id", h.app("spa-client").clientId), ("grant_type", "client_credentials"), ("client_secret", "x"), ("scope", "api://downstream-api/.default")], 401, 700025, "invalid_client"),
        ]
        for (tenant, fields, status, code, error) in cases {
            let r = h.token(fields, tenant: tenant)
            #expect(r.status == status, "\(code)")
            #expect(SandboxHarness.code(r.body) == code, "expected \(code), got \(r.body)")
            #expect(r.body["error"] == .string(error), "\(code)")
            let description = r.body["error_description"]?.stringValue ?? ""
            #expect(description.hasPrefix("AADSTS\(code): "))
            #expect(description.contains("\r\nTrace ID: ") && description.contains("\r\nCorrelation ID: ") && description.contains("\r\nTimestamp: 2026-11-29 10:00:00Z"))
            #expect(r.body["timestamp"] == .string("2026-11-29 10:00:00Z"))
            #expect(r.body["error_uri"] == .string("http://127.0.0.1:8400/error?code=\(code)"))
        }
    }

    @Test func secretIDInsteadOfValueSaysSo() {
        let r = h.token(form(secret: h.app("daemon").secrets[0].id))
        #expect(SandboxHarness.code(r.body) == 7000215)
        #expect(r.body["error_description"]?.stringValue?.contains("secret value, not the client secret ID") == true)
    }

    @Test func correlationIDIsEchoed() {
        let r = h.token(form(), tenant: "common", headers: [("client-request-id", "11111111-2222-4333-8444-555555555555")])
        #expect(r.body["correlation_id"] == .string("11111111-2222-4333-8444-555555555555"))
        #expect(r.body["error_description"]?.stringValue?.contains("Correlation ID: 11111111-2222-4333-8444-555555555555") == true)
    }
}
