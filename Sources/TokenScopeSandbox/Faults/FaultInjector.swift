import Hummingbird
import NIOCore
import TokenScopeCore

/// Turns a `FaultSpec` into what the client sees: a delay, an Entra-shaped error, an HTML page, a
/// body cut in half, or a connection closed without an answer.
enum FaultInjector {
    /// Thrown after the connection was closed on purpose, so nothing is written to it.
    struct ConnectionReset: Error {}

    static func apply(_ fault: FaultSpec, channel: any Channel, correlationID: String?, authority: SandboxAuthority,
                      real: () async throws -> Response) async throws -> Response {
        if fault.latencyMilliseconds > 0 { try await Task.sleep(for: .milliseconds(fault.latencyMilliseconds)) }
        if fault.reset {
            // Awaiting the close orders it before the 500 Hummingbird would write for the error.
            try? await channel.close()
            throw ConnectionReset()
        }
        var response: Response
        if let status = fault.status {
            response = fault.html ? htmlPage(status: status) : entraError(status: status, correlationID: correlationID, authority: authority)
            if let retryAfter = fault.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        } else if fault.html {
            response = htmlPage(status: 500)
        } else {
            response = try await real()
        }
        if fault.truncate { response = try await truncated(response) }
        return response
    }

    /// The error Entra sends for the status: 429 throttling, 503 `temporarily_unavailable`, other
    /// 5xx `server_error`, 4xx `invalid_request`.
    static func error(for status: Int) -> EntraError {
        switch status {
        case 429:
            EntraError(429, "temporarily_unavailable", 90055, "Too many requests: the tenant or application is being throttled. Retry after the delay given in the Retry-After header, if any. (Injected by the sandbox.)")
        case 503:
            EntraError(503, "temporarily_unavailable", 90033, "A transient error has occurred: the service is temporarily unavailable. Please try again. (Injected by the sandbox.)")
        case 500...599:
            EntraError(status, "server_error", 50000, "There was an error issuing a token or an issue with our sign-in service. (Injected by the sandbox.)")
        default:
            EntraError(status, "invalid_request", 90023, "The request could not be processed. (Injected by the sandbox.)")
        }
    }

    static func entraError(status: Int, correlationID: String?, authority: SandboxAuthority) -> Response {
        let body = error(for: status).body(traceID: Random.guid(), correlationID: correlationID ?? Random.guid(),
                                           now: authority.clock(), errorHost: authority.baseURL)
        return SandboxRoutes.json((status, body))
    }

    /// A gateway-style error page: what clients get when a proxy, not Entra, answers.
    static func htmlPage(status: Int) -> Response {
        let page = """
        <!DOCTYPE html>
        <html><head><title>\(status) Service Error</title></head>
        <body><h1>\(status) Service Error</h1><p>The server encountered a temporary error and could not complete your request.</p>
        <p>(Injected by the TokenScope sandbox.)</p></body></html>

        """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// The same response with the first half of its body; Content-Length matches what is sent, so
    /// the client reads a complete message whose JSON does not parse.
    static func truncated(_ response: Response) async throws -> Response {
        let box = BufferBox()
        try await response.body.write(CollectingWriter(box: box))
        var cut = response
        cut.body = .init(byteBuffer: box.buffer.getSlice(at: box.buffer.readerIndex, length: box.buffer.readableBytes / 2) ?? ByteBuffer())
        return cut
    }

    private final class BufferBox: @unchecked Sendable {
        // Written by one task only, sequentially, while the body is collected.
        var buffer = ByteBuffer()
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let box: BufferBox
        mutating func write(_ buffer: ByteBuffer) async throws {
            var b = buffer
            box.buffer.writeBuffer(&b)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
