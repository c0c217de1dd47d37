/// Findings about the token format version (v1.0 vs v2.0) and its consistency.
enum VersionRules {
    static func check(_ input: RuleInput) -> [Finding] {
        guard input.isReadableJWS else { return [] }
        var out: [Finding] = []
        let claims = input.claims

        if input.version == "1.0", input.kind == .accessToken {
            out.append(Finding(.v1Token, .info, claims: ["ver", "iss"],
                               message: "v1.0 access token (issuer sts.windows.net, `appid`, `upn`)",
                               detail: "The API's registration has accessTokenAcceptedVersion null or 1. Validate it against the v1 metadata (`/{tenant}/.well-known/openid-configuration`, issuer `https://sts.windows.net/{tid}/`); its `aud` may be the App ID URI. Set accessTokenAcceptedVersion to 2 in the manifest for v2.0 tokens."))
        }

        var mismatches: [String] = []
        // The issuer is read through `input.issuer?` (not bound to a copy) until a message needs it.
        if input.issuer?.isEntra == true, input.issuer?.isB2C == false, let ver = claims.string(.ver) {
            if ver == "2.0", input.issuer?.isV1Form == true, let issuer = input.issuer {
                mismatches.append("`ver` is 2.0 but the issuer has the v1 form \(issuer.issuer)")
            }
            if ver == "1.0", input.issuer?.isV2Endpoint == true, let issuer = input.issuer {
                mismatches.append("`ver` is 1.0 but the issuer has the v2.0 form \(issuer.issuer)")
            }
        }
        if claims.string(.ver) == "2.0", claims.has(.appid), !claims.has(.azp) { mismatches.append("a v2.0 token carries v1's `appid` instead of `azp`") }
        if claims.string(.ver) == "1.0", claims.has(.azp), !claims.has(.appid), input.kind == .accessToken { mismatches.append("a v1.0 token carries v2's `azp` instead of `appid`") }
        for mismatch in mismatches {
            out.append(Finding(.versionMismatch, .warning, claims: ["ver", "iss"], message: mismatch,
                               detail: "Entra writes `ver`, the issuer form and the client claim consistently. A mix suggests the token was hand-made or altered, or a validator configured for one version will reject it (IDX10205)."))
        }
        return out
    }
}
