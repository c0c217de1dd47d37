import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeHTTP
@testable import TokenScopeSandbox

/// Real HTTP against a sandbox started in-process on 127.0.0.1:0, through the same transport the
/// CLI uses. Shared helpers for the live test files.
enum Live {
    static let daemon = "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69"
    static let daemonForm = [("grant_type", "client_credentials"), ("client_id", daemon),
                             ("client_secret", "daemon-demo-secret~0123456789abcdef"), ("scope", "api://downstream-api/.default")]

    /// Starts a demo sandbox (real clock), runs `body`, and always stops it and the transport.
    static func withServer<T>(_ authority: SandboxAuthority? = nil, tls: TLSMaterial? = nil, transport: AsyncHTTPTransport? = nil,
                              _ body: (SandboxServer, AsyncHTTPTransport) async throws -> T) async throws -> T {
        let server = try await SandboxServer.start(try authority ?? SandboxAuthority.demo(), tls: tls)
        let client = transport ?? AsyncHTTPTransport(connectTimeoutSeconds: 10, requestTimeoutSeconds: 30)
        do {
            let result = try await body(server, client)
            await client.shutdown()
            await server.stop()
            return result
        } catch {
            await client.shutdown()
            await server.stop()
            throw error
        }
    }

    static func get(_ client: AsyncHTTPTransport, _ url: String, headers: [(String, String)] = []) async throws -> HTTPResponse {
        try await client.send(HTTPRequest(url: url, headers: headers.map { (name: $0.0, value: $0.1) }))
    }

    static func post(_ client: AsyncHTTPTransport, _ url: String, form: [(String, String)], headers: [(String, String)] = []) async throws -> HTTPResponse {
        try await client.send(HTTPRequest(method: "POST", url: url,
                                          headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")] + headers.map { (name: $0.0, value: $0.1) },
                                          body: Array(FormBody.encode(form).utf8)))
    }

    static func postJSON(_ client: AsyncHTTPTransport, _ url: String, _ json: String, method: String = "POST") async throws -> HTTPResponse {
        try await client.send(HTTPRequest(method: method, url: url, headers: [(name: "Content-Type", value: "application/json")], body: Array(json.utf8)))
    }

    static func json(_ response: HTTPResponse) -> JSONValue? { try? JSONParser.parse(response.body) }

    static func code(_ response: HTTPResponse) -> Int? { json(response).flatMap(SandboxHarness.code) }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-sandbox-\(UUID().uuidString)")
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}

@Suite("Sandbox: live server")
struct LiveServerTests {
    @Test func servesMetadataAndTokensOnAnEphemeralLoopbackPort() async throws {
        try await Live.withServer { server, client in
            #expect(server.port > 0)
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            let metadata = try await Live.get(client, server.baseURL + "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration")
            #expect(metadata.status == 200)
            let doc = try #require(Live.json(metadata))
            #expect(doc["token_endpoint"] == .string(server.baseURL + "/contoso.onmicrosoft.com/oauth2/v2.0/token"))
            #expect(doc["issuer"] == .string("\(server.baseURL)/\(DemoDirectory.contoso)/v2.0"))

            let token = try await Live.post(client, server.baseURL + "/contoso.onmicrosoft.com/oauth2/v2.0/token", form: Live.daemonForm)
            #expect(token.status == 200)
            let claims = try #require(SandboxHarness.claims(Live.json(token)?["access_token"]?.stringValue))
            #expect(claims["iss"] == .string("\(server.baseURL)/\(DemoDirectory.contoso)/v2.0"))
            #expect(claims["roles"] == .array([.string("Data.Read.All")]))
        }
    }

    @Test func stopClosesThePort() async throws {
        let server = try await SandboxServer.start(try SandboxAuthority.demo())
        let client = AsyncHTTPTransport(connectTimeoutSeconds: 10, requestTimeoutSeconds: 30)
        #expect(try await Live.get(client, server.baseURL + "/common/discovery/instance").status == 200)
        await server.stop()
        await #expect(throws: TransportError.self) { _ = try await Live.get(client, server.baseURL + "/common/discovery/instance") }
        await client.shutdown()
    }

