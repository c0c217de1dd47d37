/// Findings about time: expired, not yet valid, issued in the future, unusually long-lived.
enum LifetimeRules {
    /// Longest lifetime Entra issues: CAE-capable tokens live up to 28 hours.
    static let maxEntraLifetime: Int64 = 28 * 3600
    /// Longest configurable (token lifetime policy) lifetime for other tokens.
    static let maxConfigurableLifetime: Int64 = 24 * 3600
    /// Above the 60–90 minute default (Teams/M365 clients can get 2 h).
    static let usualLifetime: Int64 = 2 * 3600

    static func check(_ input: RuleInput) -> [Finding] {
        guard input.isReadableJWS else { return [] }
        var out: [Finding] = []
        let now = input.context.now, skew = input.context.skew
        let claims = input.claims

        if let exp = claims.time(.exp), exp <= now {
            let late = now - exp
            let when = "\(TimeText.duration(late)) ago (\(TimeText.utc(exp)))"
            if late > skew {
                out.append(Finding(.expired, .error, claims: ["exp"], message: "expired \(when)",
                                   detail: "APIs reject it (401, IDX10223) and Entra rejects it as an On-Behalf-Of assertion (AADSTS500133). Get a fresh token: MSAL's AcquireTokenSilent renews it from the cache or refresh token."))
            } else {
                out.append(Finding(.expired, .warning, claims: ["exp"], message: "expired \(when), within the \(TimeText.duration(skew)) clock-skew allowance",
                                   detail: "Most validators still accept it for a few minutes, but MSAL treats tokens within 5 minutes of expiry as expired and renews them. Renew before using it."))
            }
        }
        if let nbf = claims.time(.nbf), nbf > now + skew {
            out.append(Finding(.notYetValid, .error, claims: ["nbf"], message: "not valid until \(TimeText.utc(nbf)) (\(TimeText.relative(nbf, now: now)))",
                               detail: "The clock of the machine that judges the token is behind the issuer's, or the token was made for the future. Check NTP on both sides; validators reject it (IDX10222)."))
        }
        if let iat = claims.time(.iat), iat > now + skew {
            out.append(Finding(.issuedInFuture, .warning, claims: ["iat"], message: "issued \(TimeText.relative(iat, now: now)), in the future (\(TimeText.utc(iat)))",
                               detail: "A clock is wrong: this machine's (or the one given with --now) or the issuer's. Entra's clock is reliable, so check this machine's time and time zone."))
        }
        if let exp = claims.time(.exp), let start = claims.time(.nbf) ?? claims.time(.iat), exp > start {
            if let finding = lifetimeFinding(exp - start, cae: input.isCAECapable) { out.append(finding) }
        }
        return out
    }

    private static func lifetimeFinding(_ lifetime: Int64, cae: Bool) -> Finding? {
        // Formatted only for a finding: most tokens have the usual lifetime and get none.
        var shown: String { TimeText.duration(lifetime) }
        if lifetime > maxEntraLifetime {
            return Finding(.longLifetime, .warning, claims: ["exp", "nbf", "iat"], message: "valid for \(shown), longer than Entra ever issues",
                           detail: "Entra access tokens live 60–90 minutes by default, at most 1 day with a lifetime policy and 28 hours with continuous access evaluation. A longer one was not issued by Entra, or was altered.")
        }
        if !cae, lifetime > maxConfigurableLifetime {
            return Finding(.longLifetime, .warning, claims: ["exp", "nbf", "iat"], message: "valid for \(shown) without CAE",
                           detail: "Only CAE-capable clients (`xms_cc` with `cp1`) get tokens longer than 1 day. Check the issuer and any token lifetime policy.")
        }
        if !cae, lifetime > usualLifetime {
            return Finding(.longLifetime, .info, claims: ["exp", "nbf", "iat"], message: "valid for \(shown), longer than the 60–90 minute default",
                           detail: "A configurable token lifetime policy applies to this app or tenant. Long-lived tokens widen the window in which a stolen token works.")
        }
        return nil
    }
}
