import Foundation
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox
import TokenScopeHTTP

/// Behaviour pinned during review: guests' `idp` names the home tenant by GUID; disabled users
/// cannot be acted for.
@Suite("Sandbox: review fixes")
struct ReviewFixesTests {
    @Test func guestIdpNamesTheHomeTenantByID() throws {
        let h = try SandboxHarness()
        let token = h.userToken(user: "bob")
        let claims = try #require(SandboxHarness.claims(token))
        #expect(claims["idp"] == .string("http://127.0.0.1:8400/\(DemoDirectory.fabrikam)/"))
        #expect(claims["tid"] == .string(DemoDirectory.contoso))
        // The core inspector sees a guest.
        let report = try #require(try TokenInspector.inspect(text: token, context: InspectionContext(now: SandboxHarness.now)).first)
        #expect(report.findings.contains { $0.id == .guestUser })
    }

    @Test func disabledUserCannotBeActedFor() throws {
        let yaml = DemoDirectory.yaml.replacingOccurrences(of: "displayName: Dave Blocked", with: "displayName: Dave Blocked\n    disabled: true")
        let authority = try SandboxAuthority(directory: DirectoryLoader.load(yaml: yaml, file: "test.yaml"), stateDirectory: nil,
                                             clock: { SandboxHarness.now })
        authority.baseURL = "http://127.0.0.1:8400"
        let d = authority.directory
        let mint = MintRequest(tenant: d.tenant(named: "contoso")!, client: d.app(named: "spa-client")!, resource: d.app(named: "middle-tier-api")!,
                               user: d.user(named: "dave")!, scopes: ["access_as_user"], clientAuth: "0")
        let assertion = authority.minter.accessToken(mint, now: SandboxHarness.now)
        let request = TokenRequest(tenantSegment: DemoDirectory.contoso, fields: [
            ("client_id", d.app(named: "middle-tier-api")!.clientId), ("grant_type", TokenEndpoint.jwtBearer),
            ("client_secret", "middle-tier-demo-secret~0123456789abcdef"), ("requested_token_use", "on_behalf_of"),
            ("scope", "api://downstream-api/Data.Read"), ("assertion", assertion),
        ].map { (name: $0.0, value: $0.1) }, now: SandboxHarness.now)
        let r = TokenEndpoint.handle(request, authority: authority)
        #expect(r.status == 400)
        #expect(SandboxHarness.code(r.body) == 50057)
    }
}

@Suite("Sandbox: /common routes over HTTP")
struct CommonRoutesTests {
    @Test func commonPathsAreReachableNextToInstanceDiscovery() async throws {
        let authority = try SandboxAuthority.demo()
        let server = try await SandboxServer.start(authority)
        let transport = TokenScopeHTTP.AsyncHTTPTransport()
        // Shut both down whatever happens: AsyncHTTPClient traps when a client is released unshut.
        let result: Result<[HTTPResponse], any Error>
        do {
            let base = server.baseURL
            let form = "grant_type=client_credentials&client_id=x&client_secret=y&scope=api%3A%2F%2Fdownstream-api%2F.default"
            result = .success([
                try await transport.send(HTTPRequest(url: "\(base)/common/v2.0/.well-known/openid-configuration")),
                try await transport.send(HTTPRequest(url: "\(base)/common/discovery/instance?api-version=1.1")),
                try await transport.send(HTTPRequest(url: "\(base)/organizations/discovery/instance")),
                try await transport.send(HTTPRequest(method: "POST", url: "\(base)/common/oauth2/v2.0/token",
                                                     headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                                     body: Array(form.utf8))),
            ])
        } catch {
            result = .failure(error)
        }
        await transport.shutdown()
        await server.stop()
        let responses = try result.get()
        #expect(responses.map(\.status) == [200, 200, 404, 400])
        #expect(String(decoding: responses[3].body, as: UTF8.self).contains("AADSTS9001023"))
    }
}
