import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeSandbox
import TokenScopeTestSupport

/// `tokenscope exchange …` as a user runs it: the built binary against an in-process sandbox (real
/// HTTP, real signatures), checking output, `--json` and exit codes.
@Suite("CLI: exchange", .serialized)
struct ExchangeCLITests {
    static let contoso = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"
    static let middleTier = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
    static let daemon = "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69"

    struct Sandbox {
        let server: SandboxServer
        var url: String { "\(server.baseURL)/\(ExchangeCLITests.contoso)" }
        func secret(_ app: String) -> String { server.authority.directory.app(named: app)!.secrets[0].value }
        func userToken(_ user: String = "alice") throws -> String {
            try SandboxMint.mint(MintSpec(.accessToken, user: user, client: "spa-client", scope: "api://middle-tier-api/access_as_user"),
                                 authority: server.authority, now: Int64(Date().timeIntervalSince1970))
        }
        /// The middle tier's demo certificate and key written to files (0600), as a user has them.
        func certificateFiles() throws -> (cert: String, key: String) {
            let registered = server.authority.certificates.certificates(app: "middle-tier-api")[0]
            let cert = try CLIRunner.temporaryFile(registered.certificatePEM, name: "mt.crt.pem")
            let key = try CLIRunner.temporaryFile(registered.privateKeyPEM!, name: "mt.key.pem")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
            return (cert, key)
        }
    }

    static func withSandbox(_ body: (Sandbox) async throws -> Void) async throws {
        let server = try await SandboxServer.start(try SandboxAuthority.demo())
        do {
            try await body(Sandbox(server: server))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test("client-credentials with --secret-env: a token with the app's roles, exit 0")
    func clientCredentials() async throws {
        try await Self.withSandbox { sandbox in
            let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", sandbox.url, "--client-id", Self.daemon,
                                                     "--secret-env", "DAEMON_SECRET", "--scope", "api://downstream-api/.default", "--json"],
                                                    environment: ["DAEMON_SECRET": sandbox.secret("daemon")])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try Self.json(r.stdout)
            #expect(doc["ok"] == .bool(true) && doc["flow"] == .string("client-credentials"))
            #expect(doc["tokens"]?.arrayValue?.first?["report"]?["claims"]?["roles"]?.stringArray == ["Data.Read.All"])
            #expect(doc["request"]?["form"]?["client_secret"]?.stringValue?.hasPrefix("«redacted client secret") == true)
            #expect(!r.stdout.contains(sandbox.secret("daemon")) && !r.stderr.contains(sandbox.secret("daemon")))
        }
    }

