import Crypto
import CryptoExtras
import Foundation
import SwiftASN1
import Testing
import X509
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// The shapes client libraries give a certificate assertion on the wire (entra-protocol §4.3,
/// msal-wire §4). Each is rebuilt here byte for byte, so the sandbox is tested against what it
/// will receive rather than against its own idea of a JWT.
enum AssertionWire: String, CaseIterable, CustomTestStringConvertible {
    /// MSAL.NET against Entra: PS256, `x5t#S256`, `nbf`/`exp` as JSON strings, 600 s.
    case msalNET
    /// MSAL.NET's legacy form: RS256, unpadded `x5t`, times as strings.
    case msalNETLegacy
    /// MSAL.NET with SendX5C: `x5c` is one standard-base64 string, not an array.
    case msalNETSendX5C
    /// Python msal with a thumbprint: RS256, `x5t` with `=` padding, float `exp`/`iat`, no `nbf`.
    case msalPython
    /// The same plus `public_certificate`: `x5c` is an array of PEM bodies with embedded newlines.
    case msalPythonChain
    /// Python msal with a public certificate and no thumbprint: PS256, padded `x5t#S256`, `x5c` array.
    case msalPythonSHA256
    /// azure-identity `send_certificate_chain=True`: `x5c` array without line breaks.
    case azureIdentityChain
    /// azure-identity aio: spaced JSON, PS256, padded `x5t#S256`, integer `nbf`/`exp` 1800 s
    /// apart, and `=` padding on the encoded segments.
    case azureIdentityAio

    var testDescription: String { rawValue }
}

/// A certificate client assertion before encoding; tests change one field to provoke one error.
struct ClientAssertion {
    var wire: AssertionWire
    var audience: String
    var issuer: String
    var subject: String
    /// When the library made it: `nbf`/`iat`; `exp` follows by the wire's lifetime.
    var issuedAt: Int64
    var jti = UUID().uuidString.lowercased()
    /// The certificate whose thumbprints (and `x5c`) go in the header.
    var certificatePEM: String
    /// The key that signs; normally the certificate's own.
    var signingKeyPEM: String

