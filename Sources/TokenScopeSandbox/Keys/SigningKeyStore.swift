import Crypto
import CryptoExtras
public import Foundation
import Synchronization
public import TokenScopeCore

/// The sandbox's token-signing keys. With a state dir they persist (PEM files, mode 0600, in a
/// 0700 folder) so tokens minted earlier still verify after a restart; without one they live in
/// memory (tests, the explorer). Rotation adds a new current key and keeps the previous one in the
/// JWKS during the overlap, as Entra does.
///
/// Signatures come from the system's OpenSSL 3 when it is there (faster; see `SystemLibcrypto`),
/// otherwise from swift-crypto; the two give the same bytes.
public final class SigningKeyStore: Sendable {
    /// Which library signs tokens.
    public enum Signer: Sendable, Equatable {
        /// The system's OpenSSL 3 libcrypto when it can be loaded, else swift-crypto.
        case automatic
        /// swift-crypto (BoringSSL) always.
        case swiftCrypto
    }

    public struct Key: Sendable {
        public let kid: String
        let privateKey: _RSA.Signing.PrivateKey
        /// The same key inside libcrypto, when the system signer is in use.
        let system: SystemRSAKey?
        var publicKey: _RSA.Signing.PublicKey { privateKey.publicKey }

        init(privateKey: _RSA.Signing.PrivateKey, library: SystemLibcrypto?) {
            kid = SigningKeyStore.kid(for: privateKey)
            self.privateKey = privateKey
            system = library?.rsaKey(der: Array(privateKey.derRepresentation))
        }

        /// The RS256 signature of `input`.
        func signRS256(_ input: String) -> [UInt8] {
            let digest = SHA256.hash(data: Array(input.utf8))
            if let system, let signature = digest.withUnsafeBytes({ system.signature(digest: $0) }) {
                return signature
            }
            // Signing with a key we created cannot fail short of memory corruption.
            return Array(try! privateKey.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }

    private let keys: Mutex<[Key]>
    private let folder: URL?
    private let library: SystemLibcrypto?

    /// What signs this store's tokens, for banners and benchmark reports: the OpenSSL version line
    /// with "(system libcrypto)", or "swift-crypto (BoringSSL)".
    public var signerDescription: String {
        if current.system != nil, let library { return library.version + " (system libcrypto)" }
        return "swift-crypto (BoringSSL)"
    }

    /// Loads the keys in `stateDirectory/keys` (creating one when there is none), or makes one in memory.
    public init(stateDirectory: URL?, signer: Signer = .automatic) throws {
        library = signer == .automatic ? SystemLibcrypto.shared : nil
        folder = stateDirectory?.appendingPathComponent("keys")
        var loaded: [Key] = []
        if let folder {
            try StateFiles.makePrivateDirectory(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pem") }.sorted()
            for file in files {
                let pem = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
                loaded.append(Key(privateKey: key, library: library))
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
        let key = Key(privateKey: privateKey, library: library)
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
        return input + "." + Base64URL.encode(key.signRS256(input))
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
        try writePrivate(Data(text.utf8), to: url)
    }

    static func writePrivate(_ contents: Data, to url: URL) throws {
        let temp = url.appendingPathExtension("tmp")
        // Created with 0600 from the start, so the secret is never readable by others, even briefly.
        guard FileManager.default.createFile(atPath: temp.path, contents: contents, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temp.path])
        }
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: temp, to: url)
    }

    static func writePublic(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
