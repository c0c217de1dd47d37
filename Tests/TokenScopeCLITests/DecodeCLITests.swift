import Foundation
import Testing
import TokenScopeCore
import TokenScopeTestSupport

@Suite("tokenscope decode, end to end")
struct DecodeCLITests {
    let now = "--now=2026-11-29T10:00:00Z"

    @Test func versionAndHelpWithExamples() async throws {
        let version = try await CLIRunner.runDetached(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await CLIRunner.runDetached(["--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("decode"))
        let decodeHelp = try await CLIRunner.runDetached(["decode", "--help"])
        #expect(decodeHelp.status == 0)
        for flag in ["--flow", "--expect-audience", "--expect-tenant", "--expect-scope", "--now", "--skew", "--verify", "--jwks", "--json", "--file", "--env"] {
            #expect(decodeHelp.stdout.contains(flag), "help lacks \(flag)")
        }
        #expect(decodeHelp.stdout.contains("Exit codes: 0 no error findings, 1 error findings, 2 usage error"))
    }

    @Test func goodTokenExitsZeroAndReadsEveryInputForm() async throws {
        let jwt = TestToken.v2AccessToken().signed()
        let arg = try await CLIRunner.runDetached(["decode", jwt, now])
        #expect(arg.status == 0)
        #expect(arg.stdout.hasPrefix("access token (delegated), v2.0, local issuer") == false)
        #expect(arg.stdout.hasPrefix("access token (delegated), v2.0, Azure public cloud"))
        let stdin = try await CLIRunner.runDetached(["decode", "-", now], stdin: "Authorization: Bearer \(jwt)\n")
        #expect(stdin.status == 0 && stdin.stdout == arg.stdout)
        let piped = try await CLIRunner.runDetached(["decode", now], stdin: jwt)
        #expect(piped.status == 0 && piped.stdout == arg.stdout)
        let file = try await CLIRunner.runDetached(["decode", "--file", try CLIRunner.temporaryFile("\"\(jwt)\"\r\n"), now])
        #expect(file.status == 0 && file.stdout == arg.stdout)
        let env = try await CLIRunner.runDetached(["decode", "--env", "MY_TOKEN", now], environment: ["MY_TOKEN": jwt])
        #expect(env.status == 0 && env.stdout == arg.stdout)
    }

    @Test func errorFindingsExitOne() async throws {
        let expired = TestToken.v2AccessToken().with("exp", TestToken.number(TestToken.now - 3600)).signed()
        let r = try await CLIRunner.runDetached(["decode", expired, now])
        #expect(r.status == 1)
        #expect(r.stdout.contains("✖ error   expired: expired 1 h ago (2026-11-29 09:00:00 UTC)"))
        let obo = try await CLIRunner.runDetached(["decode", TestToken.v2IDToken().signed(), "--flow", "obo", now])
        #expect(obo.status == 1)
        #expect(obo.stdout.contains("On-Behalf-Of readiness  NOT READY"))
    }

    @Test func usageAndInputErrorsExitTwoWithAReason() async throws {
        let cases: [([String], String?, String)] = [
            (["decode", "--bogus"], nil, "Unknown option '--bogus'"),
            (["decode", "--file", "/nonexistent/token.txt"], nil, "no such file: /nonexistent/token.txt"),
            (["decode", "--env", "TOKENSCOPE_UNSET_VAR"], nil, "environment variable TOKENSCOPE_UNSET_VAR is not set"),
            (["decode", "-"], "   \n", "the input is empty"),
            (["decode", "-"], "not a token, just words", "no token found"),
            (["decode", "x", "--now", "yesterday"], nil, "--now `yesterday` is not a time"),
            (["decode", "x", "--skew", "soon"], nil, "--skew `soon` is not a duration"),
            (["decode", "--flow", "implicit", "x"], nil, "implicit"),
            (["decode", "abc", "--file", "/tmp/x"], nil, "give the token in one way only"),
        ]
        for (args, stdin, message) in cases {
            let r = try await CLIRunner.runDetached(args, stdin: stdin)
            #expect(r.status == 2, "\(args) exited \(r.status)")
            #expect(r.stderr.contains(message), "\(args): stderr was \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
        }
    }

    @Test func oversizedInputIsRefusedBeforeParsing() async throws {
        let path = try CLIRunner.temporaryFile(String(repeating: "A", count: (1 << 20) + 10))
        let r = try await CLIRunner.runDetached(["decode", "--file", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("holds more than 1 MiB"))
        let piped = try await CLIRunner.runDetached(["decode", "-"], stdin: String(repeating: "A", count: (1 << 20) + 10))
        #expect(piped.status == 2 && piped.stderr.contains("stdin holds more than 1 MiB"))
    }

    @Test func controlCharactersNeverReachTheTerminal() async throws {
        var token = TestToken.v2AccessToken()
        token.set("name", .string("Mallory\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"))
        token.set("evil\u{1B}[31mclaim", .string("x\ry"))
        token.setHeader("kid", .string("k\u{1B}[5m"))
        for json in [false, true] {
            let r = try await CLIRunner.runDetached(["decode", token.signed(), now] + (json ? ["--json"] : []))
            #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x0D })
            #expect(r.stdout.contains(json ? #"Mallory\u001b]0;pwned\u0007"# : #"Mallory\e]0;pwned\x07\e[2J\x9b31m"#))
        }
    }

    @Test func colourOnlyWhenAskedByTheEnvironment() async throws {
        // Output is a pipe here, so there is never colour, even without NO_COLOR.
        let r = try await CLIRunner.runDetached(["decode", TestToken.v2AccessToken().signed(), now], environment: ["NO_COLOR": ""])
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func jsonIsOneParsableDocument() async throws {
        let r = try await CLIRunner.runDetached(["decode", TestToken.v2AccessToken().signed(), now, "--json"])
        #expect(r.status == 0)
        let doc = try JSONParser.parse(r.stdout.trimmingCharacters(in: .newlines))
        #expect(doc["kind"] == .string("access_token"))
        #expect(doc["findings"] == .array([]))
        #expect(doc["signature"]?["checked"] == .bool(false))
        #expect(doc["oboReady"] == nil)
        #expect(doc["requestId"] == .string("03020100-0504-0706-0809-0a0b0c0d0e0f"))
    }

    @Test func verifyOfflineWithAJWKSFile() async throws {
        let jwks = try CLIRunner.temporaryFile(TestSigningKey.shared.jwks(), name: "keys.json")
        let good = try await CLIRunner.runDetached(["decode", TestToken.v2AccessToken().signed(), now, "--jwks", jwks, "--json"])
        #expect(good.status == 0)
        let doc = try JSONParser.parse(good.stdout)
        #expect(doc["signature"]?["valid"] == .bool(true))
        #expect(doc["signature"]?["keyId"] == .string("test-key-1"))

        let otherKey = try TestSigningKey(kid: "test-key-1")
        let bad = try await CLIRunner.runDetached(["decode", TestToken.v2AccessToken().signed(with: otherKey), now, "--jwks", jwks])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("✖ INVALID"))
        #expect(bad.stdout.contains("signature-invalid"))
    }

    @Test func verifyOverLoopbackDiscovery() async throws {
        let server = try await LoopbackHTTPServer.start()
        let base = server.baseURL, tenant = TestToken.tenant
        server.route("/\(tenant)/v2.0/.well-known/openid-configuration",
                     .init(body: #"{"issuer":"\#(base)/\#(tenant)/v2.0","jwks_uri":"\#(base)/\#(tenant)/discovery/v2.0/keys"}"#))
        server.route("/\(tenant)/discovery/v2.0/keys", .init(body: TestSigningKey.shared.jwks()))
        let token = TestToken.v2AccessToken().with("iss", .string("\(base)/\(tenant)/v2.0")).signed()
        let r = try await CLIRunner.runDetached(["decode", token, now, "--verify"])
        await server.stop()
        #expect(r.status == 0)
        #expect(r.stdout.contains("Signature  ✔ valid  RS256 signature verified with key `test-key-1` from \(base)/\(tenant)/discovery/v2.0/keys; `iss` matches the metadata"))
    }

    @Test func noNetworkWithoutVerify() async throws {
        let server = try await LoopbackHTTPServer.start()
        let token = TestToken.v2AccessToken().with("iss", .string("\(server.baseURL)/\(TestToken.tenant)/v2.0")).signed()
        let r = try await CLIRunner.runDetached(["decode", token, now, "--authority", server.baseURL + "/x"])
        await server.stop()
        #expect(r.status == 0)
        #expect(server.requests.isEmpty)
    }
}
