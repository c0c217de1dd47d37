import Crypto
import CryptoExtras
import Foundation
import NIOSSL
import Testing
import TokenScopeCore
import TokenScopeCredentials

@Suite struct CredentialCertificateTests {
    /// Every way the same certificate and key can be stored: (certificate file, key file, password, format).
    static let formats: [(String, String?, String?, LoadedCertificate.Format)] = [
        ("cert.pem", "key-pkcs1.pem", nil, .pem),
        ("cert.pem", "key-pkcs8.pem", nil, .pem),
        ("cert.pem", "key-pkcs8-encrypted.pem", CredentialFixtures.password, .pem),
        ("cert.pem", "key-pkcs1-encrypted.pem", CredentialFixtures.password, .pem),
        ("cert.der", "key-pkcs8.pem", nil, .pem),
        ("combined-key-first.pem", nil, nil, .combinedPEM),
        ("combined-cert-first.pem", nil, nil, .combinedPEM),
        ("modern-aes256.pfx", nil, CredentialFixtures.password, .pkcs12),
        ("legacy-3des.pfx", nil, CredentialFixtures.password, .pkcs12),
        ("legacy-rc2.p12", nil, CredentialFixtures.password, .pkcs12),
        ("no-password.pfx", nil, nil, .pkcs12),
        ("empty-password.pfx", nil, nil, .pkcs12),
    ]

