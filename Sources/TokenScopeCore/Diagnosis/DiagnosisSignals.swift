/// Evidence read from the case's own values: the audience the message names, the times of an
/// expired assertion, a malformed resource, a placeholder client ID... Each rule raises (or adds)
/// one knowledge-base cause and says why, in the case's own terms.
enum DiagnosisSignals {
    struct Boost {
        let causeID: String
        let points: Int
        let evidence: String
        /// The signal may add its cause when the codes do not list it (an old 50012 whose
        /// message speaks of an expired client assertion).
        let adds: Bool
    }

    /// Findings the paste shows without a token: a `/common` authority, a `live.com` account, a
    /// Graph audience in the message, App Service's ID token header.
    static func pseudoFindings(_ input: DiagnosisInput) -> [FindingID: String] {
        var out: [FindingID: String] = [:]
        let f = input.facts
        let tenantless = ["common", "organizations", "consumers"]
        if let tenant = f.authorityTenants.first(where: { tenantless.contains($0.lowercased()) }) {
            out[.multiTenantAuthority] = "the authority in the paste uses `/\(safe(tenant))`, a multi-tenant endpoint"
        } else if let authority = input.context.authority, let parts = URLParts(authority),
                  let tenant = parts.path.split(separator: "/").first.map(String.init), tenantless.contains(tenant.lowercased()) {
            out[.multiTenantAuthority] = "the request used the authority `\(safe(authority))`, a multi-tenant endpoint"
        }
        if let idp = f.identityProvider, ["live.com", "outlook.com", "hotmail.com", "msn.com"].contains(idp.lowercased()) {
            out[.personalAccount] = "the account comes from identity provider `\(safe(idp))`: a personal Microsoft account"
        }
        for aud in [f.assertionAudience, f.tokenAudience].compactMap({ $0 }) {
            if let name = ClaimExplainer.firstPartyName(aud) {
                out[.firstPartyAudience] = "the token's audience `\(safe(aud))` is \(name), a Microsoft API"
            }
        }
        if f.phrases.contains("id-token-header") {
            out[.idToken] = "the code reads the `X-MS-TOKEN-AAD-ID-TOKEN` header: App Service puts the user's ID token there, not an access token"
        }
        if f.phrases.contains("id-token-assertion") {
            out[.idToken] = "the message says an ID token (`id_token`) was sent as the assertion"
        }
        return out
    }

