import TokenScopeCore
import TokenScopeSandbox

/// Answers token requests with the sandbox's own token endpoint logic, in process (no sockets):
/// used once, to get a real answer (a real OBO access token, signed by the sandbox, for the
/// request TokenScope really built) and to check that the sandbox accepts TokenScope's PS256
/// assertion. Mirrors `POST /{tenant}/oauth2/v2.0/token` of the sandbox's router.
struct SandboxTransport: HTTPTransport {
    let authority: SandboxAuthority
    let now: Int64

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        // https://host:port/{tenant}/oauth2/v2.0/token → {tenant}
        let path = request.url.split(separator: "/", omittingEmptySubsequences: true)
        guard path.count >= 5, path[path.count - 3] == "oauth2" else {
            throw TransportError(.invalidURL, "not a token endpoint: \(request.url)")
        }
        let tenant = String(path[path.count - 4])
        let form = FormEncoding.decode(String(decoding: request.body, as: UTF8.self))
        let tokenRequest = TokenRequest(tenantSegment: tenant, fields: form, headers: request.headers, now: now)
        let (status, body) = TokenEndpoint.handle(tokenRequest, authority: authority)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Cache-Control", "no-store, no-cache"),
        ]
        if let correlation = tokenRequest.correlationID { headers.append(("client-request-id", correlation)) }
        return HTTPResponse(status: status, headers: headers, body: Array(JSONWriter.write(body, pretty: false).utf8))
    }
}

/// Answers every request at once with the same response: the network and the authority cost
/// nothing, so what is measured is the client's own work.
struct CannedTransport: HTTPTransport {
    let response: HTTPResponse

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        blackHole(request.body.count)
        return response
    }
}

/// Keeps a value alive as far as the optimiser can tell, so no measured work is dropped.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
