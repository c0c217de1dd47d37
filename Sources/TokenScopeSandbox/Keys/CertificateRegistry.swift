import Crypto
public import CryptoExtras
import Foundation
import NIOSSL
import SwiftASN1
import TokenScopeCore
import X509

/// A client certificate registered on an app: its public key and both thumbprints, and for demo
/// certificates the private key too (written to the state dir for users, kept in memory for tests).
public struct RegisteredCertificate: Sendable {
    public let app: String
    public let name: String
    public let der: [UInt8]
    /// base64url SHA-1 of the DER (header `x5t`), without padding.
    public let sha1Thumbprint: String
    /// base64url SHA-256 of the DER (header `x5t#S256`), without padding.
    public let sha256Thumbprint: String
    public let publicKey: _RSA.Signing.PublicKey
    public let certificatePEM: String
    /// Only for certificates the sandbox generated.
    public let privateKeyPEM: String?
    /// Where the generated certificate and key were written (nil in memory).
    public let certificatePath: String?
    public let privateKeyPath: String?
    /// The same certificate and key as one PKCS#12 file (`.pfx`, no password), for tools that
    /// want one file (MSAL.NET's `X509Certificate2`, `tokenscope exchange --cert`).
    public let pkcs12Path: String?

    /// SHA-1 as hex, the form the portal and msal's `thumbprint` use.
    public var sha1Hex: String {
        Insecure.SHA1.hash(data: der).map { String(format: "%02X", $0) }.joined()
    }
}

/// All registered client certificates, found by app and by thumbprint (padded or not).
public final class CertificateRegistry: Sendable {
    public let all: [RegisteredCertificate]

    init(directory: SandboxDirectory, stateDirectory: URL?) throws {
        var list: [RegisteredCertificate] = []
        for app in directory.apps {
            for cert in app.certificates {
                if let pem = cert.pem {
                    list.append(try Self.registered(app: app.name, name: cert.name, certificatePEM: pem, privateKeyPEM: nil, paths: nil))
                } else {
                    list.append(try Self.demoCertificate(app: app.name, name: cert.name, stateDirectory: stateDirectory))
                }
            }
        }
        all = list
    }

    public func certificates(app: String) -> [RegisteredCertificate] { all.filter { $0.app == app } }

    /// The app's certificate whose SHA-1 (`x5t`) or SHA-256 (`x5t#S256`) thumbprint is given.
    public func certificate(app: String, sha1: String?, sha256: String?) -> RegisteredCertificate? {
        let s1 = sha1.map(Self.unpadded), s256 = sha256.map(Self.unpadded)
        return certificates(app: app).first { ($0.sha1Thumbprint == s1 && s1 != nil) || ($0.sha256Thumbprint == s256 && s256 != nil) }
    }

