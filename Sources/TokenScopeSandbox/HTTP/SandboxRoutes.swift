import Hummingbird
import NIOCore
import TokenScopeCore

/// The sandbox's HTTP surface, with Entra's paths. Handlers are thin: they decode the request,
/// call the pure endpoint logic and encode JSON.
enum SandboxRoutes {
    static let maxBody = 1 << 20

    static func router(_ authority: SandboxAuthority) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/{tenant}/v2.0/.well-known/openid-configuration") { _, context in
            try json(Metadata.openIDConfiguration(tenantSegment: context.parameters.require("tenant"), v2: true, authority: authority))
        }
        router.get("/{tenant}/.well-known/openid-configuration") { _, context in
            try json(Metadata.openIDConfiguration(tenantSegment: context.parameters.require("tenant"), v2: false, authority: authority))
        }
        for path in ["/{tenant}/discovery/v2.0/keys", "/{tenant}/discovery/keys"] {
            router.get(RouterPath(path)) { _, context in
                let tenant = try context.parameters.require("tenant")
                return json((200, authority.keys.jwks(issuer: Metadata.issuerTemplate(tenant: tenant, v2: path.contains("v2.0"), authority: authority))))
            }
        }
        // Routed through `{tenant}`: Hummingbird never falls back from a literal segment to a
        // parameter, so a literal `/common/...` route would hide every other `/common/...` path.
        router.get("/{tenant}/discovery/instance") { request, context in
            guard try context.parameters.require("tenant").lowercased() == "common" else {
                return json((404, .object([("error", .string("not_found"))])))
            }
            return json(Metadata.instanceDiscovery(query: request.uri.query ?? "", authority: authority))
        }
        router.get("/federation/.well-known/openid-configuration") { _, _ in
            json((200, Metadata.federationConfiguration(authority)))
        }
        router.get("/federation/keys") { _, _ in
            json((200, authority.keys.jwks(issuer: FederationIssuer.issuer(authority))))
        }
        router.post("/{tenant}/oauth2/v2.0/token") { request, context in
            let tenant = try context.parameters.require("tenant")
            let body = try await request.body.collect(upTo: maxBody)
            let form = FormBody.parse(String(buffer: body))
            let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
            let tokenRequest = TokenRequest(tenantSegment: tenant, fields: form, headers: headers, now: authority.clock())
            var response = json(TokenEndpoint.handle(tokenRequest, authority: authority))
            if let correlation = tokenRequest.correlationID { response.headers[.init("client-request-id")!] = correlation }
            return response
        }
        // MARK: Authorization code and device code flows (authorize, devicecode, devicelogin)
        router.get("/{tenant}/oauth2/v2.0/authorize") { request, context in
            let tenant = try context.parameters.require("tenant")
            return browser(AuthorizeEndpoint.handle(tenantSegment: tenant, query: FormBody.parse(request.uri.query ?? ""),
                                                    now: authority.clock(), authority: authority))
        }
        router.post("/{tenant}/oauth2/v2.0/devicecode") { request, context in
            let tenant = try context.parameters.require("tenant")
            let body = try await request.body.collect(upTo: maxBody)
            let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
            return json(DeviceCodeEndpoint.handle(tenantSegment: tenant, fields: FormBody.parse(String(buffer: body)), headers: headers,
                                                  now: authority.clock(), authority: authority))
        }
        router.get("/devicelogin") { request, _ in
            browser(DeviceLoginEndpoint.handle(query: FormBody.parse(request.uri.query ?? ""), now: authority.clock(), authority: authority))
        }
        // MARK: End of authorization code and device code flows
        return router
    }

    static func json(_ result: (status: Int, body: JSONValue)) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store, no-cache"
        return Response(status: .init(code: result.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: JSONWriter.write(result.body, pretty: false))))
    }
}
