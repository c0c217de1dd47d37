import Hummingbird
import NIOCore

extension SandboxRoutes {
    /// A browser-facing answer: a redirect with `Location`, or an HTML page. Never cached, since
    /// it carries codes or per-request state.
    static func browser(_ result: BrowserResponse) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store, no-cache"
        if let location = result.location { headers[.location] = location }
        if !result.html.isEmpty { headers[.contentType] = "text/html; charset=utf-8" }
        return Response(status: .init(code: result.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: result.html)))
    }
}
