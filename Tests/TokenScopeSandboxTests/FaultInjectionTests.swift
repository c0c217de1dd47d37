import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeHTTP
@testable import TokenScopeSandbox

@Suite("Sandbox: fault injection")
struct FaultInjectionTests {
    static func tokenURL(_ server: SandboxServer) -> String { server.baseURL + "/contoso.onmicrosoft.com/oauth2/v2.0/token" }

    @Test func parsesFaultSpecs() throws {
        let combined = try FaultSpec.parse("latency=2s; status=429;retry-after=30")
        #expect(combined.latencyMilliseconds == 2000 && combined.status == 429 && combined.retryAfter == 30)
        #expect(try FaultSpec.parse("latency=500ms").latencyMilliseconds == 500)
        #expect(try FaultSpec.parse("html").html)
        #expect(try FaultSpec.parse("truncate").truncate)
        #expect(try FaultSpec.parse("reset").reset)
        #expect(combined.description == "latency=2000ms;status=429;retry-after=30")
        for bad in ["", "status=200", "status=abc", "latency=-1", "latency=10m", "retry-after=5", "explode", "html=1"] {
            #expect(throws: FaultSpecError.self, "\(bad)") { _ = try FaultSpec.parse(bad) }
        }
    }

    @Test func latencyDelaysTheRealAnswer() async throws {
        try await Live.withServer { server, client in
            let start = ContinuousClock.now
            let response = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "latency=400ms")])
            #expect(ContinuousClock.now - start >= .milliseconds(400))
            #expect(response.status == 200)
            #expect(Live.json(response)?["access_token"] != nil)
        }
    }

    @Test func throttlingWithAndWithoutRetryAfter() async throws {
        try await Live.withServer { server, client in
            let with = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm,
                                           headers: [("x-sandbox-fault", "status=429;retry-after=30"), ("client-request-id", "0f1e2d3c-4b5a-4968-8776-655443322110")])
            #expect(with.status == 429)
            #expect(with.header("Retry-After") == "30")
            let body = try #require(Live.json(with))
            #expect(body["error"] == .string("temporarily_unavailable"))
            #expect(SandboxHarness.code(body) == 90055)
            #expect(body["correlation_id"] == .string("0f1e2d3c-4b5a-4968-8776-655443322110"))
            #expect(body["error_description"]?.stringValue?.hasPrefix("AADSTS90055: ") == true)

            let without = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "status=429")])
            #expect(without.status == 429)
            #expect(without.header("Retry-After") == nil)
        }
    }

    @Test func serverErrorsAreEntraShaped() async throws {
        try await Live.withServer { server, client in
            let serverError = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "status=500")])
            #expect(serverError.status == 500)
            #expect(serverError.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(Live.json(serverError)?["error"] == .string("server_error"))
            #expect(Live.code(serverError) == 50000)

            let unavailable = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "status=503;retry-after=5")])
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Retry-After") == "5")
            #expect(Live.json(unavailable)?["error"] == .string("temporarily_unavailable"))
            #expect(Live.code(unavailable) == 90033)
        }
    }

    @Test func htmlErrorPages() async throws {
        try await Live.withServer { server, client in
            let page = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "html")])
            #expect(page.status == 500)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(String(decoding: page.body, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
            #expect(Live.json(page) == nil)

            let gateway = try await Live.get(client, server.baseURL + "/common/discovery/instance", headers: [("x-sandbox-fault", "status=502;html")])
            #expect(gateway.status == 502)
            #expect(gateway.header("Content-Type")?.hasPrefix("text/html") == true)
        }
    }

    @Test func truncateCutsTheRealBodyInHalf() async throws {
        try await Live.withServer { server, client in
            let url = server.baseURL + "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration"
            let whole = try await Live.get(client, url)
            let cut = try await Live.get(client, url, headers: [("x-sandbox-fault", "truncate")])
            #expect(cut.status == 200)
            #expect(cut.body.count == whole.body.count / 2)
            #expect(Array(whole.body.prefix(cut.body.count)) == cut.body)
            #expect(cut.header("Content-Length") == String(cut.body.count))
            #expect(Live.json(cut) == nil)

            let cutError = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "status=503;truncate")])
            #expect(cutError.status == 503)
            #expect(String(decoding: cutError.body, as: UTF8.self).hasPrefix(#"{"error":"temporarily_unavailable""#))
            #expect(Live.json(cutError) == nil)
        }
    }

    @Test func resetClosesTheConnectionWithoutAnAnswer() async throws {
        try await Live.withServer { server, client in
            let error = await #expect(throws: TransportError.self) {
                _ = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm, headers: [("x-sandbox-fault", "reset")])
            }
            #expect(error?.kind == .connection)
            // The server itself is fine: the next request is answered.
            let next = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm)
            #expect(next.status == 200)
        }
    }

    @Test func anInvalidFaultHeaderIsRefused() async throws {
        try await Live.withServer { server, client in
            let response = try await Live.get(client, server.baseURL + "/common/discovery/instance", headers: [("x-sandbox-fault", "status=42")])
            #expect(response.status == 400)
            #expect(Live.json(response)?["error"] == .string("invalid_fault"))
        }
    }

    @Test func rulesFailAClientsNextTokenRequestsOnly() async throws {
        try await Live.withServer { server, client in
            let admin = server.baseURL + "/_sandbox/faults"
            let armed = try await Live.postJSON(client, admin, #"{"clientId": "daemon", "fault": "status=503", "count": 2}"#)
            #expect(armed.status == 200)
            #expect(Live.json(armed)?["clientId"] == .string(Live.daemon))
            #expect(Live.json(armed)?["remaining"] == .number("2"))

            // Another client is untouched while the rule is armed.
            let other = [("grant_type", "client_credentials"), ("client_id", "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"),
                         ("client_secret", "middle-tier-demo-secret~0123456789abcdef"), ("scope", "api://downstream-api/.default")]
            #expect(try await Live.post(client, Self.tokenURL(server), form: other).status == 200)
            // Metadata requests of the armed client do not count.
            #expect(try await Live.get(client, server.baseURL + "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration").status == 200)

            let first = try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm)
            #expect(first.status == 503 && Live.code(first) == 90033)
            // HTTP Basic names the client too.
            let basic = "Basic " + Base64URL.encode(Array("\(Live.daemon):daemon-demo-secret~0123456789abcdef".utf8))
            let second = try await Live.post(client, Self.tokenURL(server), form: [("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default")],
                                             headers: [("Authorization", basic)])
            #expect(second.status == 503)
            #expect(try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm).status == 200)
            #expect(server.faults.isEmpty)
        }
    }

    @Test func rulesAreListedAndCleared() async throws {
        try await Live.withServer { server, client in
            let admin = server.baseURL + "/_sandbox/faults"
            #expect(try await Live.postJSON(client, admin, #"{"clientId": "\#(Live.daemon)", "fault": "html"}"#).status == 200)
            let listed = try #require(Live.json(try await Live.get(client, admin)))
            #expect(listed["rules"]?.arrayValue?.first?["fault"] == .string("html"))
            #expect(listed["rules"]?.arrayValue?.first?["remaining"] == .null)
            // Without a count the rule holds until cleared.
            for _ in 0..<3 { #expect(try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm).status == 500) }

            let cleared = try await Live.postJSON(client, admin, "", method: "DELETE")
            #expect(Live.json(cleared)?["cleared"] == .number("1"))
            #expect(try await Live.post(client, Self.tokenURL(server), form: Live.daemonForm).status == 200)
        }
    }

    @Test func badRulesAreRefused() async throws {
        try await Live.withServer { server, client in
            let admin = server.baseURL + "/_sandbox/faults"
            for body in ["not json", #"{"fault": "status=500"}"#, #"{"clientId": "daemon"}"#,
                         #"{"clientId": "daemon", "fault": "boom"}"#, #"{"clientId": "daemon", "fault": "html", "count": 0}"#] {
                let response = try await Live.postJSON(client, admin, body)
                #expect(response.status == 400, "\(body)")
            }
            #expect(server.faults.isEmpty)
            #expect(try await Live.get(client, server.baseURL + "/_sandbox/nothing").status == 404)
        }
    }

    @Test func onlyLoopbackMayUseTheAdminEndpoints() {
        #expect(SandboxAdmin.isLoopback("127.0.0.1"))
        #expect(SandboxAdmin.isLoopback("127.1.2.3"))
        #expect(SandboxAdmin.isLoopback("::1"))
        #expect(SandboxAdmin.isLoopback("::ffff:127.0.0.1"))
        #expect(!SandboxAdmin.isLoopback("10.0.0.5"))
        #expect(!SandboxAdmin.isLoopback("::ffff:10.0.0.5"))
        #expect(!SandboxAdmin.isLoopback("fe80::1"))
        #expect(!SandboxAdmin.isLoopback(nil))
    }

    @Test func ruleCountsAreConsumedExactly() {
        let rules = FaultRules()
        rules.set(clientId: "ABC", fault: FaultSpec(), count: 2)
        #expect(rules.take(clientId: "abc") != nil)
        #expect(rules.take(clientId: "abc") != nil)
        #expect(rules.take(clientId: "abc") == nil)
        #expect(rules.isEmpty)
    }
}
