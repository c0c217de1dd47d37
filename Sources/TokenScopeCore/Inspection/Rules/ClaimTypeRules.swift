/// Findings about standard claims whose JSON type is not what the specification and Entra use.
enum ClaimTypeRules {
    private enum Expected: String {
        case number, string, stringArray = "array of strings", stringOrStringArray = "string or array of strings"
    }

    private static let expectations: [(WellKnownClaim, Expected)] = [
        (.exp, .number), (.nbf, .number), (.iat, .number), (.authTime, .number),
        (.aud, .stringOrStringArray), (.iss, .string), (.sub, .string), (.oid, .string), (.tid, .string),
        (.ver, .string), (.scp, .string), (.azp, .string), (.appid, .string),
        (.roles, .stringArray), (.groups, .stringArray), (.amr, .stringArray), (.wids, .stringArray), (.xmsCC, .stringArray),
    ]

    static func check(_ input: RuleInput) -> [Finding] {
        guard input.isReadableJWS else { return [] }
        var out: [Finding] = []
        for (claim, expected) in expectations {
            // Judged in place: copying each value out to look at its type is a retain and a release.
            let ok = input.claims.withValue(claim) { value -> Bool in
                switch (expected, value) {
                case (.number, .number): return input.claims.time(claim) != nil
                case (.string, .string), (.stringOrStringArray, .string): return true
                case (.stringArray, .array), (.stringOrStringArray, .array): return value.isStringArray
                default: return false
                }
            }
            if ok == false, let value = input.claims.value(claim) {
                let name = claim.name
                let shown = expected == .number && value.doubleValue != nil ? "an out-of-range number" : withArticle(value.typeName)
                out.append(Finding(.claimType, .warning, claims: [name],
                                   message: "`\(name)` is \(shown), expected \(withArticle(expected.rawValue))",
                                   detail: "Entra never writes `\(name)` this way, and validators disagree on how to read it (many reject the token). The token was hand-made or altered."))
            }
        }
        return out
    }

    /// `an array`, `an object`, `a string`.
    private static func withArticle(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }
}