    @Test("obo with certificate files: the downstream token, identity preserved, the assertion shown decoded")
    func oboCertificate() async throws {
        try await Self.withSandbox { sandbox in
            let files = try sandbox.certificateFiles()
            let token = try sandbox.userToken()
            let tokenFile = try CLIRunner.temporaryFile("Authorization: Bearer \(token)\r\n")
            let r = try await CLIRunner.runDetached(["exchange", "obo", "--authority", sandbox.server.baseURL, "--client-id", Self.middleTier,
                                                     "--cert", files.cert, "--key", files.key, "--scope", "api://downstream-api/Data.Read",
                                                     "--user-assertion", "@\(tokenFile)", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try Self.json(r.stdout)
            // The authority's tenant defaulted to the assertion's tid.
            #expect(doc["authority"]?.stringValue == sandbox.url)
            #expect(doc["diff"]?["identityPreserved"] == .bool(true))
            #expect(doc["request"]?["clientAssertion"]?["header"]?["alg"]?.stringValue == "PS256")
            #expect(doc["request"]?["form"]?["assertion"]?.stringValue?.hasPrefix("«redacted user assertion") == true)
            #expect(!r.stdout.contains(token))

            let human = try await CLIRunner.runDetached(["exchange", "obo", "--authority", sandbox.server.baseURL, "--client-id", Self.middleTier,
                                                         "--cert", files.cert, "--key", files.key, "--scope", "api://downstream-api/Data.Read",
                                                         "--user-assertion", token])
            #expect(human.status == 0)
            #expect(human.stdout.contains("✔ Token issued: HTTP 200"))
            #expect(human.stdout.contains("identity preserved: "))
            #expect(human.stdout.contains("HTTP trace (secrets redacted)"))
            #expect(human.stdout.contains("client assertion header {\"alg\":\"PS256\""))
            #expect(!human.stdout.contains(token))
        }
    }

    @Test("obo with the sandbox's demo PKCS#12 file (state dir, no password): one file, mode 0600, accepted")
    func oboWithTheDemoPKCS12File() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ts-pfx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let authority = try SandboxAuthority(directory: DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>"), stateDirectory: state)
        let registered = authority.certificates.certificates(app: "middle-tier-api")[0]
        let pfx = try #require(registered.pkcs12Path)
        #expect(pfx == state.path + "/credentials/middle-tier-demo.pfx")
        #expect((try FileManager.default.attributesOfItem(atPath: pfx)[.posixPermissions] as? Int) == 0o600)
        // Reloading the state dir keeps the same file (and would recreate a missing one).
        let again = try SandboxAuthority(directory: DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>"), stateDirectory: state)
        #expect(again.certificates.certificates(app: "middle-tier-api")[0].pkcs12Path == pfx)
        try FileManager.default.removeItem(atPath: pfx)
        let recreated = try SandboxAuthority(directory: DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>"), stateDirectory: state)
        #expect(recreated.certificates.certificates(app: "middle-tier-api")[0].sha1Thumbprint == registered.sha1Thumbprint)
        #expect(FileManager.default.fileExists(atPath: pfx))

        let server = try await SandboxServer.start(recreated)
        defer { Task { await server.stop() } }
        let sandbox = Sandbox(server: server)
        let r = try await CLIRunner.runDetached(["exchange", "obo", "--authority", sandbox.url, "--client-id", Self.middleTier,
                                                 "--cert", pfx, "--scope", "api://downstream-api/Data.Read",
                                                 "--user-assertion", try sandbox.userToken(), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.stdout)
        #expect(doc["ok"] == .bool(true))
        #expect(doc["request"]?["clientAssertion"]?["header"]?["alg"]?.stringValue == "PS256")
        #expect(r.stderr.isEmpty, "no warning expected for a passwordless demo PKCS#12: \(r.stderr)")
    }

    @Test("obo with a federated client assertion file, and refresh with the refresh token from a file")
    func federatedAndRefresh() async throws {
        try await Self.withSandbox { sandbox in
            let workload = try SandboxMint.mint(MintSpec(.workload, client: "middle-tier-api"), authority: sandbox.server.authority, now: Int64(Date().timeIntervalSince1970))
            let assertionFile = try CLIRunner.temporaryFile(workload)
            let r = try await CLIRunner.runDetached(["exchange", "obo", "--authority", sandbox.url, "--client-id", Self.middleTier,
                                                     "--client-assertion", "@\(assertionFile)", "--scope", "api://downstream-api/Data.Read",
                                                     "--user-assertion", try sandbox.userToken(), "--json", "--reveal"])
            #expect(r.status == 0, "\(r.stderr)")
            // --reveal shows the raw response, refresh token included.
            let doc = try Self.json(r.stdout)
            let refreshToken = try #require(doc["response"]?["body"]?["refresh_token"]?.stringValue)
            let rtFile = try CLIRunner.temporaryFile(refreshToken + "\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: rtFile)
            let refreshed = try await CLIRunner.runDetached(["exchange", "refresh", "--authority", sandbox.url, "--client-id", Self.middleTier,
                                                             "--secret-env", "MT_SECRET", "--scope", "api://downstream-api/Data.Read",
                                                             "--refresh-token-file", rtFile, "--json"],
                                                            environment: ["MT_SECRET": sandbox.secret("middle-tier-api")])
            #expect(refreshed.status == 0, "\(refreshed.stdout)")
            #expect(!refreshed.stdout.contains(refreshToken))
        }
    }

    @Test("Exit 1 when the authority refuses: the AADSTS code and IDs are shown")
    func refused() async throws {
        try await Self.withSandbox { sandbox in
            let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", sandbox.url, "--client-id", Self.daemon,
                                                     "--secret-value", "3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d70", "--scope", "api://downstream-api/.default"])
            #expect(r.status == 1)
            #expect(r.stdout.contains("✘ The authority refused: HTTP 401 invalid_client AADSTS7000215") || r.stdout.contains("AADSTS7000215"))
            #expect(r.stdout.contains("trace ID") && r.stdout.contains("correlation ID"))
            #expect(r.stderr.contains("--secret-value puts the secret in your shell history"))
            #expect(!r.stdout.contains("3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d70"))
        }
    }

    @Test("Exit 2 before anything is sent: tenantless client credentials, a scope without /.default, an unknown host, no credential")
    func refusedBeforeSending() async throws {
        let noSecret = ["HOME": FileManager.default.temporaryDirectory.path]
        let common = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", "http://127.0.0.1:1/common", "--client-id", Self.daemon,
                                                      "--secret-env", "S", "--scope", "api://x/.default", "--json"], environment: ["S": "v"])
        #expect(common.status == 2)
        #expect(try Self.json(common.stdout)["error"]?["id"]?.stringValue == "tenantless-client-credentials")
        // Each of these is refused before sending; the authority is a closed loopback port anyway, so
        // a regression in a check could never reach a real host.
        let closed = "http://127.0.0.1:1/\(Self.contoso)"
        let scope = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", closed, "--client-id", Self.daemon,
                                                     "--secret-env", "S", "--scope", "api://x/Data.Read"], environment: ["S": "v"])
        #expect(scope.status == 2 && scope.stderr.contains("api://x/.default"))
        let lookalike = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", "https://login.microsoftonIine.com/contoso",
                                                         "--client-id", Self.daemon, "--secret-env", "S", "--scope", "api://x/.default"], environment: ["S": "v"])
        #expect(lookalike.status == 2 && lookalike.stderr.contains("--allow-custom-authority"))
        let plain = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", "http://login.example.com/contoso", "--allow-custom-authority",
                                                     "--client-id", Self.daemon, "--secret-env", "S", "--scope", "api://x/.default"], environment: ["S": "v"])
        #expect(plain.status == 2 && plain.stderr.contains("https://"))
        let none = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", closed, "--client-id", Self.daemon,
                                                    "--scope", "api://x/.default"], environment: noSecret)
        #expect(none.status == 2 && none.stderr.contains("needs a client credential"))
        let badID = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", closed, "--client-id", "daemon",
                                                     "--secret-env", "S", "--scope", "api://x/.default"], environment: ["S": "v"])
        #expect(badID.status == 2 && badID.stderr.contains("not a GUID"))
    }

    @Test("Exit 3 when nothing answers: connection refused, with what to check")
    func unreachable() async throws {
        let started = ContinuousClock.now
        let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", "http://127.0.0.1:1/\(Self.contoso)", "--client-id", Self.daemon,
                                                 "--secret-env", "S", "--scope", "api://x/.default", "--json"], environment: ["S": "v"])
        #expect(r.status == 3)
        // A refused connection is final: no hidden re-connecting until the 10 s connect timeout (the
        // HTTP client's pool did that before: the attempt took 10,006 ms). The attempt's own time is
        // checked against that, not the process's (which a loaded machine stretches); the wall
        // clock only guards against a hang.
        let trace = try #require(try Self.json(r.stdout)["trace"]?.arrayValue)
        #expect(trace.count == 1, "\(r.stdout)")
        let attempt = try #require(trace.first?["elapsedMs"]?.doubleValue)
        #expect(attempt < 9_000, "the refused attempt took \(attempt) ms")
        #expect(ContinuousClock.now - started < .seconds(120))
        let error = try Self.json(r.stdout)["error"]
        #expect(error?["kind"] == .string("transport") && error?["transport"] == .string("connection"))
        #expect(error?["check"]?.stringValue?.contains("running") == true)
    }

    @Test("The azure-identity variables fill the blanks (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST)")
    func azureEnvironment() async throws {
        try await Self.withSandbox { sandbox in
            let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--scope", "api://downstream-api/.default", "--json"],
                                                    environment: ["AZURE_TENANT_ID": Self.contoso, "AZURE_CLIENT_ID": Self.daemon,
                                                                  "AZURE_CLIENT_SECRET": sandbox.secret("daemon"), "AZURE_AUTHORITY_HOST": sandbox.server.baseURL])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(try Self.json(r.stdout)["authority"]?.stringValue == sandbox.url)
        }
    }

    @Test("A named profile supplies the app; its secret comes by reference")
    func profile() async throws {
        try await Self.withSandbox { sandbox in
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-cfg-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: config.appendingPathComponent("tokenscope"), withIntermediateDirectories: true)
            let yaml = """
            profiles:
              sandbox-daemon:
                authority: \(sandbox.url)
                client_id: \(Self.daemon)
                scopes: [api://downstream-api/.default]
                secret: { env: DAEMON_SECRET }
            """
            try Data(yaml.utf8).write(to: config.appendingPathComponent("tokenscope/profiles.yaml"))
            let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--profile", "sandbox-daemon", "--json"],
                                                    environment: ["XDG_CONFIG_HOME": config.path, "DAEMON_SECRET": sandbox.secret("daemon")])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let missing = try await CLIRunner.runDetached(["exchange", "client-credentials", "--profile", "nope"], environment: ["XDG_CONFIG_HOME": config.path])
            #expect(missing.status == 2 && missing.stderr.contains("sandbox-daemon"))
        }
    }
}