    @Test func aPortInUseIsReportedInsteadOfHanging() async throws {
        try await Live.withServer { first, _ in
            let error = await #expect(throws: SandboxStartError.self) {
                _ = try await SandboxServer.start(try SandboxAuthority.demo(), port: first.port)
            }
            #expect(error?.message.contains("127.0.0.1:\(first.port)") == true)
        }
    }

    @Test func keysPersistInThePrivateStateDirAcrossRestarts() async throws {
        let dir = Live.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = try StateDirectory(dir)
        let directory = try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>")
        let first = try SandboxAuthority(directory: directory, stateDirectory: state.url)
        let kid = first.keys.current.kid
        // A token minted by the first run still verifies after a restart: same key in the JWKS.
        try await Live.withServer(try SandboxAuthority(directory: directory, stateDirectory: state.url)) { server, client in
            let jwks = try #require(Live.json(try await Live.get(client, server.baseURL + "/contoso.onmicrosoft.com/discovery/v2.0/keys")))
            #expect(jwks["keys"]?.arrayValue?.compactMap { $0["kid"]?.stringValue } == [kid])
        }
        #expect(Live.mode(dir.path) == 0o700)
        #expect(Live.mode(dir.appendingPathComponent("keys").path) == 0o700)
        let keyFiles = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("keys").path)
        #expect(keyFiles.count == 1)
        #expect(keyFiles.allSatisfy { Live.mode(dir.appendingPathComponent("keys/\($0)").path) == 0o600 })
        #expect(Live.mode(dir.appendingPathComponent("credentials/middle-tier-demo.key.pem").path) == 0o600)
    }

    @Test func rotationFromTheAdminEndpointPublishesBothKeys() async throws {
        try await Live.withServer { server, client in
            let before = server.authority.keys.current.kid
            let rotated = try await Live.postJSON(client, server.baseURL + "/_sandbox/keys/rotate", "")
            #expect(rotated.status == 200)
            let newKid = try #require(Live.json(rotated)?["kid"]?.stringValue)
            #expect(newKid != before)
            let jwks = try #require(Live.json(try await Live.get(client, server.baseURL + "/contoso.onmicrosoft.com/discovery/v2.0/keys")))
            #expect(jwks["keys"]?.arrayValue?.compactMap { $0["kid"]?.stringValue } == [before, newKid])
        }
    }
}

@Suite("Sandbox: state dir")
struct StateDirectoryTests {
    @Test func defaultFollowsXDGThenHome() {
        #expect(StateDirectory.defaultURL(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]).path == "/x/state/tokenscope/sandbox")
        // The XDG spec says relative values are invalid and must be ignored.
        #expect(StateDirectory.defaultURL(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/u"]).path == "/home/u/.local/state/tokenscope/sandbox")
        #expect(StateDirectory.defaultURL(environment: ["HOME": "/home/u"]).path == "/home/u/.local/state/tokenscope/sandbox")
    }

    @Test func createsThePrivateFolderAndTracksTheRunningServer() throws {
        let dir = Live.temporaryDirectory().appendingPathComponent("nested/state")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent().deletingLastPathComponent()) }
        let state = try StateDirectory(dir)
        #expect(Live.mode(dir.path) == 0o700)
        #expect(state.runningServer() == nil)

        let mine = ServerRecord(url: "http://127.0.0.1:1234", pid: getpid(), directoryFile: "/d.yaml", caFile: "/ca.pem")
        try state.writeServerRecord(mine)
        #expect(Live.mode(state.serverFile.path) == 0o600)
        #expect(state.runningServer() == mine)
        // Only the process that wrote the record removes it.
        state.removeServerRecord(pid: getpid() + 1)
        #expect(state.runningServer() == mine)
        state.removeServerRecord(pid: getpid())
        #expect(!FileManager.default.fileExists(atPath: state.serverFile.path))
    }

    @Test func aFolderWithOtherFilesIsNotTakenOver() throws {
        let dir = Live.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        #expect(throws: StateDirectoryError.self) { _ = try StateDirectory(dir) }
        #expect(Live.mode(dir.path) == 0o755)
        // An empty folder, or one that is already a state dir, is fine.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("notes.txt"))
        _ = try StateDirectory(dir)
        #expect(Live.mode(dir.path) == 0o700)
        _ = try SigningKeyStore(stateDirectory: dir)
        _ = try StateDirectory(dir)
    }

    @Test func aRecordOfADeadProcessIsStale() throws {
        let dir = Live.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = try StateDirectory(dir)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        try state.writeServerRecord(ServerRecord(url: "http://127.0.0.1:1", pid: process.processIdentifier))
        #expect(state.runningServer() == nil)
    }
}
