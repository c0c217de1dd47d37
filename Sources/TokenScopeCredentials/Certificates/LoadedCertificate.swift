public import Foundation
public import TokenScopeCore

/// A certificate and key ready for client assertions, with what the user should be told about it.
public struct LoadedCertificate: Sendable {
    /// How the certificate file was stored.
    public enum Format: String, Sendable {
        /// A certificate file (PEM or DER) with the key in a separate file (`--key`).
        case pem
        /// Certificate and key in one PEM file.
        case combinedPEM = "combined-pem"
        /// A PKCS#12 (`.pfx`/`.p12`) bundle.
        case pkcs12
    }

    public let certificate: ClientCertificate
    /// Not errors: expiry, readable key files, an unneeded password. Shown before the request.
    public let warnings: [String]
    /// The subject as an RFC 4514 string, e.g. `CN=tokenscope-test`.
    public let subject: String
    /// The subject's common name, when it has one.
    public let commonName: String?
    public let notBefore: Date
    public let notAfter: Date
    public let format: Format
    /// The certificate file as given.
    public let path: String

    public init(certificate: ClientCertificate, warnings: [String], subject: String, commonName: String?,
                notBefore: Date, notAfter: Date, format: Format, path: String) {
        self.certificate = certificate
        self.warnings = warnings
        self.subject = subject
        self.commonName = commonName
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.format = format
        self.path = path
    }
}
