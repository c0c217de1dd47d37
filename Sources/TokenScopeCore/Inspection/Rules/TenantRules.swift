/// Findings about whose directory the token comes from: tenant, guest, personal account, B2C,
/// and the authority the caller plans to use.
enum TenantRules {
    static let tenantlessSegments: Set<String> = ["common", "organizations", "consumers"]

    static func check(_ input: RuleInput) -> [Finding] {
        guard input.isReadableJWS else { return [] }
        var out: [Finding] = []
        let claims = input.claims
        let tid = claims.string(.tid)

        if let expected = input.context.expectedTenant {
            let candidates = [tid, input.issuer?.tenant].compactMap { $0?.lowercased() }
            if !candidates.contains(expected.lowercased()) {
                let domainNote = AudienceRules.isGUID(expected) ? "" : " (`\(expected)` is not a GUID; tokens name tenants by ID, so pass the tenant ID to compare)"
                out.append(Finding(.tenantMismatch, .error, claims: ["tid", "iss"],
                                   message: "the token is from tenant \(tid ?? input.issuer?.tenant ?? "unknown"), expected \(expected)\(domainNote)",
                                   detail: "Either the user signed in to another tenant (a guest signing in through `/common` lands in their home tenant), or the API's issuer validation lists the wrong tenant (IDX10205). Use the resource tenant's authority, or accept that tenant on purpose."))
            }
        }

        if let authority = input.context.authority, let segment = authorityTenant(authority), tenantlessSegments.contains(segment),
           !(segment == "consumers" && input.isPersonalAccount) {
            out.append(multiTenantAuthority(segment: segment, input: input, tid: tid))
        }

        if input.isGuest {
            out.append(Finding(.guestUser, input.flow == .obo ? .warning : .info, claims: GuestSignals.evidence(claims),
                               message: "the user is a guest (B2B) in tenant \(tid ?? "?")",
                               detail: "Guests must be served from the resource tenant: use `https://login.microsoftonline.com/\(tid ?? "{tid}")` (the token's `tid`), not `/common` or `/organizations`, or Entra resolves their home tenant and fails (AADSTS50020 / AADSTS500131 / AADSTS50013). MSAL.NET: `.WithTenantId(tid)` on the OBO request."))
        }

        if input.isPersonalAccount {
            out.append(Finding(.personalAccount, .info, claims: ["tid"],
                               message: "a personal Microsoft account (MSA) user",
                               detail: "Tenant 9188040d-6c67-4c5b-b112-36a304b66dad is the consumer tenant. The app must accept personal accounts (sign-in audience), use `/common` or `/consumers`, and tokens Microsoft issues for its own APIs to MSA users are often opaque."))
        }

        if input.issuer?.isB2C == true || claims.has(.tfp) {
            out.append(Finding(.b2cToken, input.flow == .obo ? .error : .info, claims: claims.has(.tfp) ? ["iss", "tfp"] : ["iss"],
                               message: "issued by Azure AD B2C",
                               detail: "B2C tokens follow user-flow policies and B2C's own metadata (per policy). B2C does not support the On-Behalf-Of flow or Entra's first-party APIs; validate them against the policy's openid-configuration."))
        }

        if input.issuer?.cloud == "unknown", let issuer = input.issuer {
            out.append(Finding(.unknownIssuer, .info, claims: ["iss"],
                               message: "the issuer \(issuer.host) is not a Microsoft Entra cloud",
                               detail: "TokenScope's Entra-specific advice may not apply. Check whether the token came from another identity provider or a test issuer."))
        }
        return out
    }

    private static func multiTenantAuthority(segment: String, input: RuleInput, tid: String?) -> Finding {
        let severity: Severity
        let detail: String
        switch input.flow {
        case .clientCredentials:
            severity = .error
            detail = "Client credentials need a tenant: there is no user to pick one, so `/\(segment)` fails with AADSTS9001023 (or AADSTS90002 for bad tenants). Use the tenant ID or a verified domain."
        case .obo:
            severity = input.isGuest ? .error : .warning
            detail = "On-Behalf-Of should use the tenant in the assertion's `tid` (\(tid ?? "?")). For guests, `/\(segment)` resolves their home tenant and the exchange fails; MSAL.NET defaults OBO to the configured authority, so set `.WithTenantId(tid)`."
        default:
            severity = input.isGuest ? .warning : .info
            detail = "A multi-tenant authority signs users in to their home tenant. Guests and tenant-specific policies need the resource tenant's ID instead."
        }
        return Finding(.multiTenantAuthority, severity, claims: ["tid"],
                       message: "the authority uses `/\(segment)`, not a tenant", detail: detail)
    }

    /// The tenant segment of `https://host/{tenant}/...`, lowercased.
    static func authorityTenant(_ authority: String) -> String? {
        // `login.microsoftonline.com/common` typed without a scheme means the same authority.
        if let parts = URLParts(authority) ?? URLParts("https://" + authority), authority.contains("/") {
            return parts.path.split(separator: "/").first.map { $0.lowercased() }
        }
        // A bare tenant value (`common`) is accepted too.
        return authority.contains("/") ? nil : authority.lowercased()
    }
}
