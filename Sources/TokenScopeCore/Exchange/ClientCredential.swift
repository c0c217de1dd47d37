public import CryptoExtras
import Crypto

/// How the client proves its identity to the token endpoint.
public enum ClientCredential: Sendable {
    /// A public client (device code from a mobile/desktop registration): only `client_id`.
    case none
    /// A client secret *value*. Sent in the form body as MSAL does; `basic` sends it as HTTP Basic.
    case secret(Secret, basic: Bool)
    /// A certificate: a client assertion is built and signed for every request.
    case certificate(ClientCertificate, options: CertificateAssertionOptions)
    /// A ready-made client assertion (a literal, a file re-read on each request, a command's output).
    case assertion(ClientAssertionSource)

    /// A short, secret-free description for traces and output: `client secret`, `certificate
    /// (x5t#S256 …)`, `client assertion from file /var/run/…`.
    public var summary: String {
        switch self {
        case .none: return "none (public client)"
        case let .secret(_, basic): return basic ? "client secret (HTTP Basic)" : "client secret"
        case let .certificate(cert, options):
            return "certificate \(options.legacySHA1 ? "x5t " + cert.sha1Thumbprint : "x5t#S256 " + cert.sha256Thumbprint)\(options.sendX5C ? " + x5c" : "")"
        case let .assertion(source): return "client assertion (\(source.origin))"
        }
    }

    /// `secret`, `certificate`, `assertion`, `none` — the `--json` label.
    public var kind: String {
        switch self {
        case .none: return "none"
        case .secret: return "secret"
        case .certificate: return "certificate"
        case .assertion: return "assertion"
        }
    }
}

/// A secret that never prints itself: `description` and string interpolation show a placeholder,
/// so a secret cannot reach a log or an error message by accident.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "«secret»" }
    public var debugDescription: String { "«secret»" }
}

/// How a certificate assertion is shaped (MSAL.NET: PS256 + `x5t#S256` for Entra authorities).
public struct CertificateAssertionOptions: Sendable, Equatable {
    /// Add `x5c` (the leaf certificate), for subject name + issuer (SNI) authentication.
    public var sendX5C: Bool
    /// RS256 + SHA-1 `x5t` (older MSAL, ADFS, generic OIDC authorities).
    public var legacySHA1: Bool

    public init(sendX5C: Bool = false, legacySHA1: Bool = false) {
        self.sendX5C = sendX5C
        self.legacySHA1 = legacySHA1
    }
}

/// A certificate with its RSA private key, as loaded from PEM or PKCS#12.
public struct ClientCertificate: Sendable {
    /// DER bytes of the leaf certificate, exactly as stored (thumbprints hash these bytes).
    public let certificateDER: [UInt8]
    public let privateKey: _RSA.Signing.PrivateKey
    /// Base64url SHA-1 of the DER (the `x5t` header value).
    public let sha1Thumbprint: String
    /// Base64url SHA-256 of the DER (the `x5t#S256` header value).
    public let sha256Thumbprint: String
    /// Upper-case hex SHA-1, as the portal's "Certificates & secrets" blade shows it.
    public let sha1Hex: String
    /// A human label: the subject, validity, where it came from (no key material).
    public let label: String

    public init(certificateDER: [UInt8], privateKey: _RSA.Signing.PrivateKey, label: String) {
        self.certificateDER = certificateDER
        self.privateKey = privateKey
        self.label = label
        let sha1 = Array(Insecure.SHA1.hash(data: certificateDER))
        self.sha1Thumbprint = Base64URL.encode(sha1)
        self.sha256Thumbprint = Base64URL.encode(Array(SHA256.hash(data: certificateDER)))
        self.sha1Hex = sha1.map { b in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
        }.joined()
    }
}

/// Where a pre-built client assertion comes from. The closure runs for every token request, so a
/// projected token file that rotates (`AZURE_FEDERATED_TOKEN_FILE`) is always read fresh.
public struct ClientAssertionSource: Sendable {
    /// `literal`, `file /path`, `command …` — never the assertion itself.
    public let origin: String
    public let fetch: @Sendable () async throws -> String

    public init(origin: String, fetch: @escaping @Sendable () async throws -> String) {
        self.origin = origin
        self.fetch = fetch
    }

    public static func literal(_ value: String) -> ClientAssertionSource {
        ClientAssertionSource(origin: "literal") { value }
    }
}
