import TokenScopeCore

/// Workload identity federation: an assertion from an external issuer is accepted when one of the
/// app's federated identity credentials matches its issuer, subject and audience exactly
/// (case-sensitive, as Entra now compares) and its signature verifies with that issuer's keys.
/// The sandbox's own `/federation` issuer is the external issuer it can verify offline.
enum FederatedAssertionValidator {
    static func validate(_ token: ParsedToken, claims: JSONValue, issuer: String, app: AppRegistration,
                         request: TokenRequest, authority: SandboxAuthority) throws(EntraError) {
        let credentials = app.federatedCredentials.map { fic in
            FederatedCredential(name: fic.name, issuer: authority.resolve(fic.issuer), subject: fic.subject, audience: fic.audience)
        }
        let byIssuer = credentials.filter { $0.issuer == issuer }
        guard !byIssuer.isEmpty else { throw SandboxErrors.federatedIssuer(issuer) }
        let subject = claims["sub"]?.stringValue ?? ""
        let bySubject = byIssuer.filter { $0.subject == subject }
        guard !bySubject.isEmpty else { throw SandboxErrors.federatedSubject(subject) }
        let audiences = claims["aud"]?.stringValue.map { [$0] } ?? claims["aud"]?.stringArray ?? []
        guard bySubject.contains(where: { audiences.contains($0.audience) }) else {
            throw SandboxErrors.federatedAudience(issuer: issuer, subject: subject, audience: audiences.joined(separator: ","))
        }
        guard issuer == FederationIssuer.issuer(authority) else {
            throw SandboxErrors.assertionSignature("The sandbox can verify federated assertions only from its own issuer \(FederationIssuer.issuer(authority)).")
        }
        guard let kid = token.header?["kid"]?.stringValue, let key = authority.keys.key(kid: kid),
              ClientAssertionValidator.verify(token, alg: token.header?["alg"]?.stringValue, key: key.publicKey) else {
            throw SandboxErrors.assertionSignature("The signature does not verify with the keys of issuer '\(issuer)'.")
        }
        try ClientAssertionValidator.checkTimes(claims, now: request.now)
    }
}

/// The sandbox acting as an external OIDC issuer of workload tokens (like a Kubernetes service
/// account issuer): `{base}/federation`.
enum FederationIssuer {
    static func issuer(_ authority: SandboxAuthority) -> String { "\(authority.baseURL)/federation" }

    /// A workload token for `subject`, usable as a federated client assertion.
    static func mint(subject: String, audience: String, lifetime: Int64 = 3600, authority: SandboxAuthority) -> String {
        let now = authority.clock()
        let claims = JSONValue.object([
            ("aud", .string(audience)), ("iss", .string(issuer(authority))), ("sub", .string(subject)),
            ("iat", .number(String(now))), ("nbf", .number(String(now))), ("exp", .number(String(now + lifetime))),
            ("jti", .string(Random.guid())),
        ])
        return authority.keys.sign(claims: claims)
    }
}
