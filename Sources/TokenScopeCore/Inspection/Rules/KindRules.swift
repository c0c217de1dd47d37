/// Findings about what the token is for: ID vs access, app-only vs delegated, scopes and roles.
enum KindRules {
    static func check(_ input: RuleInput) -> [Finding] {
        guard input.isReadableJWS else { return [] }
        var out: [Finding] = []
        let claims = input.claims

        if input.kind == .idToken {
            switch input.flow {
            case .obo:
                out.append(Finding(.idToken, .error, claims: ["aud", "nonce"].filter(claims.has),
                                   message: "this is an ID token: it cannot be the On-Behalf-Of assertion",
                                   detail: "Entra rejects it with AADSTS240002 (or AADSTS50013). An ID token proves a sign-in to the client app; the middle tier needs the access token the client obtained for the middle tier's own scope (for example api://<middle-tier>/access_as_user). In the client, send `result.AccessToken`, not `result.IdToken`, in the Authorization header."))
            case .clientCredentials:
                out.append(Finding(.idToken, .error, claims: ["aud"],
                                   message: "this is an ID token, not an app-only access token",
                                   detail: "Client credentials never return ID tokens. You are looking at a user's sign-in token; request `{resource}/.default` with the app's own credential to get an app-only access token."))
            default:
                out.append(Finding(.idToken, .info, claims: ["aud"],
                                   message: "this is an ID token: proof of sign-in for the client app, not a key to call APIs",
                                   detail: "Its `aud` is the client app itself. Do not send it to APIs; request an access token for the API's scope instead."))
            }
        }

        if input.kind == .accessToken, input.accessType == .appOnly {
            let severity: Severity = input.flow == .obo ? .error : .info
            out.append(Finding(.appOnlyToken, severity, claims: claims.has(.idtyp) ? ["idtyp", "roles"] : ["roles"],
                               message: "app-only token: no user signed in; the app acts as itself",
                               detail: input.flow == .obo
                                   ? "On-Behalf-Of needs a delegated (user) token with `scp`; an app-only token has no user to act for, and Entra rejects it. The middle tier can call the downstream API as itself with client credentials instead."
                                   : "Permissions come from `roles` (application permissions granted by an admin), not `scp`."))
        }

        if input.kind == .accessToken, !claims.hasScopes, !claims.hasRoles {
            out.append(Finding(.noScopesOrRoles, input.flow == .obo ? .error : .warning, claims: ["scp", "roles"],
                               message: "access token with neither `scp` nor `roles`",
                               detail: "An API that authorises by scope or role will answer 403. For delegated tokens, request the API's scopes and make sure they were consented; for app-only tokens, grant application permissions (app roles) and admin consent."))
        }

        if !input.context.expectedScopes.isEmpty {
            let scopes = claims.scopes, roles = claims.roles
            let held = Set(scopes.map { $0.lowercased() } + roles.map { $0.lowercased() })
            // `.default` never appears in a token: it asks for every consented permission, so any will do.
            for expected in input.context.expectedScopes where normalisedScope(expected) == ".default" ? held.isEmpty : !held.contains(normalisedScope(expected)) {
                out.append(Finding(.missingScope, .error, claims: ["scp", "roles"],
                                   message: "`\(expected)` is not in the token (scp: \(scopes.isEmpty ? "none" : scopes.joined(separator: " ")); roles: \(roles.isEmpty ? "none" : roles.joined(separator: " ")))",
                                   detail: "Request the scope from the client (`api://<api>/<scope>` for delegated access, `<api>/.default` for app roles) and make sure the user or an admin consented. The token carries only the short scope name, not the App ID URI; `.default` itself never appears in a token."))
            }
        }

        if let names = claims.value(.claimNames), names["groups"] != nil || claims.value(.hasgroups)?.boolValue == true {
            out.append(Finding(.groupsOverage, .warning, claims: claims.has(.hasgroups) ? ["hasgroups"] : ["_claim_names", "_claim_sources"],
                               message: "group overage: the user's groups are not in the token",
                               detail: "The user belongs to more groups than fit (200 in a JWT), so Entra sent a pointer instead of `groups`. Call Microsoft Graph (`/me/getMemberObjects` or `/users/{oid}/transitiveMemberOf`) to read them, or emit only groups assigned to the application."))
        } else if claims.value(.hasgroups)?.boolValue == true {
            out.append(Finding(.groupsOverage, .warning, claims: ["hasgroups"],
                               message: "group overage (implicit flow): `hasgroups` is true and `groups` is missing",
                               detail: "Read the user's groups from Microsoft Graph instead of the token."))
        }

        if input.isCAECapable {
            out.append(Finding(.caeCapable, .info, claims: ["xms_cc"],
                               message: "issued to a CAE-capable client (`xms_cc` has `cp1`)",
                               detail: "Continuous access evaluation: the token may live up to 28 hours and can be revoked early. The API must answer revoked tokens with a 401 claims challenge, and the client must pass the challenge back to MSAL."))
        }

        if let amr = claims.value(.amr), amr.isStringArray, !amr.stringArrayContains(where: { $0 == "mfa" || $0 == "ngcmfa" || $0 == "wiaormfa" }),
           let amr = amr.stringArray {
            out.append(Finding(.mfaNotInAmr, input.flow == .obo ? .warning : .info, claims: ["amr"],
                               message: "the sign-in was single-factor (`amr`: \(amr.joined(separator: ", ")))",
                               detail: "If a conditional-access policy requires MFA for the downstream API, an On-Behalf-Of exchange with this token fails with AADSTS50076 and a `claims` challenge that the middle tier must send back to the client."))
        }
        return out
    }

    /// `api://x/Data.Read` → `data.read`: the token carries only the last path segment.
    static func normalisedScope(_ scope: String) -> String {
        let lower = scope.lowercased()
        guard lower.contains("/"), let last = lower.split(separator: "/").last else { return lower }
        return String(last)
    }
}
