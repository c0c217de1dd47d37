import Foundation
import Testing
import TokenScopeCore
@testable import TokenScopeSandbox

/// `decode --verify` against the sandbox served over HTTPS with its local CA.
@Suite("tokenscope decode --verify over TLS")
struct VerifyTLSCLITests {
    @Test func caFileMakesTheSandboxTrusted() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-tls-\(UUID().uuidString)")
        let material = try LocalCertificateAuthority.material(stateDirectory: state)
        let authority = try SandboxAuthority.demo()
        let server = try await SandboxServer.start(authority, tls: material)
        let d = authority.directory
        let token = authority.minter.accessToken(MintRequest(
            tenant: d.tenant(named: "contoso")!, client: d.app(named: "spa-client")!, resource: d.app(named: "middle-tier-api")!,
            user: d.user(named: "alice")!, scopes: ["access_as_user"], clientAuth: "0"), now: Int64(Date().timeIntervalSince1970))
        let caFile = try #require(material.caFile)

        let trusted = try await CLIRunner.runDetached(["decode", token, "--verify", "--ca-file", caFile, "--json"])
        let untrusted = try await CLIRunner.runDetached(["decode", token, "--verify", "--json"])
        let badCA = try await CLIRunner.runDetached(["decode", token, "--verify", "--ca-file", try CLIRunner.temporaryFile("not a certificate")])
        await server.stop()

        #expect(trusted.status == 0, "\(trusted.stderr)")
        let doc = try JSONParser.parse(trusted.stdout)
        #expect(doc["signature"]?["valid"] == .bool(true))
        #expect(doc["signature"]?["reason"]?.stringValue?.contains("`iss` matches the metadata") == true)
        let plain = try JSONParser.parse(untrusted.stdout)
        #expect(plain["signature"]?["checked"] == .bool(false))
        #expect(plain["signature"]?["reason"]?.stringValue?.contains("TLS") == true)
        #expect(badCA.status == 2)
        #expect(badCA.stderr.contains("holds no PEM certificate"))
    }
}
