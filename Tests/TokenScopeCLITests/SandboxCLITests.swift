import Foundation
import Testing
@testable import TokenScopeCore

/// `tokenscope sandbox ...` as a user runs it: the built binary, real processes, real signals.
/// Serialized: each test starts servers and several processes, and on a 2-core machine running
/// them all at once only slows every one of them down.
@Suite("CLI: sandbox", .serialized)
struct SandboxCLITests {
    static func stateDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-cli-sandbox-\(UUID().uuidString)").path
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    // MARK: scenarios

    @Test func scenariosListsEveryScenarioWithItsCommand() async throws {
        let state = Self.stateDir()
        let r = try await CLIRunner.runDetached(["sandbox", "scenarios", "--json", "--state-dir", state])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(try Self.json(r.stdout).arrayValue)
        #expect(list.count >= 40)
        let obo = try #require(list.first { $0["id"] == .string("obo-id-token-assertion") })
        #expect(obo["code"] == .number("240002"))
        // Nothing runs on this state dir: commands target the default URL and sign with its keys.
        let command = try #require(obo["command"]?.stringValue)
        #expect(command.contains("http://127.0.0.1:8400/contoso.onmicrosoft.com/oauth2/v2.0/token"))
        #expect(command.contains("tokenscope sandbox mint --id-token --user alice --client spa-client --state-dir \(state)"))

        let text = try await CLIRunner.runDetached(["sandbox", "scenarios", "--base-url", "http://127.0.0.1:9999"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("obo-mfa-required  AADSTS50076  Conditional access requires MFA (claims challenge)"))
        #expect(text.stdout.contains("$ curl -s \"http://127.0.0.1:9999/"))
    }

    @Test func runReplaysAScenarioInProcess() async throws {
        let r = try await CLIRunner.runDetached(["sandbox", "scenarios", "--run", "refresh-token-inactive"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("> POST /contoso.onmicrosoft.com/oauth2/v2.0/token grant_type=refresh_token"))
        #expect(r.stdout.contains("As documented: expected 400 AADSTS700082, got 400 AADSTS700082."))

        let unknown = try await CLIRunner.runDetached(["sandbox", "scenarios", "--run", "no-such-scenario"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no scenario `no-such-scenario`"))
    }

    // MARK: info

    @Test func infoPrintsTheDirectoryWithDemoCredentials() async throws {
        let state = Self.stateDir()
        let r = try await CLIRunner.runDetached(["sandbox", "info", "--json", "--state-dir", state])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try Self.json(r.stdout)
        #expect(info["running"] == .bool(false))
        #expect(info["baseUrl"] == .null)
        #expect(info["stateDirectory"] == .string(state))
        #expect(info["caFile"] == .null)
        #expect(info["tenants"]?.arrayValue?.first?["domains"] == .array([.string("contoso.onmicrosoft.com"), .string("contoso.example")]))
        let apps = try #require(info["apps"]?.arrayValue)
        let daemon = try #require(apps.first { $0["name"] == .string("daemon") })
        #expect(daemon["clientId"] == .string("cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69"))
        #expect(daemon["secrets"]?.arrayValue?.first?["value"] == .string("daemon-demo-secret~0123456789abcdef"))
        let middle = try #require(apps.first { $0["name"] == .string("middle-tier-api") })
        #expect(middle["scopes"] == .array([.string("access_as_user")]))
        #expect(middle["federatedCredentials"]?.arrayValue?.first?["issuer"] == .string("http://127.0.0.1:8400/federation"))
        let certificate = try #require(middle["certificates"]?.arrayValue?.first)
        let keyPath = try #require(certificate["privateKeyPath"]?.stringValue)
        let certPath = try #require(certificate["certificatePath"]?.stringValue)
        #expect(keyPath == state + "/credentials/middle-tier-demo.key.pem")
        #expect(FileManager.default.fileExists(atPath: certPath))
        #expect(Self.mode(keyPath) == 0o600)
        #expect(certificate["pkcs12Path"]?.stringValue == state + "/credentials/middle-tier-demo.pfx")
        #expect(Self.mode(state + "/credentials/middle-tier-demo.pfx") == 0o600)
        #expect(Self.mode(state) == 0o700)
        let spa = try #require(apps.first { $0["name"] == .string("spa-client") })
        #expect(spa["redirectUris"]?["spa"] == .array([.string("http://localhost"), .string("http://localhost:3000")]))
        let bob = try #require(info["users"]?.arrayValue?.first { $0["name"] == .string("bob") })
        #expect(bob["homeTenant"] == .string("fabrikam") && bob["guestOf"] == .array([.string("contoso")]))

        let text = try await CLIRunner.runDetached(["sandbox", "info", "--state-dir", state])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Sandbox:    not running"))
        #expect(text.stdout.contains("secret           daemon-demo-secret~0123456789abcdef"))
        #expect(text.stdout.contains("private key    \(keyPath)"))
        #expect(text.stdout.contains("PKCS#12        \(state)/credentials/middle-tier-demo.pfx (no password)"))
    }

    @Test func theDefaultStateDirFollowsXDGStateHome() async throws {
        let xdg = Self.stateDir()
        let r = try await CLIRunner.runDetached(["sandbox", "info", "--json"], environment: ["XDG_STATE_HOME": xdg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.json(r.stdout)["stateDirectory"] == .string(xdg + "/tokenscope/sandbox"))
        #expect(Self.mode(xdg + "/tokenscope/sandbox") == 0o700)
        #expect(Self.mode(xdg + "/tokenscope/sandbox/keys") == 0o700)
    }

    @Test func aBadDirectoryFileIsAUsageErrorWithFileLineAndKey() async throws {
        let file = try CLIRunner.temporaryFile("""
            tenants:
              - name: contoso
                id: not-a-guid
                domains: [contoso.example]
            """, name: "bad.yaml")
        let r = try await CLIRunner.runDetached(["sandbox", "info", "--directory", file, "--state-dir", Self.stateDir()])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("tokenscope: \(file):3: "), "\(r.stderr)")
        #expect(r.stderr.contains("id"))
        let serve = try await CLIRunner.runDetached(["sandbox", "serve", "--port", "0", "--directory", file, "--state-dir", Self.stateDir()])
        #expect(serve.status == 2)
        #expect(serve.stderr.contains("\(file):3: "))
    }

    @Test func anEscapeSequenceInADirectoryFileIsShownEscapedInTheError() async throws {
        // YAML's "\e" is ESC: the bad value, quoted back in the error, must not reach the terminal raw.
        let file = try CLIRunner.temporaryFile(#"""
            tenants:
              - name: contoso
                id: "\e]52;c;ZXZpbA==\a\e[2J"
                domains: [contoso.example]
            """#, name: "hostile.yaml")
        let r = try await CLIRunner.runDetached(["sandbox", "info", "--directory", file, "--state-dir", Self.stateDir()])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("tokenscope: \(file):3: "), "\(r.stderr)")
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a control character reached stderr: \(r.stderr.debugDescription)")
        #expect(r.stderr.contains("\\e]52;c;ZXZpbA==\\x07\\e[2J"), "\(r.stderr)")
    }

    // MARK: mint

    @Test func mintPrintsOnlyTheTokenAndWarnsAboutTheAssumedIssuer() async throws {
        let state = Self.stateDir()
        let r = try await CLIRunner.runDetached(["sandbox", "mint", "--user", "alice", "--client", "spa-client",
                                   "--scope", "api://middle-tier-api/access_as_user", "--mfa", "--state-dir", state])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("the issuer assumes http://127.0.0.1:8400"))
        let token = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!token.contains("\n"))
        let claims = try #require(TokenParser.parse(token).claims)
        #expect(claims["iss"] == .string("http://127.0.0.1:8400/3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f/v2.0"))
        #expect(claims["scp"] == .string("access_as_user"))
        #expect(claims["azp"] == .string("5a1c0e6f-2b3d-4c8e-9f1a-0b2c3d4e5f61"))
        // Signed with the state dir's current key.
        let keys = try FileManager.default.contentsOfDirectory(atPath: state + "/keys")
        let kid = try #require(TokenParser.parse(token).header?["kid"]?.stringValue)
        #expect(keys.contains { $0.contains(kid) })

        let expired = try await CLIRunner.runDetached(["sandbox", "mint", "--user", "alice", "--client", "spa-client", "--scope", "User.Read",
                                         "--expired", "--version", "1", "--state-dir", state])
        let old = try #require(TokenParser.parse(expired.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).claims)
        #expect(old["ver"] == .string("1.0"))
        #expect((old["exp"]?.doubleValue ?? .infinity) < Date().timeIntervalSince1970 - 300)

        let id = try await CLIRunner.runDetached(["sandbox", "mint", "--user", "bob", "--client", "spa-client", "--id-token", "--state-dir", state])
        let idClaims = try #require(TokenParser.parse(id.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).claims)
        #expect(idClaims["aud"] == .string("5a1c0e6f-2b3d-4c8e-9f1a-0b2c3d4e5f61"))
        #expect(idClaims["scp"] == nil && idClaims["preferred_username"] == .string("bob@fabrikam.onmicrosoft.com"))

        let unknown = try await CLIRunner.runDetached(["sandbox", "mint", "--user", "zed", "--client", "spa-client", "--scope", "User.Read", "--state-dir", state])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--user `zed` is no user of the directory"))
    }

    // MARK: serve

    @Test func serveAnnouncesItselfServesAndStopsOnCtrlC() async throws {
        let state = Self.stateDir()
        let serve = try ServeProcess(["--port", "0", "--state-dir", state])
        let url = try await serve.waitForURL()
        #expect(url.hasPrefix("http://127.0.0.1:") && !url.hasSuffix(":0") && !url.hasSuffix(":8400"))
        #expect(serve.stdout.contains("3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"))
        #expect(serve.stdout.contains("9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"))
        #expect(serve.stdout.contains("\(state)/credentials"))
        // Secrets are for `info`, never for the console of a running server.
        #expect(!serve.stdout.contains("demo-secret"))

        let record = try Self.json(String(contentsOfFile: state + "/server.json", encoding: .utf8))
        #expect(record["url"] == .string(url))
        #expect(record["pid"] == .number(String(serve.pid)))
        #expect(Self.mode(state + "/server.json") == 0o600)

        let info = try await CLIRunner.runDetached(["sandbox", "info", "--json", "--state-dir", state])
        #expect(try Self.json(info.stdout)["baseUrl"] == .string(url))

        // A minted token names the running sandbox and verifies against it over HTTP.
        let mint = try await CLIRunner.runDetached(["sandbox", "mint", "--client", "daemon", "--scope", "api://downstream-api/.default", "--state-dir", state])
        #expect(mint.stderr.isEmpty, "\(mint.stderr)")
        let token = mint.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(TokenParser.parse(token).claims?["iss"] == .string("\(url)/3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f/v2.0"))
        let verified = try await CLIRunner.runDetached(["decode", token, "--verify", "--json"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains(#""checked": true"#) && verified.stdout.contains(#""valid": true"#), "\(verified.stdout)")

        // A scenario's documented command, run by a shell, against this sandbox.
        let scenarios = try Self.json(try await CLIRunner.runDetached(["sandbox", "scenarios", "--json", "--state-dir", state]).stdout)
        let obo = try #require(scenarios.arrayValue?.first { $0["id"] == .string("obo-secret") }?["command"]?.stringValue)
        #expect(obo.contains(url))
        let answer = try Self.shell(obo)
        #expect(try Self.json(answer)["access_token"] != nil, "\(answer)")

        // rotate-keys asks the running sandbox, which stores and publishes the new key.
        let rotate = try await CLIRunner.runDetached(["sandbox", "rotate-keys", "--state-dir", state])
        #expect(rotate.status == 0, "\(rotate.stderr)")
        #expect(rotate.stdout.hasPrefix("New signing key "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state + "/keys").count == 2)

        let second = try await CLIRunner.runDetached(["sandbox", "serve", "--port", "0", "--state-dir", state])
        #expect(second.status == 2)
        #expect(second.stderr.contains("a sandbox already runs with this state dir at \(url)"))

        let (status, stdout, stderr) = try await serve.stop(signal: SIGINT)
        #expect(status == 0, "\(stderr)")
        #expect(stdout.hasSuffix("Sandbox stopped.\n"))
        #expect(!FileManager.default.fileExists(atPath: state + "/server.json"))
        let after = try await CLIRunner.runDetached(["sandbox", "info", "--json", "--state-dir", state])
        #expect(try Self.json(after.stdout)["running"] == .bool(false))
    }

    /// Every scenario's documented command, run by a shell against a live sandbox, ends with
    /// the documented answer.
    @Test func everyScenarioCommandReproducesItsScenarioLive() async throws {
        let state = Self.stateDir()
        let serve = try ServeProcess(["--port", "0", "--state-dir", state])
        _ = try await serve.waitForURL()
        let list = try #require(try Self.json(try await CLIRunner.runDetached(["sandbox", "scenarios", "--json", "--state-dir", state]).stdout).arrayValue)
        for scenario in list {
            guard let id = scenario["id"]?.stringValue, let command = scenario["command"]?.stringValue else { continue }
            let check = {
                let output = try Self.shell(command)
                if command.hasPrefix("tokenscope sandbox scenarios --run") {
                    #expect(output.contains("As documented"), "\(id): \(output)")
                    return
                }
                let body = try #require(try? Self.json(output), "\(id): not JSON: \(output.prefix(200))")
                if let code = scenario["code"]?.doubleValue {
                    #expect(body["error_codes"]?.arrayValue?.first?.doubleValue == code, "\(id): \(output.prefix(300))")
                } else {
                    #expect(body["access_token"] != nil, "\(id): \(output.prefix(300))")
                }
            }
            // `/common/...` paths included: the route fix made them reachable over HTTP.
            try check()
        }
        _ = try await serve.stop(signal: SIGTERM)
    }

    @Test func serveWithTLSPrintsTheCAAndHowToTrustIt() async throws {
        let state = Self.stateDir()
        let serve = try ServeProcess(["--port", "0", "--tls", "--state-dir", state])
        let url = try await serve.waitForURL()
        #expect(url.hasPrefix("https://127.0.0.1:"))
        let ca = state + "/tls/ca.crt.pem"
        #expect(FileManager.default.fileExists(atPath: ca))
        for variable in ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"] {
            #expect(serve.stdout.contains("export \(variable)=\(ca)"), "\(variable)")
        }
        #expect(serve.stdout.contains("update-ca-certificates"))
        let info = try Self.json(try await CLIRunner.runDetached(["sandbox", "info", "--json", "--state-dir", state]).stdout)
        #expect(info["caFile"] == .string(ca))
        let (status, _, _) = try await serve.stop(signal: SIGTERM)
        #expect(status == 0)
    }

    @Test func nonLoopbackHostsNeedAllowRemote() async throws {
        let refused = try await CLIRunner.runDetached(["sandbox", "serve", "--host", "0.0.0.0", "--port", "0", "--state-dir", Self.stateDir()])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--allow-remote"))

        let serve = try ServeProcess(["--host", "0.0.0.0", "--allow-remote", "--port", "0", "--state-dir", Self.stateDir()])
        _ = try await serve.waitForURL()
        let (status, _, stderr) = try await serve.stop(signal: SIGTERM)
        #expect(status == 0)
        #expect(stderr.contains("warning: serving on 0.0.0.0"))
    }

    @Test func aStaleServerRecordIsIgnored() async throws {
        let state = Self.stateDir()
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        // PID 2^22 + 1 is above Linux's pid_max default ceiling: no such process.
        try Data(#"{"url": "http://127.0.0.1:1", "pid": 4194305}"#.utf8).write(to: URL(fileURLWithPath: state + "/server.json"))
        let info = try await CLIRunner.runDetached(["sandbox", "info", "--json", "--state-dir", state])
        #expect(try Self.json(info.stdout)["running"] == .bool(false))
        // A hand-edited record with a pid no process can have is ignored too, never a crash.
        for pid in ["1e300", "-5", "2.5", "4294967296", "0"] {
            try Data(#"{"url": "http://127.0.0.1:1", "pid": \#(pid)}"#.utf8).write(to: URL(fileURLWithPath: state + "/server.json"))
            let odd = try await CLIRunner.runDetached(["sandbox", "info", "--json", "--state-dir", state])
            #expect(odd.status == 0, "pid \(pid): \(odd.stderr)")
            #expect(try Self.json(odd.stdout)["running"] == .bool(false), "pid \(pid)")
        }
    }

    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        // The commands call `tokenscope`: the binary under test comes first on PATH.
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = CLIRunner.binary.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `tokenscope sandbox serve` running in the background, its output collected as it comes.
final class ServeProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data(), err = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = CLIRunner.binary
        process.arguments = ["sandbox", "serve"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [weak self] h in self?.append(h.availableData, toErr: false) }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] h in self?.append(h.availableData, toErr: true) }
        try process.run()
    }

    private func append(_ data: Data, toErr: Bool) {
        lock.lock()
        if toErr { err.append(data) } else { out.append(data) }
        lock.unlock()
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

    /// The URL of the first line, once the whole banner is out (it ends with "Ctrl-C").
    func waitForURL(timeout: Duration = .seconds(90)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            // Checked once more after the deadline: when other tests keep the cooperative pool
            // busy this loop may first run late, with the banner long since printed.
            let text = stdout
            if text.contains("Ctrl-C stops the sandbox."), let first = text.split(separator: "\n").first,
               let range = first.range(of: "listening on ") {
                return String(first[range.upperBound...])
            }
            if !process.isRunning || ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGKILL)
        throw ServeError(message: "serve did not start: stdout \(stdout) stderr \(stderr)")
    }

    /// Sends the signal and waits for the exit: (status, stdout, stderr).
    func stop(signal: Int32) async throws -> (Int32, String, String) {
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            throw ServeError(message: "serve did not stop on signal \(signal)")
        }
        // Let the readability handlers drain what the process wrote last.
        try await Task.sleep(for: .milliseconds(200))
        return (process.terminationStatus, stdout, stderr)
    }

    struct ServeError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