    @Test(arguments: formats)
    func everyFormatLoadsTheSameCertificateAndKey(_ certificate: String, _ key: String?, _ password: String?,
                                                  _ format: LoadedCertificate.Format) throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        // A neutral name, so the format is told by content and not by extension.
        let certificatePath = try temp.copy(certificate, as: "credential.bin")
        let keyPath = try key.map { try temp.copy($0) }
        let loaded = try CertificateLoader.load(certificatePath: certificatePath, keyPath: keyPath, password: password,
                                                now: CredentialFixtures.now)
        #expect(loaded.certificate.sha1Hex == CredentialFixtures.sha1Hex)
        #expect(loaded.certificate.sha256Thumbprint == CredentialFixtures.sha256Thumbprint)
        #expect(loaded.format == format)
        #expect(loaded.warnings == [])
        #expect(loaded.commonName == "tokenscope-test")
        #expect(loaded.subject == "CN=tokenscope-test")
        #expect(loaded.certificate.label == "tokenscope-test, valid until 2056-11-21, credential.bin")
        let reference = try _RSA.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: CredentialFixtures.path("key-pkcs8.pem"), encoding: .utf8))
        #expect(loaded.certificate.privateKey.derRepresentation == reference.derRepresentation)
    }

    @Test func aSignatureMadeWithTheLoadedKeyVerifiesWithTheCertificate() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let loaded = try CertificateLoader.load(certificatePath: try temp.copy("modern-aes256.pfx"), keyPath: nil,
                                                password: CredentialFixtures.password, now: CredentialFixtures.now)
        let message = Array("header.payload".utf8)
        let signature = try loaded.certificate.privateKey.signature(for: SHA256.hash(data: message), padding: .PSS)
        // The public key read by BoringSSL, independently of the loader's own parsing.
        let certificate = try NIOSSLCertificate(bytes: loaded.certificate.certificateDER, format: .der)
        let publicKey = try _RSA.Signing.PublicKey(derRepresentation: certificate.extractPublicKey().toSPKIBytes())
        #expect(publicKey.isValidSignature(signature, for: SHA256.hash(data: message), padding: .PSS))
        #expect(!publicKey.isValidSignature(signature, for: SHA256.hash(data: Array("tampered".utf8)), padding: .PSS))
    }

    @Test func theValidityDatesComeFromTheCertificate() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let loaded = try CertificateLoader.load(certificatePath: try temp.copy("cert.pem"), keyPath: try temp.copy("key-pkcs1.pem"),
                                                password: nil, now: CredentialFixtures.now)
        #expect(TimeText.utc(Int64(loaded.notBefore.timeIntervalSince1970)) == "2026-11-29 05:31:29 UTC")
        #expect(TimeText.utc(Int64(loaded.notAfter.timeIntervalSince1970)) == "2056-11-21 05:31:29 UTC")
    }

    // MARK: - Errors

    /// (certificate, key, password, expected error id)
    static let failures: [(String, String?, String?, String)] = [
        ("modern-aes256.pfx", nil, "not-the-password", "certificate-password-wrong"),
        ("legacy-3des.pfx", nil, "not-the-password", "certificate-password-wrong"),
        ("modern-aes256.pfx", nil, nil, "certificate-password-required"),
        ("legacy-rc2.p12", nil, nil, "certificate-password-required"),
        ("cert.pem", "key-pkcs8-encrypted.pem", nil, "certificate-password-required"),
        ("cert.pem", "key-pkcs8-encrypted.pem", "not-the-password", "certificate-password-wrong"),
        ("cert.pem", "key-pkcs1-encrypted.pem", "not-the-password", "certificate-password-wrong"),
        ("cert.pem", "other-key.pem", nil, "private-key-mismatch"),
        ("cert.pem", nil, nil, "private-key-missing"),
        ("cert.der", nil, nil, "private-key-missing"),
        ("cert.pem", "cert.pem", nil, "private-key-missing"),
        ("cert-only.p12", nil, CredentialFixtures.password, "private-key-missing"),
        ("key-only.p12", nil, CredentialFixtures.password, "certificate-missing"),
        ("key-pkcs1.pem", nil, nil, "certificate-missing"),
        ("ec-cert.pem", "ec-key.pem", nil, "certificate-not-rsa"),
        ("cert.pem", "ec-key.pem", nil, "private-key-not-rsa"),
        ("small-cert.pem", "small-key.pem", nil, "private-key-too-small"),
        ("README.md", nil, nil, "certificate-not-recognised"),
        ("no-mac-encrypted.pfx", nil, CredentialFixtures.password, "certificate-not-recognised"),
    ]

    @Test(arguments: failures)
    func eachBadInputHasItsOwnError(_ certificate: String, _ key: String?, _ password: String?, _ id: String) throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let certificatePath = try temp.copy(certificate, as: "certificate-" + certificate)
        let keyPath = try key.map { try temp.copy($0, as: "key-" + $0) }
        let error = #expect(throws: ExchangeInputError.self) {
            try CertificateLoader.load(certificatePath: certificatePath, keyPath: keyPath, password: password, now: CredentialFixtures.now)
        }
        #expect(error?.id == id)
        #expect(error?.message.isEmpty == false)
        #expect(error?.fix.isEmpty == false)
        // Never the password, never key material (base64 DER starts with MII).
        for text in [error?.message ?? "", error?.fix ?? ""] {
            #expect(!text.contains("not-the-password") && !text.contains(CredentialFixtures.password))
            #expect(!text.contains("MII"))
        }
    }

    @Test func theErrorsSaySpecificThings() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let pfx = try temp.copy("modern-aes256.pfx")
        let missing = #expect(throws: ExchangeInputError.self) { try CertificateLoader.load(certificatePath: pfx, keyPath: nil, password: nil) }
        #expect(missing?.message == "the PKCS#12 file \(pfx) needs a password.")
        #expect(missing?.fix.contains("--cert-password-env VAR") == true)
        #expect(missing?.field == "--cert-password-env")

        let noKey = #expect(throws: ExchangeInputError.self) {
            try CertificateLoader.load(certificatePath: try temp.copy("cert.pem"), keyPath: nil, password: nil)
        }
        #expect(noKey?.fix.contains("--key") == true)

        let ec = #expect(throws: ExchangeInputError.self) {
            try CertificateLoader.load(certificatePath: try temp.copy("ec-cert.pem"), keyPath: try temp.copy("ec-key.pem"), password: nil)
        }
        #expect(ec?.message.contains("only RSA certificates are supported for client assertions") == true)

        let small = #expect(throws: ExchangeInputError.self) {
            try CertificateLoader.load(certificatePath: try temp.copy("small-cert.pem"), keyPath: try temp.copy("small-key.pem"), password: nil)
        }
        #expect(small?.message.contains("1024-bit RSA key") == true)
        #expect(small?.field == "--cert")
    }

    @Test func missingFilesNameTheFileAndTheFlag() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let certificate = #expect(throws: ExchangeInputError.self) {
            try CertificateLoader.load(certificatePath: temp.path("nope.pem"), keyPath: nil, password: nil)
        }
        #expect(certificate?.id == "certificate-file-missing")
        #expect(certificate?.field == "--cert")
        #expect(certificate?.message.contains(temp.path("nope.pem")) == true)

        let key = #expect(throws: ExchangeInputError.self) {
            try CertificateLoader.load(certificatePath: try temp.copy("cert.pem"), keyPath: temp.path("nope.key"), password: nil)
        }
        #expect(key?.id == "key-file-missing")
        #expect(key?.field == "--key")
    }

    @Test func garbageIsNotACertificate() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        for (name, bytes) in [("text.pem", Array("hello, not a certificate\n".utf8)),
                              ("binary.pfx", [0x30, 0x82, 0x01, 0x00, 0xFF, 0xEE, 0x01, 0x02]),
                              ("random.bin", (0..<256).map { UInt8(($0 * 37 + 11) % 256) }),
                              ("empty.pem", [])] {
            let path = try temp.write(name, bytes)
            let error = #expect(throws: ExchangeInputError.self) { try CertificateLoader.load(certificatePath: path, keyPath: nil, password: nil) }
            #expect(error?.id == "certificate-not-recognised", "\(name)")
        }
        let badPEM = try temp.write("bad.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")
        let error = #expect(throws: ExchangeInputError.self) { try CertificateLoader.load(certificatePath: badPEM, keyPath: nil, password: nil) }
        #expect(error?.id == "certificate-not-recognised")
    }

    // MARK: - Warnings

    @Test func aKeyReadableByOthersIsAWarning() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let key = try temp.copy("key-pkcs8.pem", mode: 0o644)
        let loaded = try CertificateLoader.load(certificatePath: try temp.copy("cert.pem", mode: 0o644), keyPath: key, password: nil,
                                                now: CredentialFixtures.now)
        #expect(loaded.warnings == ["the private key file \(key) is readable by other users (mode 0644); chmod 600 it."])

        let pfx = try temp.copy("modern-aes256.pfx", mode: 0o640)
        let bundle = try CertificateLoader.load(certificatePath: pfx, keyPath: nil, password: CredentialFixtures.password, now: CredentialFixtures.now)
        #expect(bundle.warnings == ["the file holding the private key \(pfx) is readable by other users (mode 0640); chmod 600 it."])

        let combined = try temp.copy("combined-cert-first.pem", mode: 0o604)
        let pem = try CertificateLoader.load(certificatePath: combined, keyPath: nil, password: nil, now: CredentialFixtures.now)
        #expect(pem.warnings.count == 1)
        #expect(pem.warnings.first?.contains("(mode 0604); chmod 600 it.") == true)
    }

    @Test func anExpiredCertificateIsAWarningWithItsDate() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let loaded = try CertificateLoader.load(certificatePath: try temp.copy("expired-cert.pem"), keyPath: try temp.copy("key-pkcs1.pem"),
                                                password: nil, now: CredentialFixtures.now)
        #expect(loaded.certificate.sha1Hex == CredentialFixtures.expiredSHA1Hex)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.hasPrefix("the certificate tokenscope-expired expired on 2021-01-01 00:00:00 UTC;") == true)
        #expect(loaded.certificate.label == "tokenscope-expired, valid until 2021-01-01, expired-cert.pem")
    }

    @Test func aCertificateNotYetValidIsAWarning() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let loaded = try CertificateLoader.load(certificatePath: try temp.copy("combined-key-first.pem"), keyPath: nil, password: nil,
                                                now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(loaded.warnings == ["the certificate tokenscope-test is not valid until 2026-11-29 05:31:29 UTC; check the clock of the machine that made it."])
    }

    @Test func aPasswordGivenForAnUnprotectedBundleIsAWarning() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let pfx = try temp.copy("empty-password.pfx")
        let loaded = try CertificateLoader.load(certificatePath: pfx, keyPath: nil, password: CredentialFixtures.password, now: CredentialFixtures.now)
        #expect(loaded.certificate.sha1Hex == CredentialFixtures.sha1Hex)
        #expect(loaded.warnings == ["the PKCS#12 file \(pfx) has no password; the one from --cert-password-env was not needed."])
    }

    @Test func aKeyFlagNextToABundleIsAWarning() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let loaded = try CertificateLoader.load(certificatePath: try temp.copy("no-password.pfx"), keyPath: try temp.copy("other-key.pem"),
                                                password: nil, now: CredentialFixtures.now)
        #expect(loaded.certificate.sha1Hex == CredentialFixtures.sha1Hex)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.contains("carries its own key") == true)
    }

    @Test func theLeafIsTheCertificateMatchingTheKeyInAChain() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        // An unrelated certificate first, as in a file with the CA before the leaf.
        let chain = try String(contentsOfFile: CredentialFixtures.path("small-cert.pem"), encoding: .utf8)
            + String(contentsOfFile: CredentialFixtures.path("combined-cert-first.pem"), encoding: .utf8)
        let path = try temp.write("chain.pem", chain)
        let loaded = try CertificateLoader.load(certificatePath: path, keyPath: nil, password: nil, now: CredentialFixtures.now)
        #expect(loaded.certificate.sha1Hex == CredentialFixtures.sha1Hex)
    }
}
