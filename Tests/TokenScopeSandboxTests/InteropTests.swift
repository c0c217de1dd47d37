import Foundation
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// Microsoft's own Python libraries against the sandbox over HTTPS: each test starts a demo
/// sandbox in-process with a local CA, writes a config for `Tests/interop/run_scenario.py` and runs
/// one scenario in `python3` with only the authority pointed at the sandbox
/// (`instance_discovery=False` / `disable_instance_discovery=True`) and the CA trusted through
/// `REQUESTS_CA_BUNDLE` and `SSL_CERT_FILE`. The script prints the decoded tokens (or msal's error
/// dict) as JSON; the assertions are here.
///
/// The peers are pip packages (`msal`, `azure-identity`) that `.ci/run` installs. A fresh developer
/// machine without them skips this suite rather than failing `swift test`.
@Suite(
    "Sandbox: interoperability with msal and azure-identity",
    // Skipped, not failed, when the Python peers are missing: `python3 -m pip install msal azure-identity` (done by .ci/run).
    .enabled(if: Interop.peersAvailable, "Python msal and azure-identity are not importable (python3 -m pip install msal azure-identity)"),
    .timeLimit(.minutes(3))
)
struct InteropTests {
    // MARK: client credentials

    @Test func clientCredentialsWithASecret() async throws {
        let run = try await Interop.run("client_credentials_secret")
        let daemon = run.clientID("daemon")
        run.expectAppToken(run.result["msal"]?["claims"], client: daemon, clientAuth: "1", "msal")
        run.expectAppToken(run.result["azure"]?["claims"], client: daemon, clientAuth: "1", "ClientSecretCredential")
        #expect(run.result["msal"]?["tokenType"] == .string("Bearer"))
        // msal cached the token: expires_in and the rest of the response were accepted.
        #expect(run.result["msalRepeatSource"] == .string("cache"))
        #expect((run.result["azure"]?["expiresInSeconds"]?.doubleValue ?? 0) > 3000)
    }

    @Test func clientCredentialsWithACertificate() async throws {
        let run = try await Interop.run("client_credentials_certificate")
        let middleTier = run.clientID("middle-tier-api")
        // RS256 + x5t (thumbprint), PS256 + x5t#S256 + x5c (msal), and azure-identity with and without the chain.
        for variant in ["msal_thumbprint", "msal_chain", "azure", "azure_chain"] {
            run.expectAppToken(run.result[variant]?["claims"], client: middleTier, clientAuth: "2", variant)
        }
    }

    // MARK: on-behalf-of

    @Test func onBehalfOfWithASecret() async throws {
        let run = try await Interop.run("obo_secret")
        run.expectOnBehalfOf(user: "alice", clientAuth: "1")
    }

    @Test func onBehalfOfWithACertificate() async throws {
        let run = try await Interop.run("obo_certificate")
        run.expectOnBehalfOf(user: "alice", clientAuth: "2")
    }

    // MARK: authorization code, refresh, device code

    @Test func authorizationCodeWithPKCEThroughAuthorizeAndLoginHint() async throws {
        let run = try await Interop.run("auth_code")
        let alice = run.user("alice")
        run.expectUserToken(run.result["msal"]?["claims"], user: alice, client: run.clientID("web-app"), clientAuth: "1",
                            audience: run.clientID("middle-tier-api"), scp: "access_as_user", "access token")
        let idToken = run.result["msal"]?["idTokenClaims"]
        #expect(idToken?["aud"] == .string(run.clientID("web-app")))
        #expect(idToken?["preferred_username"] == .string(alice.upn))
        #expect(idToken?["oid"] == .string(alice.oid))
        #expect(idToken?["tid"] == .string(DemoDirectory.contoso))
        #expect(idToken?["iss"] == .string(run.issuer))
        // msal compared it with the hash of its secret nonce before accepting the response.
        #expect(idToken?["nonce"]?.stringValue?.count == 64)
        #expect(run.result["msal"]?["hasRefreshToken"] == .bool(true))

        #expect(run.result["authorize"]?["code_challenge_method"] == .string("S256"))
        #expect(run.result["redirect"]?["status"] == .number("302"))
        let params = run.result["redirect"]?["params"]?.stringArray ?? []
        #expect(Set(["code", "state", "client_info"]).isSubset(of: Set(params)), "redirect parameters: \(params)")
        // client_info became msal's account: home account ID uid.utid, cache environment = host without port.
        let account = run.result["accounts"]?.arrayValue?.first
        #expect(run.result["accounts"]?.arrayValue?.count == 1)
        #expect(account?["home_account_id"] == .string("\(alice.oid).\(DemoDirectory.contoso)"))
        #expect(account?["username"] == .string(alice.upn))
        #expect(account?["environment"] == .string("127.0.0.1"))
    }

