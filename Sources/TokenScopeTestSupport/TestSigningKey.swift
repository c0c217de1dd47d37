public import TokenScopeCore
import Crypto
public import CryptoExtras

/// An RSA key that signs test tokens, and the JWKS that publishes it. Tests build their tokens
/// with it instead of committing real ones.
public struct TestSigningKey: Sendable {
    public let kid: String
    private let key: _RSA.Signing.PrivateKey
    /// The private key, for tests that sign with it directly (client assertions).
    public var privateKey: _RSA.Signing.PrivateKey { key }

    /// A fresh 2048-bit key.
    public init(kid: String) throws {
        self.kid = kid
        self.key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// One key per process, shared by tests (RSA key generation is slow).
    public static let shared: TestSigningKey = {
        do { return try TestSigningKey(kid: "test-key-1") } catch { fatalError("cannot create test key: \(error)") }
    }()

    public enum Algorithm: String, Sendable { case rs256 = "RS256", ps256 = "PS256" }

    /// Signs `header.payload` and returns the compact JWS.
    public func sign(header: JSONValue, claims: JSONValue, algorithm: Algorithm = .rs256) throws -> String {
        let input = Base64URL.encode(Array(JSONWriter.write(header, pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONWriter.write(claims, pretty: false).utf8))
        let digest = SHA256.hash(data: Array(input.utf8))
        let signature = try key.signature(for: digest, padding: algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }

    /// The JWKS document publishing this key, as Entra shapes it.
    public func jwks(issuer: String? = nil) -> String {
        let primitives = try? key.publicKey.getKeyPrimitives()
        var members: [(key: String, value: JSONValue)] = [
            ("kty", .string("RSA")), ("use", .string("sig")), ("kid", .string(kid)), ("x5t", .string(kid)),
            ("n", .string(Base64URL.encode(primitives.map { Array($0.modulus) } ?? []))),
            ("e", .string(Base64URL.encode(primitives.map { Array($0.publicExponent) } ?? []))),
        ]
        if let issuer { members.append(("issuer", .string(issuer))) }
        return JSONWriter.write(.object([("keys", .array([.object(members)]))]), pretty: false)
    }
}
