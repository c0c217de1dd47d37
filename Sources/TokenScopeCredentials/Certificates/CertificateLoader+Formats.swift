import CryptoExtras
import Foundation
import SwiftASN1
import TokenScopeCore
import X509

extension CertificateLoader {
    /// The pieces found in the files, before they are checked against each other.
    struct Parts {
        var facts: CertificateFacts
        var key: _RSA.Signing.PrivateKey
        /// The file the key came from, and the flag that named it (for messages and permissions).
        var keyFile: String
        var keyField: String
        var format: LoadedCertificate.Format
        var warnings: [String] = []
    }

    /// A PEM file: one or more certificates, optionally the key (combined PEM).
    static func fromPEM(_ text: String, certificatePath: String, keyPath: String?, password: String?) throws(ExchangeInputError) -> Parts {
        let shown = CredentialFile.display(certificatePath)
        let blocks = PEMBlock.parseAll(text)
        let certificates = blocks.filter(\.isCertificate)
        let keys = blocks.filter(\.isPrivateKey)
        guard !certificates.isEmpty else {
            if !keys.isEmpty {
                throw ExchangeInputError("certificate-missing", field: "--cert",
                                         "\(shown) holds a private key but no certificate.",
                                         fix: "Pass the certificate with --cert and this file with --key.")
            }
            throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                     "\(shown) holds no PEM certificate (no -----BEGIN CERTIFICATE----- block).",
                                     fix: "Pass a PEM certificate (with --key for its key), a PEM file holding both, or a .pfx/.p12 file.")
        }
        let ders = try certificates.map { block throws(ExchangeInputError) in try der(of: block, file: certificatePath) }
        // A lone certificate is checked before the key, so an EC certificate is reported as such.
        if ders.count == 1 { _ = try CertificateFacts(der: ders[0], file: certificatePath) }
        if let keyPath {
            let key = try keyFromFile(keyPath, password: password)
            var parts = Parts(facts: try leaf(ders, key: key, file: certificatePath), key: key, keyFile: keyPath, keyField: "--key", format: .pem)
            if !keys.isEmpty { parts.warnings.append("\(shown) also holds a private key; the one from --key \(CredentialFile.display(keyPath)) is used.") }
            return parts
        }
        guard let block = keys.first else {
            throw ExchangeInputError("private-key-missing", field: "--key",
                                     "\(shown) holds a certificate but no private key.",
                                     fix: "Pass the private key file with --key (or use a PEM or .pfx/.p12 file that holds both).")
        }
        let key = try PrivateKeyDecoder.decode(block, password: password, file: certificatePath, field: "--cert")
        return Parts(facts: try leaf(ders, key: key, file: certificatePath), key: key, keyFile: certificatePath,
                     keyField: "--cert", format: .combinedPEM)
    }

    /// The certificate whose public key is `key`'s: files carry chains in any order. With no
    /// match, the first certificate (the caller reports the mismatch), or its parse error.
    static func leaf(_ ders: [[UInt8]], key: _RSA.Signing.PrivateKey, file: String) throws(ExchangeInputError) -> CertificateFacts {
        var first: Result<CertificateFacts, ExchangeInputError>?
        for der in ders {
            let facts: Result<CertificateFacts, ExchangeInputError>
            do { facts = .success(try CertificateFacts(der: der, file: file)) } catch { facts = .failure(error) }
            if case let .success(candidate) = facts, candidate.matches(key) { return candidate }
            if first == nil { first = facts }
        }
        switch first {
        case let .success(facts): return facts
        case let .failure(error): throw error
        case nil:
            throw ExchangeInputError("certificate-missing", field: "--cert", "\(CredentialFile.display(file)) holds no certificate.",
                                     fix: "Pass a PEM certificate (with --key for its key), a PEM file holding both, or a .pfx/.p12 file.")
        }
    }

    /// Binary content: a PKCS#12 bundle, or a DER certificate with `--key`.
    static func fromDER(_ bytes: [UInt8], certificatePath: String, keyPath: String?, password: String?) throws(ExchangeInputError) -> Parts {
        let shown = CredentialFile.display(certificatePath)
        if PKCS12Inspector.inspect(bytes) == nil, (try? Certificate(derEncoded: bytes)) != nil {
            let facts = try CertificateFacts(der: bytes, file: certificatePath)
            guard let keyPath else {
                throw ExchangeInputError("private-key-missing", field: "--key",
                                         "\(shown) holds a certificate but no private key.",
                                         fix: "Pass the private key file with --key (or use a PEM or .pfx/.p12 file that holds both).")
            }
            return Parts(facts: facts, key: try keyFromFile(keyPath, password: password), keyFile: keyPath, keyField: "--key", format: .pem)
        }
        let contents = try PKCS12Reader.read(bytes, password: password, file: certificatePath)
        let key = try PrivateKeyDecoder.decode(der: contents.keyDER, file: certificatePath, field: "--cert")
        let facts = try leaf(contents.certificates, key: key, file: certificatePath)
        var parts = Parts(facts: facts, key: key, keyFile: certificatePath, keyField: "--cert", format: .pkcs12, warnings: contents.warnings)
        if let keyPath {
            parts.warnings.append("--key \(CredentialFile.display(keyPath)) was not used: the PKCS#12 file \(shown) carries its own key.")
        }
        return parts
    }

    /// The key in a `--key` file: PEM (any of the key labels) or DER.
    static func keyFromFile(_ path: String, password: String?) throws(ExchangeInputError) -> _RSA.Signing.PrivateKey {
        let bytes = try CredentialFile.read(path, what: "key file", field: "--key", idPrefix: "key")
        let shown = CredentialFile.display(path)
        if let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN ") {
            let blocks = PEMBlock.parseAll(text)
            guard let block = blocks.first(where: \.isPrivateKey) else {
                let what = blocks.contains(where: \.isCertificate) ? "a certificate, not a private key" : "no private key"
                throw ExchangeInputError("private-key-missing", field: "--key", "the key file \(shown) holds \(what).",
                                         fix: "Pass the private key file (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----) with --key.")
            }
            return try PrivateKeyDecoder.decode(block, password: password, file: path, field: "--key")
        }
        guard bytes.first == 0x30 else {
            throw ExchangeInputError("private-key-unreadable", field: "--key", "the key file \(shown) is neither a PEM nor a DER private key.",
                                     fix: "Pass the private key file (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----) with --key.")
        }
        return try PrivateKeyDecoder.decode(der: bytes, file: path, field: "--key")
    }

    private static func der(of block: PEMBlock, file: String) throws(ExchangeInputError) -> [UInt8] {
        guard let der = block.der else {
            throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                     "the certificate block in \(CredentialFile.display(file)) is not valid base64.",
                                     fix: "Check the file (openssl x509 -in \(CredentialFile.display(file)) -noout -text).")
        }
        return der
    }
}