/// Credential and network conventions that need a process environment.
@Suite("CLI: exchange environment", .serialized)
struct ExchangeEnvironmentCLITests {
    @Test("AZURE_CLIENT_CERTIFICATE_PATH and AZURE_FEDERATED_TOKEN_FILE are used when no flag names a credential")
    func azureCredentialVariables() async throws {
        try await ExchangeCLITests.withSandbox { sandbox in
            let registered = sandbox.server.authority.certificates.certificates(app: "middle-tier-api")[0]
            let combined = try CLIRunner.temporaryFile(registered.certificatePEM + "\n" + registered.privateKeyPEM!, name: "combined.pem")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: combined)
            let base = ["exchange", "client-credentials", "--authority", sandbox.url, "--client-id", ExchangeCLITests.middleTier,
                        "--scope", "api://downstream-api/.default", "--json"]
            let cert = try await CLIRunner.runDetached(base, environment: ["AZURE_CLIENT_CERTIFICATE_PATH": combined])
            #expect(cert.status == 0, "\(cert.stdout)\(cert.stderr)")
            #expect(try JSONParser.parse(cert.stdout)["credential"]?.stringValue?.hasPrefix("certificate x5t#S256") == true)
            let workload = try SandboxMint.mint(MintSpec(.workload, client: "middle-tier-api"), authority: sandbox.server.authority, now: Int64(Date().timeIntervalSince1970))
            let tokenFile = try CLIRunner.temporaryFile(workload + "\n")
            let federated = try await CLIRunner.runDetached(base, environment: ["AZURE_FEDERATED_TOKEN_FILE": tokenFile])
            #expect(federated.status == 0, "\(federated.stdout)\(federated.stderr)")
            #expect(try JSONParser.parse(federated.stdout)["credential"]?.stringValue == "client assertion (file \(tokenFile))")
        }
    }

    @Test("HTTPS_PROXY is used for a remote authority: the CONNECT goes to the (loopback) proxy, nothing else is contacted")
    func proxyIsUsed() async throws {
        // A reserved `.invalid` host, never a real one: only the loopback proxy is ever connected to.
        let host = "login.tokenscope.invalid"
        let proxy = try await LoopbackHTTPServer.start()
        let environment = ["S": "v", "HTTPS_PROXY": proxy.baseURL, "NO_PROXY": ""]
        // The decision the CLI makes, checked first: this host goes through the proxy.
        #expect(try ProxySettings.from(environment: environment).proxy(for: host)?.port == proxy.port)
        let r = try await CLIRunner.runDetached(["exchange", "client-credentials", "--authority", "https://\(host)/\(ExchangeCLITests.contoso)",
                                                 "--allow-custom-authority", "--client-id", ExchangeCLITests.daemon,
                                                 "--secret-env", "S", "--scope", "api://x/.default", "--timeout", "5", "--json"],
                                                environment: environment)
        await proxy.stop()
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        let seen = proxy.requests.map { "\($0.method) \($0.path)" }
        #expect(seen.first == "CONNECT \(host):443", "\(seen)")
    }
}