    static func boosts(_ input: DiagnosisInput) -> [Boost] {
        var out: [Boost] = []
        func boost(_ id: String, _ points: Int, _ evidence: String, adds: Bool = false) {
            out.append(Boost(causeID: id, points: points, evidence: evidence, adds: adds))
        }
        let f = input.facts
        let phrases = Set(f.phrases)
        let codes = Set(input.errors.flatMap(\.codes))
        let idx = Set(input.errors.flatMap(\.idxCodes))
        let credential = input.credential ?? input.credentialHint?.kind

        // Client assertion outside its time window (700024, and 50012 in old messages).
        if phrases.contains("client-assertion-time-range") || codes.contains(700024) {
            let now = f.currentTime.flatMap(time), exp = f.expiry.flatMap(time), nbf = f.validFrom.flatMap(time)
            if let now, let nbf, nbf > 86_400, now < nbf {
                boost("client-assertion-clock-skew", 40, "Entra's time \(safe(f.currentTime!)) is before the assertion's start \(safe(f.validFrom!)): the clock of the machine that built it runs ahead", adds: true)
            } else if let now, let exp, now > exp {
                let late = now - exp
                let hours = (late + 1800) / 3600
                if late >= 3000, hours >= 1, abs(late - hours * 3600) <= 600 {
                    boost("client-assertion-clock-skew", 40, "the assertion expired \(TimeText.duration(late)) before Entra's time, almost exactly \(hours) h: a time-zone mistake (local time written as UTC) gives this", adds: true)
                } else if late > 600 {
                    if credential == .federated {
                        boost("fic-external-token-expired", 40, "the assertion expired \(TimeText.duration(late)) before Entra's time (\(safe(f.expiry!)) vs \(safe(f.currentTime!))), and the paste uses a federated credential: the external token was read once and kept", adds: true)
                    } else {
                        boost("client-assertion-reused", 35, "the assertion expired \(TimeText.duration(late)) before Entra's time (\(safe(f.expiry!)) vs \(safe(f.currentTime!))); MSAL's assertions live 10 minutes, so this one was built long before and reused", adds: true)
                        boost("fic-external-token-expired", 10, "an assertion that old may also be an external token read once and kept")
                    }
                } else {
                    boost("client-assertion-clock-skew", 25, "the assertion expired only \(TimeText.duration(late)) before Entra's time: a slow clock or a slow network", adds: true)
                }
            } else if phrases.contains("client-assertion-time-range") {
                boost("client-assertion-clock-skew", 20, "the message says the client assertion is outside its valid time range", adds: true)
            }
        }

        // The user assertion (OBO) outside its time window.
        if phrases.contains("assertion-time-range"), !phrases.contains("client-assertion-time-range") {
            var evidence = "the message says the assertion (the user's token passed to On-Behalf-Of) is outside its valid time range"
            if let now = f.currentTime.flatMap(time), let exp = f.expiry.flatMap(time), now >= exp {
                evidence += now - exp < 60 ? "; it expired while the request was under way (\(safe(f.expiry!))): refresh tokens a few minutes before exp"
                    : "; it expired \(TimeText.duration(now - exp)) before Entra's time"
            }
            boost("obo-assertion-expired", 40, evidence)
        }

        // The assertion's audience, as the message names it.
        if let aud = f.assertionAudience {
            let expected = f.expectedAudience.map { " (Entra expected `\(safe($0))` or one of its App ID URIs)" } ?? ""
            if let name = ClaimExplainer.firstPartyName(aud) {
                boost("obo-assertion-for-other-api", 40, "the assertion's `aud` is `\(safe(aud))`, which is \(name), not the middle tier\(expected)")
            } else if aud.contains("://"), !(f.expectedAudience?.contains("://") ?? false) {
                boost("app-id-uri-differs", 35, "the assertion's `aud` is the App ID URI `\(safe(aud))`, which matches none of the middle tier's identifiers exactly\(expected); Entra compares them case-sensitively")
                boost("obo-assertion-for-other-api", 10, "`\(safe(aud))` may also belong to another API")
            } else {
                boost("obo-assertion-for-other-api", 30, "the assertion's `aud` is `\(safe(aud))`, not the middle tier\(expected)")
            }
        } else if phrases.contains("assertion-audience-mismatch") {
            boost("obo-assertion-for-other-api", 30, "the message says the assertion's audience is not the app that made the On-Behalf-Of request")
        }
        if phrases.contains("assertion-signature"), !codes.isDisjoint(with: [50013, 500131]) {
            boost("obo-assertion-for-other-api", 10, "the assertion's signature did not verify: that is what happens to Microsoft Graph tokens (their header nonce changes what was signed) and to tokens signed with another app's keys")
        }

        // Client secrets and certificates.
        if phrases.contains("client-secret-invalid") {
            boost("secret-id-instead-of-value", 20, "the message says the client secret is invalid; most often the secret's ID (a GUID) was configured instead of its value", adds: true)
        }
        if phrases.contains("client-secret-expired") {
            boost("secret-expired", 25, "the message says the app's client secrets are expired")
        }
        if phrases.contains("assertion-no-thumbprint") {
            boost("assertion-header-wrong", 40, "the message says the client assertion's header names no certificate thumbprint (`x5t`)", adds: true)
        }
        if phrases.contains("sni") || phrases.contains("x5c"), !codes.isDisjoint(with: [700027, 50012, 700030, 7000274]) {
            boost("sni-certificate-without-x5c", 40, "the paste mentions subject name and issuer authentication (SNI, `x5c`), which needs the certificate chain in every assertion")
        }
        if let thumbprint = f.thumbprint, !codes.isDisjoint(with: [700027, 7000274, 50012]), !phrases.contains("sni"), !phrases.contains("x5c") {
            boost("certificate-not-registered", 15, "Entra found no key with thumbprint `\(safe(thumbprint))` on the app")
        }

        // Federated credentials.
        if phrases.contains("subject-case") {
            boost("fic-subject-mismatch", 35, "the message says the subject matches only when case is ignored; federated credentials are matched case-sensitively")
        } else if let subject = f.assertionSubject {
            boost("fic-subject-mismatch", 20, "the external token's subject is `\(safe(subject))`; no federated credential on the app has exactly this subject")
        }

        // Scopes.
        if phrases.contains("default-combined") {
            boost("default-mixed-with-scopes", 40, "the message says `.default` was combined with other scopes", adds: true)
        }
        if phrases.contains("cc-scope-default") {
            boost("client-credentials-scope-not-default", 40, "the message says client credentials need a scope ending in `/.default`", adds: true)
        }
        if let scope = f.invalidScope {
            let lower = scope.lowercased()
            if lower.hasSuffix("//.default") {
                boost("resource-with-trailing-slash", 35, "the scope `\(safe(scope))` has a double slash before `.default`: the resource ends with `/`", adds: true)
            } else if !lower.hasSuffix("/.default"), input.flow == .clientCredentials || input.flowHint?.flow == .clientCredentials {
                boost("client-credentials-scope-not-default", 35, "client credentials asked for `\(safe(scope))`, which does not end in `/.default`", adds: true)
            }
        }

        // Tenants.
        if let tenant = f.tenantNotFound {
            let lower = tenant.lowercased()
            let placeholders = ["null", "undefined", "none", "token", "tenant", "tenantid", "tenant_id", "your-tenant-id", "common.", "nil", ""]
            if placeholders.contains(lower) || lower.contains("{") || lower.contains("<") || lower.contains("$") || lower == "00000000-0000-0000-0000-000000000000" {
                boost("tenant-name-wrong", 40, "the tenant in the authority is `\(safe(tenant))`: the setting that should hold the tenant ID or domain was empty or a placeholder when the URL was built")
            } else if lower.hasSuffix(".onmschina.cn") || lower.hasSuffix(".partner.onmschina.cn") {
                boost("tenant-in-other-cloud", 40, "`\(safe(tenant))` is a tenant of Azure China (21Vianet), whose login host is login.partner.microsoftonline.cn")
            } else if lower.hasSuffix(".onmicrosoft.us") {
                boost("tenant-in-other-cloud", 40, "`\(safe(tenant))` is a US Government tenant, whose login host is login.microsoftonline.us")
            } else {
                boost("tenant-name-wrong", 10, "Entra found no tenant `\(safe(tenant))`")
            }
        }

        // A tenant-independent authority in an app-only flow (50059 there means /common or /organizations).
        if !codes.isDisjoint(with: [50059, 90010, 9001023]), input.flow == .clientCredentials || input.flowHint?.flow == .clientCredentials {
            boost("tenantless-authority-for-app-flow", 35, "the request is app-only (client credentials), which needs a tenant in the authority; /common and /organizations name none", adds: true)
        }

        // Resources.
        if let resource = f.resourcePrincipal {
            let lower = resource.lowercased()
            let schemes = ["https://", "http://", "api://"]
            let doubled = schemes.contains { s in schemes.contains { lower.hasPrefix(s + $0.dropLast(3)) || lower.hasPrefix(s + $0) } }
            if doubled || lower.hasSuffix("//") || lower.contains(" ") {
                boost("resource-identifier-wrong", 40, "the resource `\(safe(resource))` is malformed (a doubled scheme or slash): it was built from a value that already had one")
            } else if lower.hasSuffix("/"), ClaimExplainer.firstPartyName(resource) == nil {
                boost("resource-identifier-wrong", 25, "the resource `\(safe(resource))` ends with a slash, so it differs from the registered identifier")
            } else if lower == "api://" || lower.hasSuffix("://") {
                boost("resource-identifier-wrong", 40, "the resource is only `\(safe(resource))`: the app ID that should follow the scheme is missing from the configuration")
            }
        }

        // Client IDs.
        if let app = f.applicationIdentifier {
            let lower = app.lowercased()
            let markers = ["enter_", "enter the", "your_", "your-", "yourclient", "client_id", "clientid", "application_id", "<", "{", "xxx", "todo", "placeholder"]
            if markers.contains(where: lower.contains) {
                boost("client-id-wrong", 45, "the client ID in the request is the placeholder `\(safe(app))`: the configuration was never filled in")
            } else if lower.contains("://") || lower.hasPrefix("urn:") {
                boost("client-id-wrong", 20, "the identifier `\(safe(app))` is a URI, not an application (client) ID")
            }
        }

        // IdentityModel: audience.
        if idx.contains("IDX10214"), let aud = f.tokenAudience, !hidden(aud) {
            let valid = f.validAudiences.filter { !hidden($0) && $0.lowercased() != "null" }
            if let name = ClaimExplainer.firstPartyName(aud) {
                boost("token-for-another-api", 40, "the token's audience is `\(safe(aud))` (\(name)), not this API")
            } else if let match = valid.first(where: { normalizedAudience($0) == normalizedAudience(aud) }) {
                boost("api-audience-config-differs", 40, "the token's audience `\(safe(aud))` and the API's configured audience `\(safe(match))` name the same app and differ only in form (case, spaces, a trailing slash, the `api://` prefix)")
            } else if !valid.isEmpty {
                boost("token-for-another-api", 25, "the token is for `\(safe(aud))`, but the API accepts only \(valid.map { "`\(safe($0))`" }.joined(separator: ", "))")
            }
        }
        // IdentityModel: issuer.
        if idx.contains("IDX10205"), let issuer = f.tokenIssuer, !hidden(issuer) {
            let valid = f.validIssuers.filter { !hidden($0) && $0.lowercased() != "null" }
            func form(_ value: String) -> Int? {
                let lower = value.lowercased()
                if lower.contains("sts.windows.net") { return 1 }
                if lower.contains("login.microsoftonline") || lower.hasSuffix("/v2.0") || lower.hasSuffix("/v2.0/") { return 2 }
                return nil
            }
            if let mine = form(issuer), valid.contains(where: { form($0).map { $0 != mine } ?? false }) {
                boost("issuer-version-mismatch", 40, "the token's issuer `\(safe(issuer))` is the v\(mine).0 form, the API expects the v\(mine == 1 ? 2 : 1).0 form (\(valid.map { "`\(safe($0))`" }.joined(separator: ", ")))")
            } else if let tenant = guid(in: issuer), valid.contains(where: { guid(in: $0).map { $0 != tenant } ?? false }) {
                boost("issuer-other-tenant", 35, "the token comes from tenant `\(tenant)`, the API trusts another tenant")
            }
        }
        // IdentityModel: lifetime.
        if !idx.isDisjoint(with: ["IDX10223", "IDX10222"]), let now = f.currentTime.flatMap(time), let edge = (f.expiry ?? f.validFrom).flatMap(time) {
            let gap = abs(now - edge)
            let hours = (gap + 1800) / 3600
            if gap >= 3000, abs(gap - hours * 3600) <= 600 {
                boost("api-clock-skew", 35, "the token's time and the API's clock differ by almost exactly \(hours) h: a time-zone mistake on one side")
            } else if idx.contains("IDX10223"), now > edge {
                boost("api-received-expired-token", 30, "the token expired \(TimeText.duration(now - edge)) before the API checked it")
            }
        }
        // IdentityModel: signature.
        if !idx.isDisjoint(with: ["IDX10501", "IDX10503", "IDX10511", "IDX10516"]) {
            if f.appSpecificKeys {
                boost("keys-from-wrong-metadata", 40, "the token's key comes from an app-specific key set (`keys?appid=`): the app has its own signing key, and the API loads the tenant's common keys")
            }
            if input.tokens.contains(where: { $0.findings.contains { $0.id == .graphNonce || $0.id == .firstPartyAudience } }) == false,
               [f.tokenAudience, f.assertionAudience].contains(where: { $0.flatMap(ClaimExplainer.firstPartyName) != nil }) {
                boost("validating-graph-token", 30, "the token is for a Microsoft API, whose tokens third parties cannot validate")
            }
        }

        // Redirect URIs.
        if let uri = f.redirectURI, !codes.isDisjoint(with: [50011, 500112, 500113]) {
            let lower = uri.lowercased()
            if lower.hasPrefix("http://"), !lower.hasPrefix("http://localhost"), !lower.hasPrefix("http://127.0.0.1") {
                boost("redirect-uri-scheme-behind-proxy", 25, "the app sent `\(safe(uri))`, an http:// redirect URI for a public host: an app behind a TLS-terminating proxy builds it that way")
            } else {
                boost("redirect-uri-not-registered", 15, "Entra received the redirect URI `\(safe(uri))`; it must be registered exactly so (scheme, host, port, path, case, trailing slash)")
            }
        }
        if let origin = f.requestOrigin, codes.contains(9002326) {
            boost("browser-redeems-web-redirect", 15, "the code was redeemed from the browser origin `\(safe(origin))`")
        }

        // Claims challenges.
        for error in input.errors {
            guard let claims = error.claimsChallenge else { continue }
            let first = claims.explanation.first.map { " (\($0))" } ?? ""
            if !Set(error.codes).isDisjoint(with: [50076, 50079, 50074, 53003]) {
                boost("obo-mfa-claims-challenge", 25, "the error carries a claims challenge\(first) that only an interactive sign-in on the client can satisfy")
            }
            if error.wwwAuthenticate != nil || error.error == "insufficient_claims" {
                boost("claims-challenge-not-handled", 25, "the API answered with a claims challenge\(first)")
            }
        }
        return out
    }

