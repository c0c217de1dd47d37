import Hummingbird
import NIOCore
import TokenScopeCore

/// The sandbox's own control endpoints, reachable from loopback only (a sandbox started with
/// `--allow-remote` must not let the network arm faults or rotate its keys):
///
/// - `GET /_sandbox/faults`: the armed rules.
/// - `POST /_sandbox/faults` `{"clientId": "...", "fault": "status=500", "count": 3}`: the client's
///   next `count` token requests get the fault (no count: until cleared). `clientId` may be an app name.
/// - `DELETE /_sandbox/faults[?clientId=...]`: clears one rule or all.
/// - `POST /_sandbox/keys/rotate`: a new signing key (the previous one stays in the JWKS).
enum SandboxAdmin {
    static func respond(to request: Request, remote: SocketAddress?, authority: SandboxAuthority, faults: FaultRules) async throws -> Response {
        guard isLoopback(remote?.ipAddress) else {
            return problem(403, "forbidden", "the /_sandbox/ endpoints answer only requests from loopback")
        }
        switch (request.method, request.uri.path) {
        case (.get, "/_sandbox/faults"):
            return SandboxRoutes.json((200, .object([("rules", .array(faults.all.map(json)))])))
        case (.post, "/_sandbox/faults"):
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            return arm(String(buffer: body), authority: authority, faults: faults)
        case (.delete, "/_sandbox/faults"):
            let client = FormBody.parse(request.uri.query ?? "").first { $0.name == "clientId" }?.value
            let cleared = faults.clear(clientId: client.map { resolve($0, authority) })
            return SandboxRoutes.json((200, .object([("cleared", .number(String(cleared)))])))
        case (.post, "/_sandbox/keys/rotate"):
            do {
                let key = try authority.keys.rotate()
                return SandboxRoutes.json((200, .object([
                    ("kid", .string(key.kid)),
                    ("published", .array(authority.keys.published.map { .string($0.kid) })),
                ])))
            } catch {
                return problem(500, "rotation_failed", "could not store the new key: \(error)")
            }
        default:
            return problem(404, "not_found", "no sandbox endpoint \(request.method) \(request.uri.path)")
        }
    }

    private static func arm(_ text: String, authority: SandboxAuthority, faults: FaultRules) -> Response {
        guard let body = try? JSONParser.parse(text), body.objectMembers != nil else {
            return problem(400, "invalid_request", #"the body must be JSON: {"clientId": "...", "fault": "status=500", "count": 3}"#)
        }
        guard let client = body["clientId"]?.stringValue, !client.isEmpty else { return problem(400, "invalid_request", "`clientId` is required") }
        guard let faultText = body["fault"]?.stringValue else { return problem(400, "invalid_request", "`fault` is required, e.g. \"status=503\"") }
        let fault: FaultSpec
        do throws(FaultSpecError) {
            fault = try FaultSpec.parse(faultText)
        } catch {
            return problem(400, "invalid_fault", error.message)
        }
        var count: Int?
        if let value = body["count"], value != .null {
            guard let d = value.doubleValue, d >= 1, d == d.rounded(), d <= 1_000_000 else {
                return problem(400, "invalid_request", "`count` must be a whole number from 1 (omit it to fail until cleared)")
            }
            count = Int(d)
        }
        let id = resolve(client, authority)
        faults.set(clientId: id, fault: fault, count: count)
        return SandboxRoutes.json((200, json(FaultRules.Rule(clientId: id, fault: fault, remaining: count))))
    }

    /// An app name (`daemon`) or a client ID.
    private static func resolve(_ client: String, _ authority: SandboxAuthority) -> String {
        authority.directory.app(named: client)?.clientId ?? client.lowercased()
    }

    private static func json(_ rule: FaultRules.Rule) -> JSONValue {
        .object([("clientId", .string(rule.clientId)), ("fault", .string(rule.fault.description)),
                 ("remaining", rule.remaining.map { .number(String($0)) } ?? .null)])
    }

    static func problem(_ status: Int, _ error: String, _ description: String) -> Response {
        SandboxRoutes.json((status, .object([("error", .string(error)), ("error_description", .string(description))])))
    }

    /// 127.0.0.0/8, ::1 and IPv4-mapped loopback.
    static func isLoopback(_ ip: String?) -> Bool {
        guard let ip = ip?.lowercased() else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }
}
