import Crypto
import CryptoExtras
import TokenScopeCore

/// Validates a `client_assertion` like Entra: a certificate assertion (RS256/PS256, key found by
/// `x5t` or `x5t#S256`, padded or not), or a federated assertion matched against the app's
/// federated identity credentials. `aud` must be the token endpoint, `iss` = `sub` = client ID,
/// the time window holds with skew; times may be numbers or strings; a replayed `jti` is accepted
/// (msal reuses assertions for minutes).
enum ClientAssertionValidator {
    static let skew: Int64 = 300

    static func validate(_ assertion: String, app: AppRegistration, request: TokenRequest, tenant: Tenant, authority: SandboxAuthority) throws(EntraError) {
        let token = TokenParser.parse(assertion)
        guard token.format == .jws, let header = token.header, let claims = token.claims else {
            throw SandboxErrors.assertionSignature("The client assertion is not a signed JWT.")
        }
        guard let iss = claims["iss"]?.stringValue else {
            throw SandboxErrors.assertionClaims("'iss' is missing; a certificate assertion names the client ID '\(app.clientId)' there.")
        }
        // A federated assertion comes from another issuer: its `iss` is not the client ID.
        if iss.lowercased() != app.clientId {
            try FederatedAssertionValidator.validate(token, claims: claims, issuer: iss, app: app, request: request, authority: authority)
            return
        }
        try validateCertificateAssertion(token, header: header, claims: claims, app: app, request: request, tenant: tenant, authority: authority)
    }

    private static func validateCertificateAssertion(_ token: ParsedToken, header: JSONValue, claims: JSONValue, app: AppRegistration,
                                                     request: TokenRequest, tenant: Tenant, authority: SandboxAuthority) throws(EntraError) {
        let sha1 = header["x5t"]?.stringValue, sha256 = header["x5t#S256"]?.stringValue
        guard sha1 != nil || sha256 != nil else { throw SandboxErrors.missingCredentialField("x5t") }
        guard let cert = authority.certificates.certificate(app: app.name, sha1: sha1, sha256: sha256) else {
            throw SandboxErrors.certificateNotRegistered(app.clientId, thumbprint: sha1 ?? sha256 ?? "")
        }
        guard verify(token, alg: header["alg"]?.stringValue, key: cert.publicKey) else {
            throw SandboxErrors.assertionSignature("The signature does not verify with the registered certificate '\(cert.name)'.")
        }
        guard claims["sub"]?.stringValue?.lowercased() == app.clientId else {
            throw SandboxErrors.assertionSubjectMismatch(subject: claims["sub"]?.stringValue, clientId: app.clientId)
        }
        try checkAudience(claims, request: request, authority: authority)
        try checkTimes(claims, now: request.now)
    }

    /// `aud` must name this token endpoint: the same scheme, host and port, and the tenant that was
    /// called (spelt as its GUID or any of its domains, or the same tenantless word).
    static func checkAudience(_ claims: JSONValue, request: TokenRequest, authority: SandboxAuthority) throws(EntraError) {
        let auds = claims["aud"]?.stringValue.map { [$0] } ?? claims["aud"]?.stringArray ?? []
        guard auds.contains(where: { namesTokenEndpoint($0, request: request, authority: authority) }) else {
            let endpoint = "\(authority.baseURL)/\(request.tenantSegment)/oauth2/v2.0/token"
            throw SandboxErrors.assertionClaims("'aud' is '\(auds.joined(separator: ", "))'; it must be the token endpoint '\(endpoint)'.")
        }
    }

    /// Both token paths count: v1-era libraries put `/oauth2/token` in assertions sent to v2.0.
    static func namesTokenEndpoint(_ aud: String, request: TokenRequest, authority: SandboxAuthority) -> Bool {
        let base = authority.baseURL.lowercased() + "/"
        var rest = aud.lowercased()
        guard rest.hasPrefix(base) else { return false }
        rest.removeFirst(base.count)
        while rest.hasSuffix("/") { rest.removeLast() }
        guard let slash = rest.firstIndex(of: "/") else { return false }
        let segment = String(rest[..<slash]), path = rest[slash...]
        guard path == "/oauth2/v2.0/token" || path == "/oauth2/token" else { return false }
        let called = request.tenantSegment.lowercased()
        if segment == called { return true }
        guard let calledTenant = authority.directory.tenant(matching: called),
              let namedTenant = authority.directory.tenant(matching: segment) else { return false }
        return calledTenant.id == namedTenant.id
    }

    /// `nbf`/`exp` as numbers or numeric strings (MSAL.NET writes strings), within the skew.
    static func checkTimes(_ claims: JSONValue, now: Int64) throws(EntraError) {
        let nbf = time(claims["nbf"]), exp = time(claims["exp"])
        guard let exp else { throw SandboxErrors.assertionClaims("'exp' is missing.") }
        if exp + skew < now || (nbf.map { $0 - skew > now } ?? false) {
            throw SandboxErrors.assertionTime(now: now, nbf: nbf, exp: exp)
        }
    }

    /// Clamped to ±10^12 s (31,700 years), so a far-future time stays far in the future: a value
    /// such as 1e300 would trap in `Int64(_:)`, and one near `Int64.max` in `exp + skew`.
    static func time(_ value: JSONValue?) -> Int64? {
        guard let d = value?.doubleValue ?? value?.stringValue.flatMap(Double.init), !d.isNaN else { return nil }
        return Int64(min(max(d, -1e12), 1e12))
    }

    static func verify(_ token: ParsedToken, alg: String?, key: _RSA.Signing.PublicKey) -> Bool {
        let padding: _RSA.Signing.Padding
        switch alg {
        case "RS256": padding = .insecurePKCS1v1_5
        case "PS256": padding = .PSS
        default: return false
        }
        let digest = SHA256.hash(data: Array(token.signingInput.utf8))
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: token.signature), for: digest, padding: padding)
    }
}
