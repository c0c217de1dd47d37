import Crypto
import CryptoExtras
import Foundation
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// The sandbox signs tokens through the system's OpenSSL 3 when it can load it (SystemLibcrypto)
/// and through swift-crypto otherwise. RS256 (RSASSA-PKCS1-v1_5) is deterministic, so the two must
/// produce the same bytes for the same key and input: that is what these tests pin, along with the
/// fallback and concurrent use.
@Suite("Sandbox: the system libcrypto signer")
struct SystemSignerTests {
    /// CI and the benchmark machine have libcrypto.so.3 (Debian's libssl3, which curl and openssl
    /// need); without it these tests would only exercise the fallback, so its absence is a failure
    /// here rather than a silent skip.
    static func library() throws -> SystemLibcrypto {
        try #require(SystemLibcrypto.shared, "libcrypto.so.3 could not be loaded (or TOKENSCOPE_SIGNER=swift-crypto is set)")
    }

    static func swiftCryptoSignature(_ key: _RSA.Signing.PrivateKey, _ input: String) throws -> [UInt8] {
        Array(try key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5).rawRepresentation)
    }

    @Test func theSystemSignatureIsByteForByteSwiftCryptos() throws {
        let library = try Self.library()
        #expect(library.version.hasPrefix("OpenSSL 3"), "\(library.version)")
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let system = try #require(library.rsaKey(der: Array(key.derRepresentation)))
        for input in ["a", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0", String(repeating: "é", count: 5000)] {
            let digest = SHA256.hash(data: Array(input.utf8))
            let signature = try #require(digest.withUnsafeBytes { system.signature(digest: $0) })
            #expect(signature.count == 256)
            #expect(signature == (try Self.swiftCryptoSignature(key, input)))
        }
    }

    @Test func aStoreSignsWithLibcryptoAndItsTokensVerifyAgainstItsJWKS() throws {
        _ = try Self.library()
        let store = try SigningKeyStore(stateDirectory: nil)
        #expect(store.current.system != nil)
        #expect(store.signerDescription.hasSuffix("(system libcrypto)"), "\(store.signerDescription)")
        let token = store.sign(claims: .object([("sub", .string("alice")), ("n", .number("1"))]))
        let parsed = TokenParser.parse(token)
        let key = try #require(try JSONWebKeySet(json: Array(JSONWriter.write(store.jwks(issuer: "x"), pretty: false).utf8))
            .key(kid: parsed.header?["kid"]?.stringValue, x5t: nil))
        #expect(SignatureVerifier.verify(parsed, alg: "RS256", key: key) == .valid)
        // The same signing input through swift-crypto gives the same signature.
        let input = String(token.split(separator: ".").prefix(2).joined(separator: "."))
        #expect(parsed.signature == (try Self.swiftCryptoSignature(store.current.privateKey, input)))
    }

    @Test func swiftCryptoIsTheFallbackAndGivesTheSameTokens() throws {
        let store = try SigningKeyStore(stateDirectory: nil, signer: .swiftCrypto)
        #expect(store.current.system == nil)
        #expect(store.signerDescription == "swift-crypto (BoringSSL)")
        let token = store.sign(claims: .object([("sub", .string("bob"))]))
        let library = try Self.library()
        let system = try #require(library.rsaKey(der: Array(store.current.privateKey.derRepresentation)))
        let input = String(token.split(separator: ".").prefix(2).joined(separator: "."))
        let digest = SHA256.hash(data: Array(input.utf8))
        #expect(TokenParser.parse(token).signature == digest.withUnsafeBytes { system.signature(digest: $0) })
    }

    @Test func keysReloadedFromTheStateDirSignAlike() throws {
        _ = try Self.library()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-signer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try SigningKeyStore(stateDirectory: folder)
        let again = try SigningKeyStore(stateDirectory: folder, signer: .swiftCrypto)
        #expect(first.current.kid == again.current.kid)
        let claims = JSONValue.object([("sub", .string("carol"))])
        #expect(first.sign(claims: claims) == again.sign(claims: claims))
    }

    @Test func libcryptoRefusesAKeyThatIsNotOne() throws {
        let library = try Self.library()
        #expect(library.rsaKey(der: []) == nil)
        #expect(library.rsaKey(der: [0x30, 0x03, 0x02, 0x01, 0x00]) == nil)
        #expect(library.rsaKey(der: Array(repeating: 0xFF, count: 600)) == nil)
    }

    @Test func concurrentSignersShareOneKeyWithoutMixingUp() async throws {
        let library = try Self.library()
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let system = try #require(library.rsaKey(der: Array(key.derRepresentation)))
        let inputs = (0..<8).map { "input-\($0)" }
        let expected = try inputs.map { try Self.swiftCryptoSignature(key, $0) }
        // More tasks than the contexts it keeps (16), each signing its own input repeatedly.
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<24 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<10 {
                        let i = (task + round) % inputs.count
                        let signature = SHA256.hash(data: Array(inputs[i].utf8)).withUnsafeBytes { system.signature(digest: $0) }
                        if signature != expected[i] { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
