/// The On-Behalf-Of verdict: every condition Entra checks on the user assertion, each with a
/// status, so the user sees all reasons at once rather than one AADSTS error per attempt.
enum OBOReadinessEvaluator {
    static func evaluate(_ input: RuleInput, findings: [Finding]) -> OBOReadiness {
        var checks: [OBOCheck] = []
        func add(_ check: String, _ status: CheckStatus, _ message: String) {
            checks.append(OBOCheck(check: check, status: status, message: message))
        }
        func failed(_ id: FindingID) -> Finding? { findings.first { $0.id == id && $0.severity == .error } }

        let readable = input.isReadableJWS
        add("jwt", readable ? .pass : .fail,
            readable ? "a signed JWT with readable claims" : "not a readable signed JWT (\(input.token.format.rawValue)); the assertion must be a JWT access token")
        guard readable else { return OBOReadiness(checks: checks) }

        let unsigned = findings.contains { $0.id == .unsigned }
        add("signed", unsigned ? .fail : .pass, unsigned ? "the token is unsigned; Entra rejects it" : "carries a signature (run --verify to check it)")

        switch input.kind {
        case .accessToken: add("access-token", .pass, "an access token")
        case .idToken: add("access-token", .fail, "an ID token; send the access token for your API instead (AADSTS240002)")
        case .refreshToken: add("access-token", .fail, "a refresh token; it is never an assertion")
        case .unknown: add("access-token", .unknown, "cannot tell whether this is an access token")
        }

        switch (input.accessType, input.claims.scopes.isEmpty) {
        case (.delegated?, false): add("delegated", .pass, "a delegated user token with scopes: \(input.claims.scopes.joined(separator: " "))")
        case (.appOnly?, _): add("delegated", .fail, "an app-only token: there is no user to act for")
        default: add("delegated", .fail, "no `scp`: On-Behalf-Of needs a delegated token with at least one scope of your API")
        }

        if let mismatch = failed(.audienceMismatch) {
            add("audience", .fail, mismatch.message)
        } else if let firstParty = failed(.firstPartyAudience) {
            add("audience", .fail, firstParty.message + "; it must be issued for your middle tier")
        } else if input.context.expectedAudiences.isEmpty {
            add("audience", .unknown, "`aud` is \(input.claims.audiences.joined(separator: ", ")); pass --expect-audience with the middle tier's client ID or App ID URI to confirm it")
        } else {
            add("audience", .pass, "`aud` is the middle tier (\(input.claims.audiences.joined(separator: ", ")))")
        }

        if let expired = failed(.expired) {
            add("lifetime", .fail, expired.message + " (AADSTS500133)")
        } else if let early = failed(.notYetValid) {
            add("lifetime", .fail, early.message)
        } else if input.claims.time(.exp) == nil {
            add("lifetime", .fail, "no usable `exp`")
        } else {
            add("lifetime", .pass, "within its lifetime")
        }

        if let tenant = failed(.tenantMismatch) {
            add("tenant", .fail, tenant.message)
        } else if let authority = findings.first(where: { $0.id == .multiTenantAuthority && $0.severity == .error }) {
            add("tenant", .fail, authority.message + "; use the token's tenant")
        } else if input.isGuest {
            add("tenant", .unknown, "guest user: the OBO request must use the token's tenant (\(input.claims.string(.tid) ?? "?")), not /common")
        } else {
            add("tenant", .pass, "tenant \(input.claims.string(.tid) ?? input.issuer?.tenant ?? "?")")
        }

        if !input.context.expectedScopes.isEmpty {
            let missing = findings.filter { $0.id == .missingScope }
            add("scope", missing.isEmpty ? .pass : .fail,
                missing.isEmpty ? "carries \(input.context.expectedScopes.joined(separator: ", "))" : missing.map(\.message).joined(separator: "; "))
        }

        if findings.contains(where: { $0.id == .b2cToken }) {
            add("issuer", .fail, "Azure AD B2C does not support On-Behalf-Of")
        } else {
            add("issuer", input.issuer?.isEntra == true || input.issuer?.cloud == "local" ? .pass : .unknown,
                "issued by \(input.issuer?.cloudName ?? "an unknown issuer")")
        }
        return OBOReadiness(checks: checks)
    }
}
