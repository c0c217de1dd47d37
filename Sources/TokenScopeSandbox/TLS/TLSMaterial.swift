/// What the sandbox needs to serve HTTPS, as PEM text so callers (the CLI, the TUI, tests) need no
/// TLS library of their own: the server certificate and key, and the CA that clients must trust.
public struct TLSMaterial: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String
    public let caCertificatePEM: String
    /// Where the CA certificate is on disk (nil when the material lives only in memory).
    public let caFile: String?
    /// True when an existing CA was reused (clients that already trust it keep working).
    public let reusedCA: Bool

    public init(certificatePEM: String, privateKeyPEM: String, caCertificatePEM: String, caFile: String?, reusedCA: Bool) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.caCertificatePEM = caCertificatePEM
        self.caFile = caFile
        self.reusedCA = reusedCA
    }

    /// Environment variables that make common clients trust `caFile`, in the order to print them.
    /// Python requests (msal, sync azure-identity) reads REQUESTS_CA_BUNDLE and ignores
    /// SSL_CERT_FILE; aiohttp (azure.identity.aio) reads only SSL_CERT_FILE: set both.
    public static func trustEnvironment(caFile: String) -> [(name: String, value: String, forWhat: String)] {
        [
            ("REQUESTS_CA_BUNDLE", caFile, "Python requests: msal, azure-identity"),
            ("SSL_CERT_FILE", caFile, "Python aiohttp (azure.identity.aio), OpenSSL-based tools"),
            ("NODE_EXTRA_CA_CERTS", caFile, "Node.js: @azure/msal-node, @azure/identity"),
        ]
    }
}
