import Foundation
import Testing
import TokenScopeTestSupport

/// Pins the `exchange` output (human and `--json`, a public contract) with canned answers from a
/// loopback capture server. The parts that differ per run (port, client-request-id, timings) are
/// masked before comparing.
@Suite("Golden output: exchange", .serialized)
struct ExchangeGoldenTests {
    static let tenant = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"
    static let refusal = #"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication to access 'api://downstream-api'.\r\nTrace ID: 2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d\r\nCorrelation ID: 6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b\r\nTimestamp: 2026-11-29 10:00:00Z","error_codes":[50076],"timestamp":"2026-11-29 10:00:00Z","trace_id":"2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d","correlation_id":"6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b","error_uri":"https://login.microsoftonline.com/error?code=50076","suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a75\"]}}}"}"#
    static let success = #"{"token_type":"Bearer","scope":"api://downstream-api/.default","expires_in":3599,"ext_expires_in":3599,"access_token":"EwBwA8l6BAAUbDba3x2OMJElkF7gJ4z"}"#

    func run(_ reply: LoopbackHTTPServer.Reply, json: Bool) async throws -> CLIRunner.Result {
        let server = try await LoopbackHTTPServer.start()
        server.route("/\(Self.tenant)/oauth2/v2.0/token", reply)
        let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", "\(server.baseURL)/\(Self.tenant)",
                                                 "--client-id", "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69", "--secret-env", "S",
                                                 "--scope", "api://downstream-api/.default"] + (json ? ["--json"] : []),
                                                environment: ["S": "golden-secret-value"])
        await server.stop()
        return CLIRunner.Result(status: r.status, stdout: Self.mask(r.stdout, port: server.port), stderr: r.stderr)
    }

    /// Replaces what changes between runs: the port, this run's client-request-id, elapsed times.
    static func mask(_ text: String, port: Int) -> String {
        var out = text.replacingOccurrences(of: "127.0.0.1:\(port)", with: "127.0.0.1:PORT")
        let id = try! NSRegularExpression(pattern: #"client-request-id"?:? "?([0-9a-f-]{36})"#)
        if let match = id.firstMatch(in: out, range: NSRange(out.startIndex..., in: out)), let range = Range(match.range(at: 1), in: out) {
            out = out.replacingOccurrences(of: String(out[range]), with: "<client-request-id>")
        }
        let patterns = [(#""elapsedMs": [0-9]+"#, #""elapsedMs": 0"#), (#"attempt ([0-9]+), [0-9]+ ms"#, "attempt $1, N ms")]
        for (pattern, template) in patterns {
            let regex = try! NSRegularExpression(pattern: pattern)
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }

    @Test func refusedJSON() async throws {
        let r = try await run(.init(status: 400, body: Self.refusal), json: true)
        #expect(r.status == 1)
        try Golden.check(r.stdout, "exchange-refused.json")
    }

    @Test func refusedHuman() async throws {
        let r = try await run(.init(status: 400, body: Self.refusal), json: false)
        #expect(r.status == 1)
        try Golden.check(r.stdout, "exchange-refused.txt")
    }

    @Test func issuedJSON() async throws {
        let r = try await run(.init(status: 200, body: Self.success), json: true)
        #expect(r.status == 0)
        try Golden.check(r.stdout, "exchange-issued.json")
    }
}
