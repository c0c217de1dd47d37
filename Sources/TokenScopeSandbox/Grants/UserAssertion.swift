import TokenScopeCore

/// The `assertion` of an On-Behalf-Of request, checked the way Entra checks it: issued and
/// signed by this authority, then read.
struct UserAssertion {
    let token: ParsedToken
    let claims: JSONValue
    let report: TokenReport

    static func parse(_ text: String, authority: SandboxAuthority, now: Int64) throws(EntraError) -> UserAssertion {
        let token = TokenParser.parse(text)
        guard token.format == .jws, token.problems.isEmpty, let claims = token.claims else {
            throw SandboxErrors.invalidAssertion("The assertion is not a well-formed signed JWT.")
        }
        guard let kid = token.header?["kid"]?.stringValue, let key = authority.keys.key(kid: kid) else {
            throw SandboxErrors.invalidAssertion("The assertion was not signed by this authority (unknown key).")
        }
        guard ClientAssertionValidator.verify(token, alg: token.header?["alg"]?.stringValue, key: key.publicKey) else {
            throw SandboxErrors.invalidAssertion("The assertion's signature does not verify.")
        }
        let report = TokenInspector.inspect(ExtractedToken(text: text, source: .input), context: InspectionContext(now: now))
        return UserAssertion(token: token, claims: claims, report: report)
    }

    var tid: String? { claims["tid"]?.stringValue }
    var oid: String? { claims["oid"]?.stringValue }
    var exp: Int64? { ClientAssertionValidator.time(claims["exp"]) }
    var nbf: Int64? { ClientAssertionValidator.time(claims["nbf"]) }
    var audiences: [String] { claims["aud"]?.stringValue.map { [$0] } ?? claims["aud"]?.stringArray ?? [] }
    var mfa: Bool {
        SessionMarker.isMFA(aio: claims["aio"]?.stringValue) || (claims["amr"]?.stringArray?.contains("mfa") ?? false)
    }
}
