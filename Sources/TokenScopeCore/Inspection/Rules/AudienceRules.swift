/// Findings about who the token is for: expected audience, Microsoft first-party APIs, Graph nonce.
enum AudienceRules {
    static func check(_ input: RuleInput) -> [Finding] {
        guard input.isReadableJWS else { return [] }
        var out: [Finding] = []

        let expected = input.context.expectedAudiences
        if !expected.isEmpty {
            let audiences = input.claims.audiences
            if !audiences.contains(where: { aud in expected.contains { matches(aud, $0) } }) {
                let shown = audiences.isEmpty ? "no `aud`" : "`aud` is \(audiences.joined(separator: ", "))"
                var detail = "The token was issued for another API. The client must request a scope of the expected API (its App ID URI plus a scope name, or `/.default`)."
                if input.version == "2.0", input.kind == .accessToken, expected.allSatisfy({ !isGUID($0) }) {
                    detail += " Note: v2.0 access tokens always carry the API's client ID (a GUID) in `aud`, never its App ID URI; expect the GUID, or list both."
                }
                if input.kind == .idToken { detail += " An ID token's `aud` is the client app that signed in." }
                out.append(Finding(.audienceMismatch, .error, claims: ["aud"],
                                   message: "\(shown); expected \(expected.joined(separator: " or "))",
                                   detail: detail + " APIs report this as IDX10214; On-Behalf-Of fails with AADSTS50013."))
            }
        }

        if let name = input.firstPartyAudience, input.kind != .idToken {
            let forOBO = input.flow == .obo
            out.append(Finding(.firstPartyAudience, forOBO ? .error : .info, claims: ["aud"],
                               message: "issued for a Microsoft API: \(name)",
                               detail: forOBO
                                   ? "This token was issued for \(name), not for your middle tier, so it cannot be the On-Behalf-Of assertion (AADSTS50013). Have the client request your API's scope and send that token instead."
                                   : "Only \(name) validates this token. Do not validate tokens for APIs you don't own; their format can change without notice."))
        }

        if input.header.has(.nonce) {
            out.append(Finding(.graphNonce, .info, claims: ["nonce"],
                               message: "the header has a `nonce`: only Microsoft Graph can verify this signature",
                               detail: "Graph (and some other Microsoft APIs) sign over a hash of the nonce, so standard JWT libraries report an invalid signature (IDX10511) even for a genuine token. That is by design: treat it as a token for Graph, not for your API."))
        }
        return out
    }

    /// `aud` matches an expectation ignoring case and a trailing slash (v1 accepts both forms).
    static func matches(_ aud: String, _ expected: String) -> Bool {
        func norm(_ s: String) -> String {
            var t = s.lowercased()
            while t.hasSuffix("/") { t.removeLast() }
            return t
        }
        return norm(aud) == norm(expected)
    }

    static func isGUID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