    @Test func authorizationCodeForAPublicClient() async throws {
        let run = try await Interop.run("auth_code_public")
        run.expectUserToken(run.result["msal"]?["claims"], user: run.user("alice"), client: run.clientID("spa-client"), clientAuth: "0",
                            audience: run.clientID("middle-tier-api"), scp: "access_as_user", "access token")
        #expect(run.result["msal"]?["idTokenClaims"]?["aud"] == .string(run.clientID("spa-client")))
        #expect(run.result["authorize"]?["code_challenge_method"] == .string("S256"))
    }

    @Test func refreshGivesNewTokensAndRotates() async throws {
        let run = try await Interop.run("refresh")
        let alice = run.user("alice"), web = run.clientID("web-app"), middleTier = run.clientID("middle-tier-api")
        #expect(run.result["cachedSource"] == .string("cache"))
        for step in ["forced", "byRefreshToken"] {
            #expect(run.result[step]?["tokenSource"] == .string("identity_provider"), "\(step)")
            run.expectUserToken(run.result[step]?["claims"], user: alice, client: web, clientAuth: "1", audience: middleTier, scp: "access_as_user", step)
        }
        #expect(run.result["newAccessToken"] == .bool(true))
        #expect(run.result["rotated"] == .bool(true))
        #expect(run.result["refreshTokensInCache"] == .number("1"))
        // The same refresh token reaches another consented resource: Graph, a v1 resource.
        let graph = run.result["graph"]?["claims"]
        #expect(graph?["aud"] == .string("https://graph.microsoft.com"))
        #expect(graph?["ver"] == .string("1.0"))
        #expect(graph?["appid"] == .string(web))
        #expect(graph?["oid"] == .string(alice.oid))
        #expect(graph?["scp"]?.stringValue?.split(separator: " ").contains("User.Read") == true)
    }

    @Test func deviceCodeApprovedAtDeviceLogin() async throws {
        let run = try await Interop.run("device_code")
        let alice = run.user("alice")
        #expect(run.result["approval"]?["status"] == .number("200"))
        #expect(run.result["approval"]?["signedIn"] == .bool(true))
        #expect(run.result["verificationURI"] == .string(run.baseURL + "/devicelogin"))
        run.expectUserToken(run.result["msal"]?["claims"], user: alice, client: run.clientID("spa-client"), clientAuth: "0",
                            audience: run.clientID("middle-tier-api"), scp: "access_as_user", "access token")
        #expect(run.result["msal"]?["idTokenClaims"]?["preferred_username"] == .string(alice.upn))
        #expect(run.result["accounts"]?.stringArray == [alice.upn])
    }

    // MARK: conditional access

    @Test func claimsChallengeThenStepUpThenOnBehalfOf() async throws {
        let run = try await Interop.run("claims_challenge")
        let carol = run.user("carol")
        let challenge = run.result["challenge"]
        #expect(challenge?["error"] == .string("invalid_grant"))
        #expect(challenge?["error_codes"]?.arrayValue?.contains(.number("50076")) == true)
        #expect(challenge?["suberror"] == .string("basic_action"))
        #expect(challenge?["error_description"]?.stringValue?.hasPrefix("AADSTS50076:") == true)
        // The claims value is a JSON string naming the conditional access policy.
        let claims = try #require(challenge?["claims"]?.stringValue)
        let parsed = try JSONParser.parse(claims)
        #expect(parsed["access_token"]?["capolids"]?["essential"] == .bool(true))
        // azure-identity raises instead of returning the dict.
        #expect(run.result["azureError"]?["status"] == .number("400"))
        #expect(run.result["azureError"]?["message"]?.stringValue?.contains("AADSTS50076") == true)

        let steppedUp = run.result["steppedUpAssertion"]
        #expect(steppedUp?["oid"] == .string(carol.oid))
        #expect(steppedUp?["aud"] == .string(run.clientID("middle-tier-api")))
        run.expectUserToken(run.result["msal"]?["claims"], user: carol, client: run.clientID("middle-tier-api"), clientAuth: "1",
                            audience: run.clientID("downstream-api"), scp: "Data.Read", "downstream token after step-up")
    }
}

/// Runs the Python scenarios against a sandbox started for each one.
enum Interop {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("interop/run_scenario.py")
    /// The Python script bounds itself (alarm) below this; this is the backstop.
    static let processTimeout: Duration = .seconds(120)
    static let scriptTimeoutSeconds = 90