    func encoded() throws -> String {
        let der = Self.der(fromPEM: certificatePEM)
        let sha1 = Array(Insecure.SHA1.hash(data: der)), sha256 = Array(SHA256.hash(data: der))
        let standard = Data(der).base64EncodedString()
        // Python's PEM bodies break every 64 characters with a bare `\n`.
        let pemBody = stride(from: 0, to: standard.count, by: 64).map { i -> String in
            let start = standard.index(standard.startIndex, offsetBy: i)
            return String(standard[start..<(standard.index(start, offsetBy: 64, limitedBy: standard.endIndex) ?? standard.endIndex)])
        }.joined(separator: "\n")
        let t = issuedAt
        let header: String, payload: String, ps256: Bool
        switch wire {
        case .msalNET:
            (header, ps256) = (#"{"alg":"PS256","typ":"JWT","x5t#S256":\#(q(Base64URL.encode(sha256)))}"#, true)
        case .msalNETLegacy:
            (header, ps256) = (#"{"alg":"RS256","typ":"JWT","x5t":\#(q(Base64URL.encode(sha1)))}"#, false)
        case .msalNETSendX5C:
            (header, ps256) = (#"{"alg":"PS256","typ":"JWT","x5t#S256":\#(q(Base64URL.encode(sha256))),"x5c":\#(q(standard))}"#, true)
        case .msalPython:
            (header, ps256) = (#"{"alg":"RS256","typ":"JWT","x5t":\#(q(Self.padded(sha1)))}"#, false)
        case .msalPythonChain:
            (header, ps256) = (#"{"alg":"RS256","typ":"JWT","x5t":\#(q(Self.padded(sha1))),"x5c":[\#(q(pemBody))]}"#, false)
        case .msalPythonSHA256:
            (header, ps256) = (#"{"alg":"PS256","typ":"JWT","x5c":[\#(q(pemBody))],"x5t#S256":\#(q(Self.padded(sha256)))}"#, true)
        case .azureIdentityChain:
            (header, ps256) = (#"{"alg":"RS256","typ":"JWT","x5t":\#(q(Self.padded(sha1))),"x5c":[\#(q(standard))]}"#, false)
        case .azureIdentityAio:
            (header, ps256) = (#"{"typ": "JWT", "alg": "PS256", "x5t#S256": \#(q(Self.padded(sha256)))}"#, true)
        }
        switch wire {
        case .msalNET, .msalNETLegacy, .msalNETSendX5C:
            payload = #"{"aud":\#(q(audience)),"iss":\#(q(issuer)),"sub":\#(q(subject)),"nbf":"\#(t)","exp":"\#(t + 600)","jti":\#(q(jti))}"#
        case .msalPython, .msalPythonChain, .msalPythonSHA256, .azureIdentityChain:
            payload = #"{"aud":\#(q(audience)),"iss":\#(q(issuer)),"sub":\#(q(subject)),"exp":\#(t + 600).3063304,"iat":\#(t).3063304,"jti":\#(q(jti))}"#
        case .azureIdentityAio:
            payload = #"{"jti": \#(q(jti)), "aud": \#(q(audience)), "iss": \#(q(issuer)), "sub": \#(q(subject)), "nbf": \#(t), "exp": \#(t + 1800)}"#
        }
        let padSegments = wire == .azureIdentityAio
        let encode = { (bytes: [UInt8]) in padSegments ? Self.padded(bytes) : Base64URL.encode(bytes) }
        let input = encode(Array(header.utf8)) + "." + encode(Array(payload.utf8))
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: signingKeyPEM)
        let signature = try key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: ps256 ? .PSS : .insecurePKCS1v1_5)
        return input + "." + encode(Array(signature.rawRepresentation))
    }

    /// base64url with `=` padding, as Python's `urlsafe_b64encode` writes it.
    static func padded(_ bytes: [UInt8]) -> String {
        let s = Base64URL.encode(bytes)
        return s + String(repeating: "=", count: (4 - s.count % 4) % 4)
    }

    static func der(fromPEM pem: String) -> [UInt8] {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(Data(base64Encoded: body) ?? Data())
    }

    private func q(_ s: String) -> String { JSONWriter.write(.string(s), pretty: false) }
}

/// A certificate and key made outside the sandbox, as a user would with openssl.
struct ExternalCertificate {
    let certificatePEM: String
    let privateKeyPEM: String

    init(commonName: String = "external-client") throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date(timeIntervalSince1970: TimeInterval(SandboxHarness.now))
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: certificateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {}, issuerPrivateKey: certificateKey)
        certificatePEM = try certificate.serializeAsPEM().pemString
        privateKeyPEM = key.pemRepresentation
    }
}

extension SandboxHarness {
    /// A sandbox over another directory (same clock and base URL as the demo harness).
    init(directory: SandboxDirectory, now: Int64 = SandboxHarness.now) throws {
        authority = try SandboxAuthority(directory: directory, stateDirectory: nil, clock: { now })
        authority.baseURL = "http://127.0.0.1:8400"
        contoso = directory.tenant(named: "contoso")!
        fabrikam = directory.tenant(named: "fabrikam")!
    }

    /// The demo directory, changed before the sandbox starts.
    static func demo(_ change: (inout SandboxDirectory) -> Void) throws -> SandboxHarness {
        var directory = try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>")
        change(&directory)
        return try SandboxHarness(directory: directory)
    }

    func tokenEndpoint(_ tenant: String = DemoDirectory.contoso) -> String { "\(authority.baseURL)/\(tenant)/oauth2/v2.0/token" }

    /// The generated demo certificate of `app`, with its private key.
    func demoCertificate(_ app: String = "middle-tier-api") -> RegisteredCertificate {
        authority.certificates.certificates(app: app)[0]
    }

    /// A valid assertion for `app` at `tenant` signed with its first certificate, in `wire` form, after `change`.
    func clientAssertion(_ wire: AssertionWire = .msalNET, app: String = "middle-tier-api", tenant: String = DemoDirectory.contoso,
                         change: (inout ClientAssertion) -> Void = { _ in }) throws -> String {
        let certificate = demoCertificate(app)
        var assertion = ClientAssertion(wire: wire, audience: tokenEndpoint(tenant), issuer: self.app(app).clientId, subject: self.app(app).clientId,
                                        issuedAt: SandboxHarness.now, certificatePEM: certificate.certificatePEM,
                                        signingKeyPEM: certificate.privateKeyPEM ?? "")   // PEM-registered: the test brings the key
        change(&assertion)
        return try assertion.encoded()
    }

    /// The form fields that carry a client assertion.
    func assertionFields(_ assertion: String) -> [(String, String)] {
        [("client_assertion_type", ClientAuthenticator.assertionType), ("client_assertion", assertion)]
    }

    /// A workload token as an external issuer would sign it (the sandbox's keys, any claims).
    func workloadToken(issuer: String? = nil, subject: String = "system:serviceaccount:demo:middle-tier",
                       audience: String = "api://AzureADTokenExchange", issuedAt: Int64 = SandboxHarness.now, lifetime: Int64 = 3600) -> String {
        authority.keys.sign(claims: .object([
            ("aud", .string(audience)), ("iss", .string(issuer ?? FederationIssuer.issuer(authority))), ("sub", .string(subject)),
            ("iat", .number(String(issuedAt))), ("nbf", .number(String(issuedAt))), ("exp", .number(String(issuedAt + lifetime))),
            ("jti", .string(UUID().uuidString.lowercased())),
        ]))
    }

    /// A token's header, decoded.
    static func header(_ token: String?) -> JSONValue? {
        token.flatMap { TokenParser.parse($0).header }
    }

    /// Checks an Entra error body: status, `error` and AADSTS code.
    static func expectError(_ r: (status: Int, body: JSONValue), _ status: Int, _ error: String, _ code: Int,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "status for \(code): \(r.body)", sourceLocation: sourceLocation)
        #expect(r.body["error"] == .string(error), "error for \(code): \(r.body)", sourceLocation: sourceLocation)
        #expect(SandboxHarness.code(r.body) == code, "expected \(code), got \(r.body)", sourceLocation: sourceLocation)
        #expect(r.body["error_description"]?.stringValue?.hasPrefix("AADSTS\(code): ") == true, sourceLocation: sourceLocation)
    }
}
