import Crypto
import CryptoExtras
public import Foundation
import Synchronization
public import TokenScopeCore

/// The sandbox's token-signing keys. With a state dir they persist (PEM files, mode 0600, in a
/// 0700 folder) so tokens minted earlier still verify after a restart; without one they live in
/// memory (tests, the explorer). Rotation adds a new current key and keeps the previous one in the
/// JWKS during the overlap, as Entra does.
public final class SigningKeyStore: Sendable {
    public struct Key: Sendable {
        public let kid: String
        let privateKey: _RSA.Signing.PrivateKey
        var publicKey: _RSA.Signing.PublicKey { privateKey.publicKey }
    }

    private let keys: Mutex<[Key]>
    private let folder: URL?

    /// Loads the keys in `stateDirectory/keys` (creating one when there is none), or makes one in memory.
    public init(stateDirectory: URL?) throws {
        folder = stateDirectory?.appendingPathComponent("keys")
        var loaded: [Key] = []
        if let folder {
            try StateFiles.makePrivateDirectory(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pem") }.sorted()
            for file in files {
                let pem = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
                loaded.append(Key(kid: Self.kid(for: key), privateKey: key))
            }
        }
        keys = Mutex(loaded)
        if loaded.isEmpty { _ = try rotate() }
    }

    /// The key new tokens are signed with (the newest).
    public var current: Key { keys.withLock { $0[$0.count - 1] } }

    /// The keys published in the JWKS: at most the newest two (current and the one before).
    public var published: [Key] { keys.withLock { Array($0.suffix(2)) } }

    /// Adds a new current key; the previous one stays published until the next rotation.
    @discardableResult
    public func rotate() throws -> Key {
        let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let key = Key(kid: Self.kid(for: privateKey), privateKey: privateKey)
        let index = keys.withLock { list -> Int in
            list.append(key)
            return list.count
        }
        if let folder {
            let name = String(format: "%04d-%@.pem", index, key.kid)
            try StateFiles.writePrivate(privateKey.pemRepresentation, to: folder.appendingPathComponent(name))
        }
        return key
    }

    public func key(kid: String) -> Key? { keys.withLock { $0.first { $0.kid == kid } } }

    /// Signs a JWT with the current key (RS256). `header` is extended with `kid` (and `x5t` for v1).
    public func sign(header extra: [(key: String, value: JSONValue)] = [], claims: JSONValue, v1: Bool = false) -> String {
        let key = current
        var header: [(key: String, value: JSONValue)] = [("typ", .string("JWT"))]
        header.append(contentsOf: extra)
        header.append(("alg", .string("RS256")))
        if v1 { header.append(("x5t", .string(key.kid))) }
        header.append(("kid", .string(key.kid)))
        let input = Base64URL.encode(Array(JSONWriter.write(.object(header), pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONWriter.write(claims, pretty: false).utf8))
        // Signing with a key we created cannot fail short of memory corruption.
        let signature = try! key.privateKey.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }

    /// The JWKS document, Entra-shaped (`kty`, `use`, `kid`, `x5t`, `n`, `e`, `issuer`).
    public func jwks(issuer: String) -> JSONValue {
        .object([("keys", .array(published.map { key in
            let primitives = try? key.publicKey.getKeyPrimitives()
            return .object([
                ("kty", .string("RSA")), ("use", .string("sig")), ("kid", .string(key.kid)), ("x5t", .string(key.kid)),
                ("n", .string(Base64URL.encode(Array(primitives?.modulus ?? Data())))),
                ("e", .string(Base64URL.encode(Array(primitives?.publicExponent ?? Data())))),
                ("issuer", .string(issuer)),
            ])
        }))])
    }

    /// Entra's kids are certificate thumbprints; ours are the SHA-1 of the public key, base64url.
    static func kid(for key: _RSA.Signing.PrivateKey) -> String {
        Base64URL.encode(Array(Insecure.SHA1.hash(data: key.publicKey.derRepresentation)))
    }
}

/// Files in the sandbox state dir: folders 0700, secrets 0600, written atomically.
enum StateFiles {
    static func makePrivateDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
    }

    static func writePrivate(_ text: String, to url: URL) throws {
        let temp = url.appendingPathExtension("tmp")
        // Created with 0600 from the start, so the secret is never readable by others, even briefly.
        guard FileManager.default.createFile(atPath: temp.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temp.path])
        }
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: temp, to: url)
    }

    static func writePublic(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