    /// Whether `python3` can import msal and azure-identity (evaluated once).
    static let peersAvailable: Bool = {
        guard let process = try? launch(["check"], environment: ProcessInfo.processInfo.environment,
                                        stdout: FileHandle.nullDevice, stderr: FileHandle.nullDevice) else { return false }
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        guard !process.isRunning else {
            process.terminate()
            return false
        }
        return process.terminationReason == .exit && process.terminationStatus == 0
    }()

    struct Run {
        let result: JSONValue
        let authority: SandboxAuthority
        let baseURL: String

        var issuer: String { "\(baseURL)/\(DemoDirectory.contoso)/v2.0" }
        func clientID(_ app: String) -> String { authority.directory.app(named: app)?.clientId ?? "<no app \(app)>" }
        func user(_ name: String) -> DirectoryUser { authority.directory.user(named: name)! }

        /// An app-only v2 token for downstream-api with the daemon role.
        func expectAppToken(_ claims: JSONValue?, client: String, clientAuth: String, _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
            let c = claims ?? .null
            #expect(c["aud"] == .string(clientID("downstream-api")), "\(label)", sourceLocation: sourceLocation)
            #expect(c["roles"] == .array([.string("Data.Read.All")]), "\(label)", sourceLocation: sourceLocation)
            #expect(c["azp"] == .string(client), "\(label)", sourceLocation: sourceLocation)
            #expect(c["azpacr"] == .string(clientAuth), "\(label)", sourceLocation: sourceLocation)
            #expect(c["idtyp"] == .string("app"), "\(label)", sourceLocation: sourceLocation)
            #expect(c["tid"] == .string(DemoDirectory.contoso), "\(label)", sourceLocation: sourceLocation)
            #expect(c["iss"] == .string(issuer), "\(label)", sourceLocation: sourceLocation)
            #expect(c["scp"] == nil, "\(label)", sourceLocation: sourceLocation)
        }

        /// A delegated v2 token for `user`.
        func expectUserToken(_ claims: JSONValue?, user: DirectoryUser, client: String, clientAuth: String, audience: String, scp: String,
                             _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let c = claims ?? .null
            #expect(c["aud"] == .string(audience), "\(label)", sourceLocation: sourceLocation)
            #expect(c["scp"] == .string(scp), "\(label)", sourceLocation: sourceLocation)
            #expect(c["oid"] == .string(user.oid), "\(label)", sourceLocation: sourceLocation)
            #expect(c["preferred_username"] == .string(user.upn), "\(label)", sourceLocation: sourceLocation)
            #expect(c["azp"] == .string(client), "\(label)", sourceLocation: sourceLocation)
            #expect(c["azpacr"] == .string(clientAuth), "\(label)", sourceLocation: sourceLocation)
            #expect(c["tid"] == .string(DemoDirectory.contoso), "\(label)", sourceLocation: sourceLocation)
            #expect(c["iss"] == .string(issuer), "\(label)", sourceLocation: sourceLocation)
            #expect(c["roles"] == nil, "\(label)", sourceLocation: sourceLocation)
        }

        /// alice's web-app token for the middle tier, exchanged by the middle tier (msal and OnBehalfOfCredential).
        func expectOnBehalfOf(user name: String, clientAuth: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let user = self.user(name)
            let assertion = result["assertion"] ?? .null
            #expect(assertion["aud"] == .string(clientID("middle-tier-api")), sourceLocation: sourceLocation)
            #expect(assertion["oid"] == .string(user.oid), sourceLocation: sourceLocation)
            for library in ["msal", "azure"] {
                expectUserToken(result[library]?["claims"], user: user, client: clientID("middle-tier-api"), clientAuth: clientAuth,
                                audience: clientID("downstream-api"), scp: "Data.Read", library, sourceLocation: sourceLocation)
            }
            #expect(result["msal"]?["tokenSource"] == .string("identity_provider"), sourceLocation: sourceLocation)
        }
    }

    /// Starts a TLS sandbox, runs `scenario` in python3 against it and returns the script's result.
    /// A failed scenario is recorded with the script's error, details and stderr, then thrown.
    static func run(_ scenario: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }

        let material = try LocalCertificateAuthority.material(stateDirectory: folder.appendingPathComponent("state"))
        let caFile = try #require(material.caFile)
        let authority = try SandboxAuthority.demo()
        let server = try await SandboxServer.start(authority, tls: material)
        let output: (status: Int32?, stdout: String, stderr: String)
        do {
            let config = try writeConfig(in: folder, authority: authority, caFile: caFile)
            output = try await python([scenario, "--config", config.path], caFile: caFile, folder: folder)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }

