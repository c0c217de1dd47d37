/// `--verify`: discover the issuer's metadata and keys (or read a JWKS file), pick the key by
/// `kid`/`x5t`, verify the signature and compare `iss` with the metadata. Every outcome is a
/// plain-words `SignatureStatus`; failures also become findings so the exit code reflects them.
public enum TokenVerification {
    public static let maxDocumentBytes = 1 << 20

    public static func verify(_ report: TokenReport, keys: KeySource) async -> (SignatureStatus, [Finding]) {
        let token = report.token
        let header = ClaimSet(token.header)
        guard token.format == .jws, token.header != nil else { return (report.signature, []) }
        if header.has("nonce") {
            return (SignatureStatus(checked: false, valid: nil,
                                    reason: "cannot be verified by design: the header carries a Graph `nonce`, and the signature covers a hash of it that only Microsoft Graph computes"), [])
        }
        guard let alg = header.string("alg"), alg.lowercased() != "none", !token.signature.isEmpty else {
            return (SignatureStatus(checked: false, valid: nil, reason: "not verified: the token is unsigned"), [])
        }
        guard SignatureVerifier.supportedAlgorithms.contains(alg) else {
            return (SignatureStatus(checked: false, valid: nil, reason: "not verified: algorithm `\(alg)` is not one Entra uses (RS256, PS256)"), [])
        }

        let material: KeyMaterial
        switch await KeyMaterial.load(keys, report: report) {
        case let .success(m): material = m
        case let .failure(refusal): return (SignatureStatus(checked: false, valid: nil, reason: "not verified: " + refusal.reason), [])
        }

        let kid = header.string("kid"), x5t = header.string("x5t")
        guard let key = material.jwks.key(kid: kid, x5t: x5t) else {
            let named = kid.map { "kid `\($0)`" } ?? x5t.map { "x5t `\($0)`" } ?? "no kid or x5t"
            return (SignatureStatus(checked: true, valid: false,
                                    reason: "no RSA signing key matches \(named) among the \(material.jwks.keys.count) keys from \(material.origin): the token was signed by another issuer or cloud, the key was rotated out, or the API uses its own signing key"),
                    [Finding(.signatureInvalid, .error, claims: ["kid"], message: "no signing key matches the token's \(named)",
                             detail: "Validators fail with IDX10503/IDX10500. Check that the token comes from the issuer you expect and that the keys are current (Entra rotates them; refresh metadata every 24 h).")])
        }

        switch SignatureVerifier.verify(token, alg: alg, key: key) {
        case .unsupportedAlgorithm, .unusableKey:
            return (SignatureStatus(checked: true, valid: false, reason: "the key `\(key.kid ?? "?")` from \(material.origin) is not a usable RSA key"),
                    [Finding(.signatureInvalid, .error, claims: ["kid"], message: "the matching key is not a usable RSA key", detail: "The JWKS entry is damaged or not an RSA signing key.")])
        case .invalid:
            return (SignatureStatus(checked: true, valid: false, reason: "the \(alg) signature does NOT verify with key `\(key.kid ?? "?")` from \(material.origin)", keyID: key.kid),
                    [Finding(.signatureInvalid, .error, claims: ["alg", "kid"], message: "the signature does not verify",
                             detail: "The token was altered after signing, or signed with another key that has the same kid. Validators report IDX10511/IDX10503. Do not trust any claim in it.")])
        case .valid:
            return issuerCheck(report, alg: alg, key: key, material: material)
        }
    }

    private static func issuerCheck(_ report: TokenReport, alg: String, key: JSONWebKey, material: KeyMaterial) -> (SignatureStatus, [Finding]) {
        let claims = ClaimSet(report.token.claims)
        let verified = "\(alg) signature verified with key `\(key.kid ?? "?")` from \(material.origin)"
        guard let expectedTemplate = material.metadataIssuer ?? key.issuer else {
            return (SignatureStatus(checked: true, valid: true, reason: verified + "; no metadata issuer to compare `iss` with", keyID: key.kid), [])
        }
        let tid = claims.string("tid") ?? ""
        let expected = expectedTemplate.replacingTenantTemplate(with: tid)
        guard let iss = claims.string("iss"), iss == expected else {
            let actual = claims.string("iss") ?? "missing"
            return (SignatureStatus(checked: true, valid: true, reason: verified + "; but `iss` (\(actual)) differs from the metadata issuer \(expected)", keyID: key.kid),
                    [Finding(.issuerMismatch, .error, claims: ["iss"], message: "`iss` is \(actual), the metadata says \(expected)",
                             detail: "Validators reject it (IDX10205). A v1 token checked against v2 metadata (or the reverse) differs only in form: use the metadata of the token's version; otherwise the token comes from another tenant or cloud.")])
        }
        return (SignatureStatus(checked: true, valid: true, reason: verified + "; `iss` matches the metadata", keyID: key.kid), [])
    }
}

extension String {
    /// Entra's multi-tenant metadata publishes `https://login.microsoftonline.com/{tenantid}/v2.0`.
    func replacingTenantTemplate(with tid: String) -> String {
        guard let range = firstRange(of: "{tenantid}") else { return self }
        return self[..<range.lowerBound] + tid + self[range.upperBound...]
    }
}

extension TokenReport {
    /// The report with a verification outcome folded in: the signature status, any new findings
    /// (kept most severe first) and, for On-Behalf-Of, the `signed` check made definite.
    public func applying(_ verification: (SignatureStatus, [Finding])) -> TokenReport {
        var copy = self
        copy.signature = verification.0
        copy.findings = (findings + verification.1).enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
        if var obo = copy.oboReadiness, let index = obo.checks.firstIndex(where: { $0.check == "signed" }), verification.0.checked {
            let valid = verification.0.valid == true && verification.1.isEmpty
            obo.checks[index] = OBOCheck(check: "signed", status: valid ? .pass : .fail,
                                         message: valid ? "signature verified" : verification.0.reason)
            copy.oboReadiness = obo
        }
        return copy
    }
}