    static func unpadded(_ s: String) -> String {
        var t = s
        while t.hasSuffix("=") { t.removeLast() }
        return t.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    static func registered(app: String, name: String, certificatePEM: String, privateKeyPEM: String?, paths: (String, String)?,
                           pkcs12Path: String? = nil) throws -> RegisteredCertificate {
        let parsed: (der: [UInt8], publicKey: _RSA.Signing.PublicKey)
        do {
            parsed = try parse(pem: certificatePEM)
        } catch {
            // Loaded directories were checked with file and line already; this is a directory built in code.
            throw DirectoryError(file: "<directory>", line: nil, key: "", message: "certificate `\(name)` of app `\(app)` \(error.message)")
        }
        return RegisteredCertificate(
            app: app, name: name, der: parsed.der,
            sha1Thumbprint: Base64URL.encode(Array(Insecure.SHA1.hash(data: parsed.der))),
            sha256Thumbprint: Base64URL.encode(Array(SHA256.hash(data: parsed.der))),
            publicKey: parsed.publicKey, certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM,
            certificatePath: paths?.0, privateKeyPath: paths?.1, pkcs12Path: pkcs12Path)
    }

    /// Why a `pem:` value is not a usable client certificate.
    struct PEMError: Error {
        let message: String
    }

    /// The first certificate of a PEM text (the leaf, when a chain is pasted) and its RSA key.
    /// Whitespace inside the base64 is ignored: a PEM written as a plain YAML scalar arrives with
    /// its line breaks folded into spaces.
    static func parse(pem text: String) throws(PEMError) -> (der: [UInt8], publicKey: _RSA.Signing.PublicKey) {
        let begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----"
        guard let start = text.range(of: begin) else {
            if text.contains("PRIVATE KEY-----") {
                throw PEMError(message: "is a private key; register the certificate (the public part, -----BEGIN CERTIFICATE-----) instead")
            }
            throw PEMError(message: "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)")
        }
        guard let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
            throw PEMError(message: "has no -----END CERTIFICATE----- line")
        }
        let body = String(text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace })
        guard let data = Data(base64Encoded: body) else {
            throw PEMError(message: "has text between its BEGIN and END lines that is not base64")
        }
        let der = Array(data)
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw PEMError(message: "is not a valid X.509 certificate (\(error))")
        }
        guard let publicKey = _RSA.Signing.PublicKey(certificate.publicKey) else {
            throw PEMError(message: "has a key that is not RSA; the sandbox verifies RS256 and PS256 client assertions only")
        }
        return (der, publicKey)
    }

    /// Names of generated certificates become file names in the state dir: no separators, no `..`.
    static func isUsableFileName(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// A self-signed RSA-2048 certificate for a demo app, reused from the state dir when present.
    static func demoCertificate(app: String, name: String, stateDirectory: URL?) throws -> RegisteredCertificate {
        let folder = stateDirectory?.appendingPathComponent("credentials")
        let certURL = folder?.appendingPathComponent("\(name).crt.pem"), keyURL = folder?.appendingPathComponent("\(name).key.pem")
        let pkcs12URL = folder?.appendingPathComponent("\(name).pfx")
        if let certURL, let keyURL, let pkcs12URL, FileManager.default.fileExists(atPath: certURL.path), FileManager.default.fileExists(atPath: keyURL.path) {
            let pem = try String(contentsOf: certURL, encoding: .utf8), keyPEM = try String(contentsOf: keyURL, encoding: .utf8)
            // State dirs from before the PKCS#12 file existed get one now.
            if !FileManager.default.fileExists(atPath: pkcs12URL.path) { try writePKCS12(certificatePEM: pem, keyPEM: keyPEM, to: pkcs12URL) }
            return try registered(app: app, name: name, certificatePEM: pem, privateKeyPEM: keyPEM, paths: (certURL.path, keyURL.path),
                                  pkcs12Path: pkcs12URL.path)
        }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificateKey = Certificate.PrivateKey(key)
        let subject = try DistinguishedName {
            CommonName(name)
            OrganizationName("TokenScope sandbox (demo, not a real credential)")
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: certificateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {}, issuerPrivateKey: certificateKey)
        let pem = try certificate.serializeAsPEM().pemString
        if let folder, let certURL, let keyURL, let pkcs12URL {
            try StateFiles.makePrivateDirectory(folder)
            try StateFiles.writePublic(pem, to: certURL)
            try StateFiles.writePrivate(key.pemRepresentation, to: keyURL)
            try writePKCS12(certificatePEM: pem, keyPEM: key.pemRepresentation, to: pkcs12URL)
        }
        return try registered(app: app, name: name, certificatePEM: pem, privateKeyPEM: key.pemRepresentation,
                              paths: certURL.flatMap { c in keyURL.map { (c.path, $0.path) } }, pkcs12Path: pkcs12URL?.path)
    }

    /// Writes the certificate and its key as a PKCS#12 file with an empty password (a demo
    /// credential: the key is in the state dir in PEM anyway), mode 0600 like the key.
    static func writePKCS12(certificatePEM: String, keyPEM: String, to url: URL) throws {
        let bundle = NIOSSLPKCS12Bundle(certificateChain: [try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)],
                                        privateKey: try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
        try StateFiles.writePrivate(Data(try bundle.serialize(passphrase: [UInt8]())), to: url)
    }
}
