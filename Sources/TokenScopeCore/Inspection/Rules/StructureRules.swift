/// Findings about the token's form: malformed, unsigned, encrypted, opaque.
enum StructureRules {
    static func check(_ input: RuleInput) -> [Finding] {
        var out: [Finding] = input.token.problems.map { problem in
            Finding(.malformed, .error, claims: [],
                    message: "\(problem.part == "token" ? "the token" : "the \(problem.part)") \(problem.message)",
                    detail: "Every validator rejects a token like this (IdentityModel reports IDX12741 or IDX10500-series errors). Copy the whole token again, straight from its source; check for truncation, a missing part or characters changed by an editor.")
        }
        switch input.token.format {
        case .jws:
            let alg = input.header.string(.alg)
            let algNone = ASCIIText.lowercased(alg, equals: "none")
            if algNone || (input.token.signatureIsEmpty && input.token.problems.allSatisfy { $0.part != "signature" }) {
                out.append(Finding(.unsigned, .error, claims: ["alg"],
                                   message: algNone ? "the token is unsigned (`alg: none`)" : "the token has an empty signature",
                                   detail: "Entra never issues unsigned tokens. Whoever holds this token could have written every claim in it; an API must reject it. It was made by a test tool, or altered."))
            }
        case .jwe:
            let alg = input.header.string(.alg) ?? "?", enc = input.header.string(.enc) ?? "?"
            out.append(Finding(.encrypted, input.flow == .obo ? .warning : .info, claims: ["alg", "enc", "kid"],
                               message: "the token is encrypted (JWE, alg \(alg), enc \(enc)): its claims cannot be read here",
                               detail: "Only the holder of the private key named by `kid` can decrypt it: the API the token was issued for, when that API configured token encryption. Clients must treat access tokens as opaque. If you own the API, decrypt it there and inspect the inner token."))
        case .opaque:
            let severity: Severity = input.flow == .obo ? .error : .info
            out.append(Finding(.opaque, severity, claims: [],
                               message: "not a JWT: this token cannot be decoded",
                               detail: OpaqueTokenGuess.describe(input.token.raw, source: input.source)
                                   + (input.flow == .obo ? " An On-Behalf-Of assertion must be a JWT access token issued for your API." : "")))
        }
        if input.kind == .refreshToken {
            out.append(Finding(.refreshToken, input.flow == .obo ? .error : .info, claims: [],
                               message: "this is a refresh token",
                               detail: "Refresh tokens are redeemed only at the token endpoint that issued them, with the same client; they are never sent to APIs and never used as an On-Behalf-Of assertion. Keep it secret: it can mint new access tokens for weeks."))
        }
        return out
    }
}
