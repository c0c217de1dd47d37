import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// Retries as MSAL.NET does, and every kind of answer read into the right outcome and exit code.
@Suite("Retries and outcomes")
struct RetryAndOutcomeTests {
    static let ok = #"{"token_type":"Bearer","expires_in":3599,"access_token":"at"}"#
    static let entraError = #"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change…\r\nTrace ID: t1\r\nCorrelation ID: c1\r\nTimestamp: 2026-11-29 10:00:00Z","error_codes":[50076],"timestamp":"2026-11-29 10:00:00Z","trace_id":"t1","correlation_id":"c1","suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"p1\"]}}}","error_uri":"https://login.microsoftonline.com/error?code=50076"}"#

    func run(_ steps: [ScriptedTransport.Step], maxWait: Double = 60) async -> (ExchangeOutcome, ScriptedTransport, SleepRecorder, [ExchangeEvent]) {
        let transport = ScriptedTransport(steps)
        let sleeper = SleepRecorder()
        let events = EventLog()
        let settings = ExchangeSettings(maxRetryAfterSeconds: maxWait, now: { TestToken.now }, sleep: sleeper.sleep, onEvent: events.append)
        let authority = Authority(kind: .custom, scheme: "http", host: "127.0.0.1", port: 9, tenant: "contoso")
        let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69",
                                      scopes: ["api://x/.default"], credential: .secret(Secret("planted-secret-value"), basic: false))
        let outcome = await TokenEndpointClient(transport: transport, settings: settings).exchange(request)
        return (outcome, transport, sleeper, events.all)
    }

    @Test("429 with Retry-After: waits that long, says so, retries once")
    func throttledThenOK() async {
        let (outcome, transport, sleeper, events) = await run([ScriptedTransport.json(429, #"{"error":"temporarily_unavailable"}"#, headers: [("Retry-After", "2")]), ScriptedTransport.json(200, Self.ok)])
        #expect(outcome.succeeded && outcome.exitCode == 0)
        #expect(transport.requests.count == 2)
        #expect(sleeper.recorded == [2])
        #expect(events.contains(.waiting(seconds: 2, reason: "HTTP 429 with Retry-After: 2 s")))
        #expect(outcome.trace.count == 2 && outcome.trace[0].note == "retried after 2 s (HTTP 429 with Retry-After: 2 s)")
    }

    @Test("429 without Retry-After is not retried; one longer than the cap is reported, not waited")
    func throttledNoRetry() async {
        let (plain, t1, s1, _) = await run([ScriptedTransport.json(429, #"{"error":"temporarily_unavailable","error_codes":[90055]}"#)])
        #expect(t1.requests.count == 1 && s1.recorded.isEmpty && plain.exitCode == 1)
        let (long, t2, s2, _) = await run([ScriptedTransport.json(429, "{}", headers: [("Retry-After", "600")])], maxWait: 60)
        #expect(t2.requests.count == 1 && s2.recorded.isEmpty)
        #expect(long.trace[0].note?.contains("not retried") == true)
    }

    @Test("5xx: one retry after 1 s, then the failure is reported")
    func serverErrors() async {
        let (recovered, t1, s1, _) = await run([ScriptedTransport.json(503, "{}"), ScriptedTransport.json(200, Self.ok)])
        #expect(recovered.succeeded && t1.requests.count == 2 && s1.recorded == [1])
        let (failed, t2, _, _) = await run([ScriptedTransport.json(500, "{}"), ScriptedTransport.json(500, "{}"), ScriptedTransport.json(200, Self.ok)])
        #expect(t2.requests.count == 2)
        guard case let .rejected(status, _, _) = failed.result else { Issue.record("expected rejected"); return }
        #expect(status == 500 && failed.exitCode == 1)
    }

    @Test("A timeout is retried once; DNS, TLS and refused connections are not")
    func transportFailures() async {
        let (timedOut, t1, _, _) = await run([.fail(TransportError(.timeout, "slow")), .fail(TransportError(.timeout, "slow"))])
        #expect(t1.requests.count == 2 && timedOut.exitCode == 3)
        for kind in [TransportError.Kind.dns, .tls, .connection] {
            let (outcome, transport, _, _) = await run([.fail(TransportError(kind, "x")), ScriptedTransport.json(200, Self.ok)])
            #expect(transport.requests.count == 1)
            guard case let .transportFailure(error) = outcome.result else { Issue.record("expected transport failure"); continue }
            #expect(error.kind == kind && outcome.exitCode == 3)
        }
    }

    @Test("An Entra error is parsed: codes, IDs, timestamp, suberror, claims challenge")
    func entraErrorParsed() async throws {
        let (outcome, _, _, _) = await run([ScriptedTransport.json(400, Self.entraError, headers: [("x-ms-request-id", "req-1"), ("x-ms-ests-server", "2.1.19 - NEULR1")])])
        guard case let .rejected(status, error?, nil) = outcome.result else { Issue.record("expected an Entra error"); return }
        #expect(status == 400 && error.error == "invalid_grant" && error.codes == [50076])
        #expect(error.traceId == "t1" && error.correlationId == "c1" && error.timestamp == "2026-11-29 10:00:00Z" && error.suberror == "basic_action")
        #expect(error.message == "AADSTS50076: Due to a configuration change…")
        #expect(error.claims?["access_token"]?["capolids"]?["values"]?.stringArray == ["p1"])
        #expect(outcome.requestId == "req-1" && outcome.estsServer == "2.1.19 - NEULR1")
        let json = JSONWriter.write(ExchangeJSON.document(outcome))
        #expect(json.contains("\"traceId\": \"t1\"") && json.contains("\"estsServer\": \"2.1.19 - NEULR1\""))
    }

    @Test("Bodies that are not token responses: HTML, truncated JSON, empty, 200 without access_token")
    func oddBodies() async {
        let cases: [(ScriptedTransport.Step, String)] = [
            (.respond(status: 502, headers: [("Content-Type", "text/html")], body: "<html><body>Bad gateway</body></html>"), "HTML page"),
            (.respond(status: 200, headers: [("Content-Type", "text/html")], body: "<!DOCTYPE html><title>Sign in</title>"), "HTML page"),
            (ScriptedTransport.json(400, #"{"error":"invalid_gr"#), "cut off"),
            (.respond(status: 400, headers: [], body: ""), "empty body"),
            (ScriptedTransport.json(200, #"{"token_type":"Bearer"}"#), "no `access_token`"),
        ]
        for (step, words) in cases {
            let (outcome, _, _, _) = await run([step, step])
            guard case let .rejected(_, _, problem?) = outcome.result else { Issue.record("expected a body problem for \(words)"); continue }
            #expect(problem.contains(words), "\(problem)")
            #expect(outcome.exitCode == 1)
        }
    }

    @Test("expires_in as a string, token_type checks like MSAL.NET")
    func tokenResponseShapes() throws {
        let r = try #require(TokenResponse(json: try JSONParser.parse(#"{"access_token":"a","expires_in":"3599","ext_expires_in":"7199"}"#)))
        #expect(r.expiresIn == 3599 && r.extExpiresIn == 7199)
        #expect(r.problems.contains { $0.contains("token_type_missing") })
        let info = Base64URL.encode(Array(#"{"uid":"u-1","utid":"t-1"}"#.utf8))
        let withInfo = try #require(TokenResponse(json: try JSONParser.parse(#"{"access_token":"a","token_type":"bearer","expires_in":1,"client_info":"\#(info)"}"#)))
        #expect(withInfo.problems.isEmpty && withInfo.clientInfo?.uid == "u-1" && withInfo.clientInfo?.utid == "t-1")
    }

    @Test("Client credentials on /common or /organizations is refused before anything is sent")
    func tenantlessClientCredentials() async {
        let transport = ScriptedTransport([ScriptedTransport.json(200, Self.ok)])
        for tenant in ["common", "organizations"] {
            let authority = Authority(kind: .entra(.public), scheme: "https", host: "login.microsoftonline.com", port: nil, tenant: tenant)
            let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69",
                                          scopes: ["api://x/.default"], credential: .secret(Secret("s"), basic: false))
            let outcome = await TokenEndpointClient(transport: transport, settings: ExchangeSettings(now: { TestToken.now })).exchange(request)
            guard case let .notSent(error) = outcome.result else { Issue.record("expected notSent"); continue }
            #expect(error.id == "tenantless-client-credentials" && outcome.exitCode == 2)
        }
        #expect(transport.requests.isEmpty)
    }

    @Test("OBO on /common warns as MSAL.NET's OnBehalfOfWrongAuthority")
    func oboOnCommonWarns() async {
        let transport = ScriptedTransport([ScriptedTransport.json(200, Self.ok)])
        let authority = Authority(kind: .entra(.public), scheme: "https", host: "login.microsoftonline.com", port: nil, tenant: "common")
        let request = ExchangeRequest(grant: .onBehalfOf(userAssertion: TestToken.v2AccessToken().signed()), authority: authority,
                                      clientId: TestToken.middleTier, scopes: ["api://x/y"], credential: .secret(Secret("s"), basic: false))
        let outcome = await TokenEndpointClient(transport: transport, settings: ExchangeSettings(now: { TestToken.now })).exchange(request)
        #expect(outcome.warnings.contains { $0.contains("OnBehalfOfWrongAuthority") && $0.contains("tid") })
    }

    @Test("The planted secret appears in no part of the outcome, human or JSON")
    func secretNeverInOutput() async {
        let (outcome, transport, _, _) = await run([ScriptedTransport.json(400, Self.entraError)])
        #expect(String(decoding: transport.requests[0].body, as: UTF8.self).contains("planted-secret-value"))
        let human = ExchangeHumanReport(colour: false).render(outcome)
        let json = JSONWriter.write(ExchangeJSON.document(outcome))
        #expect(!human.contains("planted-secret-value") && !json.contains("planted-secret-value"))
        #expect(human.contains("«redacted client secret"))
    }
}

final class EventLog: Sendable {
    private let events = Synchronization.Mutex<[ExchangeEvent]>([])
    var all: [ExchangeEvent] { events.withLock { $0 } }
    var append: @Sendable (ExchangeEvent) -> Void { { [self] e in events.withLock { $0.append(e) } } }
}

import Synchronization
