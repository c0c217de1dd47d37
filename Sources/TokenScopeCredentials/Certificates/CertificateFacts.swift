import CryptoExtras
import Foundation
import SwiftASN1
import TokenScopeCore
import X509

/// What TokenScope needs to know about a leaf certificate, read once with swift-certificates.
struct CertificateFacts {
    let der: [UInt8]
    let publicKey: _RSA.Signing.PublicKey
    let subject: String
    let commonName: String?
    let notBefore: Date
    let notAfter: Date

    /// Parses `der`; the errors name `file`.
    init(der: [UInt8], file: String) throws(ExchangeInputError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            // swift-certificates refuses RSA keys under 2048 bits: say that, not "invalid".
            if let bits = Self.smallRSAKeyBits(der) {
                throw ExchangeInputError("private-key-too-small", field: "--cert",
                                         "the certificate in \(CredentialFile.display(file)) has a \(bits)-bit RSA key; Entra and TokenScope require at least 2048 bits.",
                                         fix: "Create a new certificate with a key of 2048 bits or more (openssl req -x509 -newkey rsa:2048 …) and upload it to the app registration.")
            }
            throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                     "the certificate in \(CredentialFile.display(file)) is not a valid X.509 certificate.",
                                     fix: "Check the file (openssl x509 -in \(CredentialFile.display(file)) -noout -text).")
        }
        guard let publicKey = _RSA.Signing.PublicKey(certificate.publicKey) else {
            throw ExchangeInputError("certificate-not-rsa", field: "--cert",
                                     "the certificate in \(CredentialFile.display(file)) has a non-RSA key; only RSA certificates are supported for client assertions.",
                                     fix: "Create an RSA certificate (openssl req -x509 -newkey rsa:2048 …) and upload it to the app registration.")
        }
        self.der = der
        self.publicKey = publicKey
        self.subject = TerminalSafe.escape(String(describing: certificate.subject))
        var commonName: String?
        for rdn in certificate.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                commonName = String(attribute.value).map(TerminalSafe.escape)
            }
        }
        self.commonName = commonName
        self.notBefore = certificate.notValidBefore
        self.notAfter = certificate.notValidAfter
    }

    /// True when `key` is the private half of this certificate's public key.
    func matches(_ key: _RSA.Signing.PrivateKey) -> Bool {
        key.publicKey.derRepresentation == publicKey.derRepresentation
    }

    /// Expired / not yet valid, in UTC. A warning, not an error: testing what Entra answers to an
    /// expired certificate is a legitimate use of the tool.
    func validityWarnings(now: Date) -> [String] {
        let name = commonName ?? subject
        if now > notAfter {
            return ["the certificate \(name) expired on \(Self.utc(notAfter)); Entra refuses assertions signed with an expired certificate's key. Renew it and upload the new certificate to the app registration."]
        }
        if now < notBefore {
            return ["the certificate \(name) is not valid until \(Self.utc(notBefore)); check the clock of the machine that made it."]
        }
        return []
    }

    /// `tokenscope-test, valid until 2056-11-21, api.pfx`.
    func label(file: String) -> String {
        let day = String(Self.utc(notAfter).prefix(10))
        let name = URL(fileURLWithPath: file).lastPathComponent
        return "\(commonName ?? subject), valid until \(day), \(TerminalSafe.escape(name))"
    }

    /// The size of the certificate's RSA key when it is under 2048 bits, read from the raw
    /// structure: `Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version?, serial, signature,
    /// issuer, validity, subject, subjectPublicKeyInfo, … }, … }`.
    private static func smallRSAKeyBits(_ der: [UInt8]) -> Int? {
        guard let root = try? DER.parse(der), case let .constructed(top) = root.content, let tbs = Array(top).first,
              case let .constructed(tbsFields) = tbs.content else { return nil }
        let fields = Array(tbsFields)
        let index = fields.first?.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) ? 6 : 5
        guard fields.indices.contains(index),
              let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: Array(fields[index].encodedBytes)),
              key.keySizeInBits < 2048 else { return nil }
        return key.keySizeInBits
    }

    static func utc(_ date: Date) -> String {
        TimeText.utc(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
