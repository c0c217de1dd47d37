import Crypto
public import Foundation
import SwiftASN1
import X509

/// A private CA for `serve --tls`, and a server certificate it issues for the loopback names.
/// With a state dir both persist in `tls/` (keys 0600), and the CA is reused so a client set up
/// once to trust it keeps trusting the sandbox; the server certificate is re-issued when it is
/// missing, about to expire or not from that CA.
public enum LocalCertificateAuthority {
    /// The names the server certificate covers: what `--host` may be without `--allow-remote`.
    public static let dnsNames = ["localhost"]
    public static let ipAddresses = ["127.0.0.1", "::1"]
    /// 397 days: Apple clients refuse TLS server certificates valid for longer than 398 days.
    static let serverLifetime: TimeInterval = 397 * 86_400
    static let renewBefore: TimeInterval = 30 * 86_400

    public static func material(stateDirectory: URL?, now: Date = Date()) throws -> TLSMaterial {
        let folder = stateDirectory?.appendingPathComponent("tls")
        if let folder { try StateFiles.makePrivateDirectory(folder) }
        let files = folder.map(Files.init)
        let (ca, caKey, reused) = try loadOrCreateCA(files, now: now)
        let (server, serverKey) = try loadServer(files, ca: ca, now: now) ?? issueServer(ca: ca, caKey: caKey, now: now, files: files)
        return TLSMaterial(certificatePEM: try server.serializeAsPEM().pemString, privateKeyPEM: serverKey,
                           caCertificatePEM: try ca.serializeAsPEM().pemString, caFile: files?.caCertificate.path, reusedCA: reused)
    }

    struct Files {
        let caCertificate, caKey, serverCertificate, serverKey: URL
        init(_ folder: URL) {
            caCertificate = folder.appendingPathComponent("ca.crt.pem")
            caKey = folder.appendingPathComponent("ca.key.pem")
            serverCertificate = folder.appendingPathComponent("server.crt.pem")
            serverKey = folder.appendingPathComponent("server.key.pem")
        }
    }

    private static func loadOrCreateCA(_ files: Files?, now: Date) throws -> (Certificate, P256.Signing.PrivateKey, Bool) {
        if let files, let certPEM = read(files.caCertificate), let keyPEM = read(files.caKey),
           let cert = try? Certificate(pemEncoded: certPEM), let key = try? P256.Signing.PrivateKey(pemRepresentation: keyPEM),
           cert.publicKey == Certificate.PrivateKey(key).publicKey, cert.notValidAfter > now.addingTimeInterval(renewBefore) {
            return (cert, key, true)
        }
        let key = P256.Signing.PrivateKey()
        let signer = Certificate.PrivateKey(key)
        let name = try DistinguishedName {
            CommonName("TokenScope sandbox local CA")
            OrganizationName("TokenScope sandbox (local testing only)")
        }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: signer.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                // pathlen 0: this CA signs only the sandbox's own server certificates.
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: signer.publicKey)
            },
            issuerPrivateKey: signer)
        if let files {
            try StateFiles.writePrivate(key.pemRepresentation, to: files.caKey)
            try StateFiles.writePublic(try ca.serializeAsPEM().pemString, to: files.caCertificate)
            // A new CA invalidates any server certificate issued by the old one.
            try? FileManager.default.removeItem(at: files.serverCertificate)
        }
        return (ca, key, false)
    }

    /// The stored server certificate, if it is from `ca`, covers every name and is not about to expire.
    private static func loadServer(_ files: Files?, ca: Certificate, now: Date) throws -> (Certificate, String)? {
        guard let files, let certPEM = read(files.serverCertificate), let keyPEM = read(files.serverKey),
              let cert = try? Certificate(pemEncoded: certPEM), let key = try? P256.Signing.PrivateKey(pemRepresentation: keyPEM),
              cert.publicKey == Certificate.PrivateKey(key).publicKey, cert.issuer == ca.subject,
              ca.publicKey.isValidSignature(cert.signature, for: cert),
              cert.notValidAfter > now.addingTimeInterval(renewBefore),
              let names = (try? cert.extensions.subjectAlternativeNames) ?? nil,
              Set(names) == Set(subjectAlternativeNames()) else { return nil }
        return (cert, keyPEM)
    }

    private static func issueServer(ca: Certificate, caKey: P256.Signing.PrivateKey, now: Date, files: Files?) throws -> (Certificate, String) {
        let key = P256.Signing.PrivateKey()
        let subjectKey = Certificate.PrivateKey(key)
        let caSigner = Certificate.PrivateKey(caKey)
        let caKeyID = try ca.extensions.subjectKeyIdentifier?.keyIdentifier
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: subjectKey.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(serverLifetime),
            issuer: ca.subject, subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(subjectAlternativeNames())
                SubjectKeyIdentifier(hash: subjectKey.publicKey)
                // Python 3.13's strict verification requires the authority key identifier.
                AuthorityKeyIdentifier(keyIdentifier: caKeyID)
            },
            issuerPrivateKey: caSigner)
        if let files {
            try StateFiles.writePrivate(key.pemRepresentation, to: files.serverKey)
            try StateFiles.writePublic(try server.serializeAsPEM().pemString, to: files.serverCertificate)
        }
        return (server, key.pemRepresentation)
    }

    static func subjectAlternativeNames() -> [GeneralName] {
        dnsNames.map { GeneralName.dnsName($0) } + ipAddresses.compactMap { address in
            ipBytes(address).map { GeneralName.ipAddress(ASN1OctetString(contentBytes: ArraySlice($0))) }
        }
    }

    /// 4 bytes for IPv4, 16 for IPv6 (the SAN encoding).
    static func ipBytes(_ address: String) -> [UInt8]? {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        if inet_pton(AF_INET6, address, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func read(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    }
}
