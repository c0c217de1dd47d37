import Crypto
import CryptoExtras

/// Builds the certificate client assertion (`private_key_jwt`) exactly as MSAL.NET does:
/// header `{"alg":"PS256","typ":"JWT","x5t#S256":…}` (or RS256 + `x5t` in legacy mode), `x5c`
/// as a single standard-base64 string when sending the certificate, and claims `aud` (the token
/// endpoint), `iss` = `sub` = client ID, `nbf` and `exp` (+600 s) as strings, and a new `jti`.
public enum ClientAssertionBuilder {
    /// MSAL.NET's `JwtToAadLifetimeInSeconds`.
    public static let lifetimeSeconds: Int64 = 600

    public struct Built: Sendable {
        public let assertion: String
        public let header: JSONValue
        public let claims: JSONValue
    }

    public static func build(certificate: ClientCertificate, options: CertificateAssertionOptions, clientId: String,
                             tokenEndpoint: String, authoritySupportsSHA2: Bool, now: Int64, jti: String = GUID.make()) throws -> Built {
        let sha2 = authoritySupportsSHA2 && !options.legacySHA1
        var header: [(key: String, value: JSONValue)] = [("alg", .string(sha2 ? "PS256" : "RS256")), ("typ", .string("JWT"))]
        header.append(sha2 ? ("x5t#S256", .string(certificate.sha256Thumbprint)) : ("x5t", .string(certificate.sha1Thumbprint)))
        if options.sendX5C { header.append(("x5c", .string(Base64Standard.encode(certificate.certificateDER)))) }
        let claims: JSONValue = .object([
            ("aud", .string(tokenEndpoint)),
            ("iss", .string(clientId)),
            ("sub", .string(clientId)),
            ("nbf", .string(String(now))),
            ("exp", .string(String(now + lifetimeSeconds))),
            ("jti", .string(jti)),
        ])
        let headerValue = JSONValue.object(header)
        let signingInput = Base64URL.encode(Array(JSONWriter.write(headerValue, pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONWriter.write(claims, pretty: false).utf8))
        let digest = SHA256.hash(data: Array(signingInput.utf8))
        let signature = try certificate.privateKey.signature(for: digest, padding: sha2 ? .PSS : .insecurePKCS1v1_5)
        return Built(assertion: signingInput + "." + Base64URL.encode(signature.rawRepresentation), header: headerValue, claims: claims)
    }
}