        guard let status = output.status else {
            Issue.record("scenario \(scenario) did not finish within \(processTimeout)\nstderr:\n\(output.stderr.suffix(4000))", sourceLocation: sourceLocation)
            throw InteropFailure(scenario: scenario)
        }
        let lastLine = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
        guard let printed = try? JSONParser.parse(lastLine), let ok = printed["ok"]?.boolValue else {
            Issue.record("scenario \(scenario) exited \(status) without a JSON result\nstdout:\n\(output.stdout.suffix(2000))\nstderr:\n\(output.stderr.suffix(4000))",
                         sourceLocation: sourceLocation)
            throw InteropFailure(scenario: scenario)
        }
        guard ok, status == 0, let result = printed["result"] else {
            let details = printed["details"].map { JSONWriter.write($0, pretty: true) } ?? "none"
            Issue.record("""
                scenario \(scenario) failed: \(printed["error"]?.stringValue ?? "exit \(status)")
                details: \(details)
                \(printed["traceback"]?.stringValue ?? "")
                stderr:
                \(output.stderr.suffix(4000))
                """, sourceLocation: sourceLocation)
            throw InteropFailure(scenario: scenario)
        }
        return Run(result: result, authority: authority, baseURL: server.baseURL)
    }

    /// The config the script reads: where the sandbox is and the demo credentials (the middle tier's
    /// certificate and key as files, as an app would have them).
    static func writeConfig(in folder: URL, authority: SandboxAuthority, caFile: String) throws -> URL {
        let directory = authority.directory
        let certificate = try #require(authority.certificates.certificates(app: "middle-tier-api").first)
        let certificateFile = folder.appendingPathComponent("middle-tier.crt.pem")
        let keyFile = folder.appendingPathComponent("middle-tier.key.pem")
        try Data(certificate.certificatePEM.utf8).write(to: certificateFile)
        guard FileManager.default.createFile(atPath: keyFile.path, contents: Data(try #require(certificate.privateKeyPEM).utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw InteropFailure(scenario: "writing \(keyFile.path)")
        }

        func app(_ name: String, extra: [(key: String, value: JSONValue)] = []) throws -> (key: String, value: JSONValue) {
            let registration = try #require(directory.app(named: name))
            var members: [(key: String, value: JSONValue)] = [("clientId", .string(registration.clientId))]
            if let secret = registration.secrets.first { members.append(("secret", .string(secret.value))) }
            return (name, .object(members + extra))
        }
        func user(_ name: String) throws -> (key: String, value: JSONValue) {
            let user = try #require(directory.user(named: name))
            return (name, .object([("upn", .string(user.upn)), ("oid", .string(user.oid))]))
        }
        let config: JSONValue = .object([
            ("baseURL", .string(authority.baseURL)),
            ("tenantId", .string(DemoDirectory.contoso)),
            ("caFile", .string(caFile)),
            ("timeoutSeconds", .number(String(scriptTimeoutSeconds))),
            ("apps", .object([
                try app("daemon"), try app("web-app"), try app("spa-client"), try app("downstream-api"),
                try app("middle-tier-api", extra: [
                    ("certificatePath", .string(certificateFile.path)),
                    ("privateKeyPath", .string(keyFile.path)),
                    ("thumbprint", .string(certificate.sha1Hex)),
                ]),
            ])),
            ("users", .object([try user("alice"), try user("carol")])),
        ])
        let file = folder.appendingPathComponent("config.json")
        try Data(JSONWriter.write(config).utf8).write(to: file)
        return file
    }

    /// Runs the script with the CA trusted and proxies bypassed for loopback; nil status on timeout.
    static func python(_ arguments: [String], caFile: String, folder: URL) async throws -> (status: Int32?, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["REQUESTS_CA_BUNDLE"] = caFile
        environment["SSL_CERT_FILE"] = caFile
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        // Output goes to files, not pipes: a full pipe cannot stall the script.
        let stdoutFile = folder.appendingPathComponent("stdout.txt"), stderrFile = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutFile), stderr = try FileHandle(forWritingTo: stderrFile)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        let process = try launch(arguments, environment: environment, stdout: stdout, stderr: stderr)
        let deadline = ContinuousClock.now + processTimeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        var status: Int32?
        if process.isRunning {
            process.terminate()
            let grace = ContinuousClock.now + .seconds(3)
            while process.isRunning, ContinuousClock.now < grace { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        } else {
            status = process.terminationStatus
        }
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return (status, read(stdoutFile), read(stderrFile))
    }

    static func launch(_ arguments: [String], environment: [String: String], stdout: FileHandle, stderr: FileHandle) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }
}

struct InteropFailure: Error, CustomStringConvertible {
    let scenario: String
    var description: String { "interop scenario \(scenario) failed (see the recorded issue)" }
}
