import Foundation
import Synchronization
import Testing
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// Shortcuts for the interactive flows against the live sandbox: the sign-in GET of /authorize
/// (the sandbox signs the `login_hint` user in at once and answers 302), the device-login page,
/// and the demo users.
extension LiveSandbox {
    static let aliceUPN = "alice@contoso.onmicrosoft.com"
    static let aliceOID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c71"

    /// GETs a URL through the live transport (redirects are not followed).
    func get(_ url: String) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(method: "GET", url: url))
    }

    /// GETs the authorize URL and returns the redirect's `Location`.
    func signIn(_ authorizeURL: String) async throws -> String {
        let response = try await get(authorizeURL)
        #expect(response.status == 302, "authorize answered \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))")
        return try #require(response.header("location"))
    }

    /// Approves (or declines) a pending device code at `/devicelogin` as `user`.
    func deviceLogin(userCode: String, user: String = LiveSandbox.aliceUPN, decline: Bool = false) async throws -> HTTPResponse {
        var pairs = [("user_code", userCode), ("login_hint", user)]
        if decline { pairs.append(("decline", "1")) }
        return try await get("\(baseURL)/devicelogin?" + FormEncoding.encode(pairs))
    }
}

/// The loopback redirect URI uses `localhost`; the tests reach the listener on 127.0.0.1 only.
func listenerURL(_ location: String) -> String {
    location.hasPrefix("http://localhost:") ? "http://127.0.0.1:" + location.dropFirst("http://localhost:".count) : location
}

/// A transport that answers from a script, per endpoint, and records what it was sent: for the
/// device code polling rules (slow_down, expiry, decline) that the sandbox does not produce on demand.
final class DevicePollScript: HTTPTransport {
    enum Step: Sendable {
        case json(Int, String)
        case failure(TransportError)
    }

    private struct State {
        var deviceCode: [Step]
        var token: [Step]
        var sent: [HTTPRequest] = []
    }

    private let state: Mutex<State>
    /// Runs before each token request is answered (e.g. to cancel the polling task).
    let onTokenRequest: @Sendable (Int) -> Void

    init(deviceCode: [Step] = [DevicePollScript.deviceAuthorization()], token: [Step], onTokenRequest: @escaping @Sendable (Int) -> Void = { _ in }) {
        state = Mutex(State(deviceCode: deviceCode, token: token))
        self.onTokenRequest = onTokenRequest
    }

    var sent: [HTTPRequest] { state.withLock { $0.sent } }
    var tokenRequests: [HTTPRequest] { sent.filter { $0.url.hasSuffix("/token") } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (step, count): (Step, Int) = state.withLock { s in
            s.sent.append(request)
            let isToken = request.url.hasSuffix("/token")
            let count = s.sent.filter { $0.url.hasSuffix("/token") }.count
            // The last step repeats once the script runs out.
            if isToken {
                return (s.token.count > 1 ? s.token.removeFirst() : s.token[0], count)
            }
            return (s.deviceCode.count > 1 ? s.deviceCode.removeFirst() : s.deviceCode[0], 0)
        }
        if request.url.hasSuffix("/token") { onTokenRequest(count) }
        switch step {
        case let .json(status, body):
            return HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body.utf8))
        case let .failure(error):
            throw error
        }
    }

    static func deviceAuthorization(expiresIn: Int = 900, interval: Int = 5) -> Step {
        .json(200, """
            {"user_code":"BCDF-GHJK","device_code":"DAQABIQEAAAscripted-device-code","verification_uri":"https://microsoft.com/devicelogin",\
            "expires_in":\(expiresIn),"interval":\(interval),"message":"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code BCDF-GHJK to authenticate."}
            """)
    }

    static func error(_ error: String, code: Int, status: Int = 400) -> Step {
        .json(status, """
            {"error":"\(error)","error_description":"AADSTS\(code): \(error).\\r\\nTrace ID: 0000\\r\\nCorrelation ID: 1111\\r\\nTimestamp: 2025-01-01 00:00:00Z",\
            "error_codes":[\(code)],"timestamp":"2025-01-01 00:00:00Z","trace_id":"0000","correlation_id":"1111"}
            """)
    }

    static var pending: Step { error("authorization_pending", code: 70016) }
    static var slowDown: Step { error("slow_down", code: 70016) }

    /// A token response with an unsigned but well-formed access token.
    static var token: Step {
        let header = Base64URL.encode(Array(#"{"typ":"JWT","alg":"RS256","kid":"k"}"#.utf8))
        let claims = Base64URL.encode(Array(#"{"aud":"https://graph.microsoft.com","scp":"User.Read","oid":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c71"}"#.utf8))
        return .json(200, #"{"token_type":"Bearer","scope":"User.Read","expires_in":3600,"access_token":"\#(header).\#(claims).c2ln"}"#)
    }
}

/// A clock that only moves when the flow sleeps: `now` in Unix seconds, every sleep recorded.
final class PollClock: Sendable {
    private let state = Mutex((now: Int64(1_700_000_000), sleeps: [Double]()))

    var now: Int64 { state.withLock { $0.now } }
    var sleeps: [Double] { state.withLock { $0.sleeps } }

    func sleep(_ seconds: Double) {
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now += Int64(seconds.rounded(.up))
        }
    }

    func settings(onSleep: (@Sendable (Int) async throws -> Void)? = nil) -> ExchangeSettings {
        ExchangeSettings(retryDelaySeconds: 0, now: { self.now }, sleep: { seconds in
            self.sleep(seconds)
            try await onSleep?(self.sleeps.count)
        })
    }
}

/// The authority of the scripted tests (an Entra-shaped custom host; nothing is sent there).
func pollScriptAuthority() throws -> Authority {
    try AuthorityRules.resolve(AuthoritySelection(authorityURL: "http://127.0.0.1:9/contoso.onmicrosoft.com"), defaultTenant: nil)
}

/// The decoded claims of a returned token.
func tokenClaims(_ outcome: ExchangeOutcome, _ field: String) -> JSONValue? {
    outcome.tokens.first { $0.field == field }?.report.token.claims
}