    // MARK: - Helpers

    static func safe(_ text: String) -> String {
        let escaped = TerminalSafe.escape(text)
        return escaped.count > 160 ? String(escaped.prefix(157)) + "…" : escaped
    }

    /// `[PII is hidden]`, `System.String`: IdentityModel hides values unless ShowPII is on.
    static func hidden(_ value: String) -> Bool {
        let lower = value.lowercased()
        return lower.hasPrefix("[pii") || lower == "system.string" || lower.hasPrefix("system.") || lower.isEmpty
    }

    /// An audience compared loosely: case, white space, a trailing slash and `api://` ignored.
    static func normalizedAudience(_ value: String) -> String {
        var v = value.trimmedWhitespace.lowercased()
        while v.hasSuffix("/") { v.removeLast() }
        if v.hasPrefix("api://") { v.removeFirst(6) }
        return v
    }

    static func guid(in text: String) -> String? {
        let chars = Array(text.utf8)
        guard chars.count >= 36 else { return nil }
        for i in 0...(chars.count - 36) {
            let candidate = String(decoding: chars[i..<(i + 36)], as: UTF8.self)
            if GUID.isGUID(candidate) { return candidate.lowercased() }
        }
        return nil
    }

    /// `2024-10-02T22:05:03.6755165Z`, `2019-08-02 20:42:53Z`, `05/19/2016 10:45:59` (IdentityModel).
    static func time(_ text: String) -> Int64? {
        var t = text.trimmedWhitespace
        if t.hasSuffix(",") || t.hasSuffix(".") { t.removeLast() }
        if let v = TimeText.parseISO8601(t) { return v }
        if t.hasSuffix("Z"), let v = TimeText.parseISO8601(String(t.dropLast())) { return v }
        // MM/dd/yyyy HH:mm:ss
        let parts = t.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "/")
        guard date.count == 3, let m = Int(date[0]), let d = Int(date[1]), let y = Int(date[2]) else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return TimeText.parseISO8601("\(y)-\(two(m))-\(two(d))T\(parts[1])Z")
    }
}
