import Hummingbird
import HummingbirdTesting
import NIOCore
import Foundation
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// Route-level tests through HummingbirdTesting's router client (no socket): paths exactly as
/// Entra's, methods, content types, status codes and bodies as a client sees them.
@Suite("Sandbox: routes")
struct RouteTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    func app() -> some ApplicationProtocol {
        Application(router: SandboxRoutes.router(h.authority))
    }

    func json(_ buffer: ByteBuffer) throws -> JSONValue { try JSONParser.parse(String(buffer: buffer)) }

    @Test func discoveryDocumentsForEveryTenantForm() async throws {
        try await app().test(.router) { client in
            for tenant in [DemoDirectory.contoso, "contoso.onmicrosoft.com", "common", "organizations"] {
                try await client.execute(uri: "/\(tenant)/v2.0/.well-known/openid-configuration", method: .get) { response in
                    #expect(response.status == .ok, "\(tenant)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let doc = try json(response.body)
                    #expect(doc["token_endpoint"] == .string("http://127.0.0.1:8400/\(tenant)/oauth2/v2.0/token"))
                    let expectedIssuer = tenant == "common" || tenant == "organizations"
                        ? "http://127.0.0.1:8400/{tenantid}/v2.0" : "http://127.0.0.1:8400/\(DemoDirectory.contoso)/v2.0"
                    #expect(doc["issuer"] == .string(expectedIssuer))
                }
            }
            try await client.execute(uri: "/\(DemoDirectory.contoso)/.well-known/openid-configuration", method: .get) { response in
                let doc = try json(response.body)
                #expect(doc["issuer"] == .string("http://127.0.0.1:8400/\(DemoDirectory.contoso)/"))
            }
            try await client.execute(uri: "/nowhere.example/v2.0/.well-known/openid-configuration", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try json(response.body)
                #expect(SandboxHarness.code(body) == 90002)
            }
        }
    }

    @Test func keysAndInstanceDiscovery() async throws {
        try await app().test(.router) { client in
            for path in ["/\(DemoDirectory.contoso)/discovery/v2.0/keys", "/common/discovery/keys"] {
                try await client.execute(uri: path, method: .get) { response in
                    let keys = try json(response.body)["keys"]?.arrayValue ?? []
                    #expect(keys.first?["kid"] == .string(h.authority.keys.current.kid), "\(path)")
                }
            }
            try await client.execute(uri: "/common/discovery/instance?api-version=1.1&authorization_endpoint=x", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["tenant_discovery_endpoint"] != nil)
            }
        }
    }

    @Test func tokenEndpointSuccessAndEntraShapedFailure() async throws {
        let daemon = h.app("daemon").clientId
        try await app().test(.router) { client in
            let good = "grant_type=client_credentials&client_id=\(daemon)&client_secret=\(FormBody.escape(h.secret("daemon")))&scope=api%3A%2F%2Fdownstream-api%2F.default"
            try await client.execute(uri: "/\(DemoDirectory.contoso)/oauth2/v2.0/token", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: good)) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["token_type"] == .string("Bearer"))
            }
            try await client.execute(uri: "/\(DemoDirectory.contoso)/oauth2/v2.0/token", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "grant_type=password&client_id=\(daemon)")) { response in
                #expect(response.status == .badRequest)
                let body = try json(response.body)
                #expect(body["error"] == .string("unsupported_grant_type"))
                #expect(SandboxHarness.code(body) == 70003)
            }
            try await client.execute(uri: "/\(DemoDirectory.contoso)/oauth2/v2.0/token", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: good.replacingOccurrences(of: "daemon-demo", with: "wrong"))) { response in
                #expect(response.status == .unauthorized)
                let body = try json(response.body)
                #expect(SandboxHarness.code(body) == 7000215)
            }
        }
    }
}
