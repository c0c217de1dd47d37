import Foundation
import Testing

/// The credential fixtures (see Fixtures/credentials/README.md) and a per-test temporary directory.
enum CredentialFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/credentials")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `openssl x509 -in cert.pem -noout -fingerprint -sha1`, colons removed.
    static let sha1Hex = "24A4C6F5D638B2BA1703A05208693B0B063AC3E2"
    /// SHA-256 of the DER, base64url (`x5t#S256`).
    static let sha256Thumbprint = "S3MCuNagGPjX15-Upj-jtBqYy1ifTZMh1NIospmJ7t4"
    static let expiredSHA1Hex = "522A2B6BF174BD27812BAB2F01773563C32637BA"
    static let password = "fixture-pass"
    /// A fixed "now" inside every fixture's validity except the expired one (2030-03-17).
    static let now = Date(timeIntervalSince1970: 1_900_000_000)
}

/// A fresh directory under the system temporary directory; call `remove()` when done.
struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-credential-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// A copy of a fixture with `mode` (git does not keep modes, so fixtures are never used in place).
    func copy(_ fixture: String, mode: Int = 0o600, as name: String? = nil) throws -> String {
        let target = path(name ?? fixture)
        try FileManager.default.copyItem(atPath: CredentialFixtures.path(fixture), toPath: target)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o600) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

@Suite struct CredentialFixtureTests {
    @Test func everyFixtureIsPresent() {
        let names = ["cert.pem", "cert.der", "key-pkcs1.pem", "key-pkcs8.pem", "key-pkcs8-encrypted.pem", "key-pkcs1-encrypted.pem",
                     "combined-key-first.pem", "combined-cert-first.pem", "modern-aes256.pfx", "legacy-3des.pfx", "legacy-rc2.p12",
                     "no-password.pfx", "empty-password.pfx", "cert-only.p12", "key-only.p12", "expired-cert.pem", "other-key.pem",
                     "ec-key.pem", "ec-cert.pem", "small-key.pem", "small-cert.pem", "no-mac-encrypted.pfx", "README.md"]
        for name in names {
            #expect(FileManager.default.fileExists(atPath: CredentialFixtures.path(name)), "missing fixture \(name)")
        }
    }
}
