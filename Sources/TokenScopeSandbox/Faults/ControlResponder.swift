import Hummingbird
import Logging
import NIOCore
import TokenScopeCore

/// A request context that keeps the connection's channel: fault injection needs it to close the
/// connection (`reset`) and the admin endpoints to check that the caller is on loopback.
struct ChannelRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Sits in front of the sandbox's routes: answers the loopback-only admin endpoints under
/// `/_sandbox/`, and applies faults from the `x-sandbox-fault` header or from a client's armed
/// rule. Everything else goes to the routes untouched, so route tests and live tests agree.
struct ControlResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    typealias Context = ChannelRequestContext
    let inner: Inner
    let authority: SandboxAuthority
    let faults: FaultRules

    func respond(to request: Request, context: ChannelRequestContext) async throws -> Response {
        if request.uri.path.hasPrefix("/_sandbox/") {
            return try await SandboxAdmin.respond(to: request, remote: context.channel.remoteAddress, authority: authority, faults: faults)
        }
        var request = request
        var fault: FaultSpec?
        if let header = request.headers[.init("x-sandbox-fault")!] {
            do throws(FaultSpecError) {
                fault = try FaultSpec.parse(header)
            } catch {
                return SandboxAdmin.problem(400, "invalid_fault", "x-sandbox-fault: \(error.message)")
            }
        } else if !faults.isEmpty, request.method == .post, Self.isTokenPath(request.uri.path) {
            // Only read the body when a rule could match: the hot path stays a pass-through.
            let body = try await request.collectBody(upTo: SandboxRoutes.maxBody)
            if let client = Self.clientID(form: String(buffer: body), request: request) { fault = faults.take(clientId: client) }
        }
        let basic = BasicRequestContext(source: ApplicationRequestContextSource(channel: context.channel, logger: context.logger))
        guard let fault else { return try await inner.respond(to: request, context: basic) }
        let correlation = request.headers[.init("client-request-id")!]
        let forwarded = request
        return try await FaultInjector.apply(fault, channel: context.channel, correlationID: correlation, authority: authority) {
            try await inner.respond(to: forwarded, context: basic)
        }
    }

    /// `/{tenant}/oauth2/v2.0/token` (and the v1 `/oauth2/token`).
    static func isTokenPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return (parts.count == 4 && parts[1] == "oauth2" && parts[2] == "v2.0" && parts[3] == "token")
            || (parts.count == 3 && parts[1] == "oauth2" && parts[2] == "token")
    }

    /// `client_id` of the form, or the user of HTTP Basic, as the token endpoint reads it.
    static func clientID(form: String, request: Request) -> String? {
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        return TokenRequest(tenantSegment: "", fields: FormBody.parse(form), headers: headers, now: 0).clientID
    }
}
