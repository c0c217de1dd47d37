import CryptoExtras
import Foundation
import NIOSSL
import SwiftASN1
import TokenScopeCore

/// Turns a private key (PEM block or DER) into the RSA signing key the assertion builder needs,
/// with an error that says what the key is when it cannot be used.
enum PrivateKeyDecoder {
    /// The key in `block`, read from the file `file` (for messages). Encrypted blocks need `password`.
    static func decode(_ block: PEMBlock, password: String?, file: String, field: String) throws(ExchangeInputError) -> _RSA.Signing.PrivateKey {
        let encrypted = block.label == "ENCRYPTED PRIVATE KEY" || block.hasEncryptionHeader
        if encrypted {
            return try decrypt(block, password: password, file: file, field: field)
        }
        if block.label == "EC PRIVATE KEY" { throw notRSA("an EC key", file: file, field: field) }
        if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: block.text) { return key }
        // Not accepted as RSA ≥ 2048: find out why, from the DER inside.
        guard let der = block.der else { throw unreadable(file: file, field: field) }
        return try decode(der: der, file: file, field: field)
    }

    /// A DER key: PKCS#1 `RSAPrivateKey`, PKCS#8 `PrivateKeyInfo`, or (from BoringSSL) SEC1.
    static func decode(der: [UInt8], file: String, field: String) throws(ExchangeInputError) -> _RSA.Signing.PrivateKey {
        if let key = try? _RSA.Signing.PrivateKey(derRepresentation: der) { return key }
        if let small = try? _RSA.Signing.PrivateKey(unsafeDERRepresentation: der) {
            throw ExchangeInputError("private-key-too-small", field: field,
                                     "the RSA key in \(CredentialFile.display(file)) has \(small.keySizeInBits) bits; Entra and TokenScope require at least 2048.",
                                     fix: "Create a new key of 2048 bits or more (openssl req -x509 -newkey rsa:2048 …) and upload its certificate to the app registration.")
        }
        if let algorithm = KeyAlgorithm.sniff(der), algorithm != .rsa {
            throw notRSA(algorithm.description, file: file, field: field)
        }
        throw unreadable(file: file, field: field)
    }

    /// An encrypted PKCS#8 or legacy `Proc-Type: 4,ENCRYPTED` key, decrypted by BoringSSL.
    private static func decrypt(_ block: PEMBlock, password: String?, file: String, field: String) throws(ExchangeInputError) -> _RSA.Signing.PrivateKey {
        guard let password else {
            throw ExchangeInputError("certificate-password-required", field: "--cert-password-env",
                                     "the private key in \(CredentialFile.display(file)) is encrypted and needs a password.",
                                     fix: "Put the password in an environment variable and pass --cert-password-env VAR.")
        }
        let der: [UInt8]
        do {
            let passwordBytes = Array(password.utf8)
            let key = try NIOSSLPrivateKey(bytes: Array(block.text.utf8), format: .pem) { (setter: NIOSSLPassphraseSetter<[UInt8]>) in
                setter(passwordBytes)
            }
            der = try key.derBytes
        } catch {
            throw ExchangeInputError("certificate-password-wrong", field: "--cert-password-env",
                                     "the private key in \(CredentialFile.display(file)) could not be decrypted with the password given (wrong password, or an encryption BoringSSL does not support).",
                                     fix: "Check the password (openssl pkey -in \(CredentialFile.display(file)) -noout asks for it and tells you).")
        }
        return try decode(der: der, file: file, field: field)
    }

    static func notRSA(_ what: String, file: String, field: String) -> ExchangeInputError {
        ExchangeInputError("private-key-not-rsa", field: field,
                           "\(CredentialFile.display(file)) holds \(what); only RSA certificates are supported for client assertions.",
                           fix: "Create an RSA certificate (openssl req -x509 -newkey rsa:2048 …) and upload it to the app registration.")
    }

    private static func unreadable(file: String, field: String) -> ExchangeInputError {
        ExchangeInputError("private-key-unreadable", field: field,
                           "the private key in \(CredentialFile.display(file)) is not a readable RSA key (PKCS#1 or PKCS#8).",
                           fix: "Check the file (openssl pkey -in \(CredentialFile.display(file)) -noout -text).")
    }
}

/// The algorithm of a DER private key, read from its structure (never from a file name).
enum KeyAlgorithm: Equatable, CustomStringConvertible {
    case rsa, ec, ed25519, ed448, other(String)

    var description: String {
        switch self {
        case .rsa: return "an RSA key"
        case .ec: return "an EC key"
        case .ed25519: return "an Ed25519 key"
        case .ed448: return "an Ed448 key"
        case let .other(oid): return "a key of algorithm \(oid)"
        }
    }

    static func sniff(_ der: [UInt8]) -> KeyAlgorithm? {
        guard let root = try? DER.parse(der), case let .constructed(collection) = root.content else { return nil }
        let fields = Array(collection)
        guard fields.count >= 2 else { return nil }
        // SEC1 `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, … }`.
        if fields[1].identifier == .octetString { return .ec }
        // PKCS#1 `RSAPrivateKey` is nine INTEGERs.
        if fields.allSatisfy({ $0.identifier == .integer }) { return .rsa }
        // PKCS#8 `PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING, … }`.
        guard case let .constructed(algorithm) = fields[1].content, let first = Array(algorithm).first,
              let oid = try? ASN1ObjectIdentifier(derEncoded: first) else { return nil }
        switch oid.description {
        case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10": return .rsa
        case "1.2.840.10045.2.1": return .ec
        case "1.3.101.112": return .ed25519
        case "1.3.101.113": return .ed448
        default: return .other(oid.description)
        }
    }
}
