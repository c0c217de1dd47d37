/// The words and phrases `PasteScanner` reacts to. Each phrase is keyed by its first word, so
/// the scanner looks them up once per word of the paste (one pass, no regular expressions).
enum PasteVocabulary {
    enum Label: Sendable {
        case trace, correlation, request, timestamp, suberror, claims, errorCodes, errorNo, status, http, wwwAuthenticate, bearer
    }

    enum FactKey: Sendable {
        case assertionAudience, expectedAudience, tokenAudience, validAudience, tokenIssuer, validIssuer
        case applicationIdentifier, directory, resourcePrincipal, tenantNotFound, redirectURI, thumbprint
        case currentTime, validFrom, expiry, assertionSubject, identityProvider, keyId, requestOrigin, invalidScope
    }

    enum Action: Sendable {
        /// Read the value after the phrase. `quoted`: only a quoted value counts. `followedBy`: the
        /// text after the value must start with this (lowercase), e.g. ` not found`.
        case fact(FactKey, quoted: Bool, followedBy: String?)
        /// A recognised message, by stable ID (`client-secret-invalid`).
        case signal(String)
        case network(NetworkProblem.Kind, String)
        case msalLog(String)
        case flow(KnowledgeFlow, weight: Int, display: String)
        case credential(CredentialKind, weight: Int, display: String)
        /// An Entra login host; the tenant segment follows. `cloud` is the host's cloud.
        case loginHost(Cloud?)
        /// A configuration value naming the tenant (`"TenantId": "common"`).
        case tenantSetting
        case appSpecificKeys
    }

    enum Role: Sendable {
        case label(Label)
        case oauthError(String)
        case msalError(String)
        /// An exception or error type name other than `Msal…Exception`/`Adal…Exception`.
        case exceptionName
        /// A phrase starting with this word; `rest` (lowercase bytes) must follow the word.
        case phrase(rest: [UInt8], action: Action)
    }

    /// FNV-1a of lowercase bytes, the key of `roles`.
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            h ^= UInt64(bytes[i])
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func hash(_ word: String) -> UInt64 {
        let b = Array(word.utf8)
        return hash(b, 0..<b.count)
    }

    /// Word (lowercase) → what it may start or mean, with the word itself to rule out hash collisions.
    static let roles: [UInt64: [(word: [UInt8], role: Role)]] = {
        var table: [UInt64: [(word: [UInt8], role: Role)]] = [:]
        func add(_ word: String, _ role: Role) {
            table[hash(word), default: []].append((Array(word.utf8), role))
        }
        func phrase(_ text: String, _ action: Action) {
            let lowered = text.lowercased()
            let bytes = Array(lowered.utf8)
            var end = 0
            while end < bytes.count, PasteText.isWordByte(bytes[end]) { end += 1 }
            add(String(decoding: bytes[0..<end], as: UTF8.self), .phrase(rest: Array(bytes[end...]), action: action))
        }

        // Labels.
        for w in ["trace_id", "traceid", "traceidkey", "trace"] { add(w, .label(.trace)) }
        for w in ["correlation_id", "correlationid", "correlationidkey", "correlation", "msalcorrelationidkey"] { add(w, .label(.correlation)) }
        for w in ["request", "request_id", "requestid", "x_ms_request_id"] { add(w, .label(.request)) }
        for w in ["timestamp", "time_stamp"] { add(w, .label(.timestamp)) }
        for w in ["suberror", "sub_error", "suberrorforlogging"] { add(w, .label(.suberror)) }
        add("claims", .label(.claims))
        for w in ["error_codes", "errorcodes", "errorcodesforlogging"] { add(w, .label(.errorCodes)) }
        add("errorno", .label(.errorNo))
        for w in ["status", "statuscode", "status_code"] { add(w, .label(.status)) }
        add("http", .label(.http))
        add("www", .label(.wwwAuthenticate))
        add("bearer", .label(.bearer))

        // OAuth `error` values (token endpoint, authorize endpoint, RFC 6750 API challenges).
        for e in KnowledgeVocabulary.oauthErrors + ["insufficient_claims", "invalid_token", "insufficient_scope"] {
            add(e, .oauthError(e))
        }
        // MSAL.NET error codes and log IDs the knowledge base knows (`user_null`, `OnBehalfOfWrongAuthority`).
        for entry in KnowledgeBase.shared.others where entry.kind == .msalError || entry.kind == .msalLog {
            let lowered = entry.id.lowercased()
            if !KnowledgeVocabulary.oauthErrors.contains(lowered) { add(lowered, .msalError(entry.id)) }
        }

        for name in ["interactionrequiredautherror", "authenticationfailedexception", "clientauthenticationerror",
                     "credentialunavailableexception", "credentialunavailableerror"] { add(name, .exceptionName) }

        // Facts from Entra and IdentityModel messages.
        phrase("audience in the assertion was", .fact(.assertionAudience, quoted: false, followedBy: nil))
        phrase("expected audience is", .fact(.expectedAudience, quoted: false, followedBy: nil))
        phrase("audiences:", .fact(.tokenAudience, quoted: false, followedBy: nil))
        phrase("validaudience:", .fact(.validAudience, quoted: false, followedBy: nil))
        phrase("validaudiences:", .fact(.validAudience, quoted: false, followedBy: nil))
        phrase("issuer:", .fact(.tokenIssuer, quoted: true, followedBy: nil))
        phrase("validissuer:", .fact(.validIssuer, quoted: false, followedBy: nil))
        phrase("validissuers:", .fact(.validIssuer, quoted: false, followedBy: nil))
        phrase("application with identifier", .fact(.applicationIdentifier, quoted: false, followedBy: nil))
        phrase("application id with identifier", .fact(.applicationIdentifier, quoted: false, followedBy: nil))
        phrase("was not found in the directory", .fact(.directory, quoted: false, followedBy: nil))
        phrase("resource principal named", .fact(.resourcePrincipal, quoted: false, followedBy: " was not found"))
        phrase("tenant", .fact(.tenantNotFound, quoted: false, followedBy: " not found"))
        phrase("tenant identifier", .fact(.tenantNotFound, quoted: true, followedBy: nil))
        phrase("redirect uri", .fact(.redirectURI, quoted: true, followedBy: nil))
        phrase("reply address", .fact(.redirectURI, quoted: true, followedBy: nil))
        phrase("thumbprint of key used by client", .fact(.thumbprint, quoted: true, followedBy: nil))
        phrase("current time:", .fact(.currentTime, quoted: false, followedBy: nil))
        phrase("assertion valid from", .fact(.validFrom, quoted: false, followedBy: nil))
        phrase("expiry time of assertion", .fact(.expiry, quoted: false, followedBy: nil))
        phrase("validto:", .fact(.expiry, quoted: false, followedBy: nil))
        phrase("validfrom:", .fact(.validFrom, quoted: false, followedBy: nil))
        phrase("assertion subject", .fact(.assertionSubject, quoted: true, followedBy: nil))
        phrase("from identity provider", .fact(.identityProvider, quoted: true, followedBy: nil))
        phrase("kid is:", .fact(.keyId, quoted: true, followedBy: nil))
        phrase("request origin:", .fact(.requestOrigin, quoted: true, followedBy: nil))
        phrase("scope", .fact(.invalidScope, quoted: false, followedBy: " is not valid"))
        phrase("keys?appid=", .appSpecificKeys)
        for key in ["tenantid", "tenant_id", "azure_tenant_id"] { phrase(key, .tenantSetting) }

        // Messages worth recognising (stable signal IDs, used by `DiagnosisSignals`).
        phrase("client assertion is not within its valid time range", .signal("client-assertion-time-range"))
        phrase("assertion is not within its valid time range", .signal("assertion-time-range"))
        phrase("assertion audience does not match", .signal("assertion-audience-mismatch"))
        phrase("assertion audience claim does not match", .signal("assertion-audience-mismatch"))
        phrase("assertion failed signature validation", .signal("assertion-signature"))
        phrase("assertion contains an invalid signature", .signal("assertion-signature"))
        phrase("invalid client secret", .signal("client-secret-invalid"))
        phrase("client secret keys", .signal("client-secret-expired"))
        phrase("no certificate thumbprint specified", .signal("assertion-no-thumbprint"))
        phrase("case-insensitive comparison", .signal("subject-case"))
        phrase("combined with resource-specific scopes", .signal("default-combined"))
        phrase("default scope can't be combined", .signal("default-combined"))
        phrase("client credential flows must have a scope value", .signal("cc-scope-default"))
        phrase("x-ms-token-aad-id-token", .signal("id-token-header"))
        phrase("input id_token", .signal("id-token-assertion"))
        phrase("id_token can't be used", .signal("id-token-assertion"))
        phrase("sni", .signal("sni"))
        phrase("x5c", .signal("x5c"))
        phrase("sendx5c", .signal("x5c"))
        phrase("withsendx5c", .signal("x5c"))
        phrase("subject name and issuer", .signal("sni"))
        phrase("targeting the /common or /organizations", .msalLog("OnBehalfOfWrongAuthority"))

        // Network failures as client libraries and operating systems word them.
        for (text, kind) in [
            ("name or service not known", NetworkProblem.Kind.dns), ("no such host is known", .dns), ("getaddrinfo", .dns),
            ("enotfound", .dns), ("nodename nor servname", .dns), ("temporary failure in name resolution", .dns),
            ("certificate_verify_failed", .tls), ("certificate verify failed", .tls), ("unable_to_get_issuer_cert_locally", .tls),
            ("self signed certificate", .tls), ("self-signed certificate", .tls), ("the remote certificate is invalid", .tls),
            ("unable to verify the first certificate", .tls), ("certificate signed by unknown authority", .tls),
            ("sslerror", .tls), ("sslhandshakeexception", .tls), ("pkix path building failed", .tls),
            ("etimedout", .timeout), ("timed out", .timeout), ("taskcanceledexception", .timeout), ("operation has timed out", .timeout),
            ("econnrefused", .connection), ("connection refused", .connection), ("actively refused", .connection),
            ("econnreset", .connection), ("connection reset", .connection), ("connection was forcibly closed", .connection),
            ("proxy authentication required", .proxy), ("proxyerror", .proxy), ("unable to connect to proxy", .proxy),
            ("tunnel connection failed", .proxy),
        ] { phrase(text, .network(kind, text)) }

        // Flow markers: API names and grant types are strong, prose is weak.
        for (text, flow, weight) in [
            ("acquiretokenonbehalfof", KnowledgeFlow.obo, 3), ("acquiretokenonbehalfofasync", .obo, 3), ("onbehalfofcredential", .obo, 3),
            ("userassertion", .obo, 3), ("oboassertion", .obo, 3), ("on_behalf_of", .obo, 3), ("requested_token_use", .obo, 2),
            ("onbehalfofrequest", .obo, 3), ("onbehalfofprovider", .obo, 3), ("on-behalf-of", .obo, 2), ("on behalf of", .obo, 2),
            ("obo", .obo, 2), ("getaccesstokenforuserasync", .obo, 1), ("getauthenticationresultforuserasync", .obo, 1),
            ("acquiretokenforclient", .clientCredentials, 3), ("getaccesstokenforappasync", .clientCredentials, 3), ("getauthenticationresultforappasync", .clientCredentials, 3), ("acquiretokenforclientasync", .clientCredentials, 3),
            ("acquiretokenbyclientcredential", .clientCredentials, 3), ("client_credentials", .clientCredentials, 3),
            ("clientcredentialrequest", .clientCredentials, 3), ("clientsecretcredential", .clientCredentials, 3),
            ("clientcertificatecredential", .clientCredentials, 3), ("clientassertioncredential", .clientCredentials, 3),
            ("workloadidentitycredential", .clientCredentials, 3), ("clientcredentialstoken", .clientCredentials, 3),
            ("service-principal", .clientCredentials, 2), ("daemon", .clientCredentials, 1),
            ("acquiretokenbyauthorizationcode", .authCode, 3), ("acquiretokenbycode", .authCode, 3), ("authorization_code", .authCode, 3),
            ("remoteauthenticationhandler", .authCode, 3), ("onauthorizationcodereceived", .authCode, 3), ("authorizationcodeclient", .authCode, 3),
            ("code_verifier", .authCode, 2), ("code_challenge", .authCode, 2), ("loginredirect", .authCode, 2), ("loginpopup", .authCode, 2),
            ("acquiretokenpopup", .authCode, 2), ("acquiretokenredirect", .authCode, 2), ("acquiretokeninteractive", .authCode, 2),
            ("exchangecodefortoken", .authCode, 3), ("signin-oidc", .authCode, 2), ("response_type=code", .authCode, 2),
            ("refresh_token", .refresh, 2), ("acquiretokensilent", .refresh, 2), ("acquiretokenbyrefreshtoken", .refresh, 3),
            ("device_code", .deviceCode, 3), ("devicecodecredential", .deviceCode, 3), ("acquiretokenwithdevicecode", .deviceCode, 3),
            ("devicelogin", .deviceCode, 2), ("device code", .deviceCode, 1),
            // MSAL Python, MSAL Java and azure-identity spell the same calls their own way.
            ("acquire_token_on_behalf_of", .obo, 3), ("onbehalfofparameters", .obo, 3),
            ("acquire_token_for_client", .clientCredentials, 3), ("clientcredentialparameters", .clientCredentials, 3),
            ("acquire_token_by_authorization_code", .authCode, 3), ("acquire_token_by_auth_code_flow", .authCode, 3),
            ("authorizationcodeparameters", .authCode, 3), ("authorizationcodecredential", .authCode, 3),
            ("interactivebrowsercredential", .authCode, 2), ("acquire_token_interactive", .authCode, 2),
            ("acquire_token_silent", .refresh, 2), ("acquire_token_by_refresh_token", .refresh, 3), ("refreshtokenparameters", .refresh, 3),
            ("initiate_device_flow", .deviceCode, 3), ("acquire_token_by_device_flow", .deviceCode, 3),
            ("acquiretokenbydevicecode", .deviceCode, 3), ("devicecodeflowparameters", .deviceCode, 3),
        ] { phrase(text, .flow(flow, weight: weight, display: text)) }

        // Credential markers.
        for (text, kind, weight) in [
            ("clientsecretcredential", CredentialKind.secret, 3), ("withclientsecret", .secret, 3), ("client_secret", .secret, 2),
            ("clientsecret", .secret, 2), ("client secret", .secret, 1),
            ("clientcertificatecredential", .certificate, 3), ("withcertificate", .certificate, 3), ("clientassertioncertificate", .certificate, 3),
            ("certificate", .certificate, 1), ("thumbprint", .certificate, 1),
            ("clientassertioncredential", .federated, 3), ("workloadidentitycredential", .federated, 3),
            ("azure_federated_token_file", .federated, 3), ("federated", .federated, 2), ("token.actions.githubusercontent.com", .federated, 2),
            ("system:serviceaccount", .federated, 2), ("oidc", .federated, 1),
            ("managedidentitycredential", .managedIdentity, 3), ("managed identity", .managedIdentity, 2),
        ] { phrase(text, .credential(kind, weight: weight, display: text)) }

        // Entra login hosts (the tenant segment of an authority follows the slash).
        for (host, cloud) in [
            ("login.microsoftonline.com/", Cloud?.some(.public)), ("login.windows.net/", .public), ("sts.windows.net/", .public),
            ("login.microsoft.com/", .public), ("login.microsoftonline.us/", .usgov), ("login.usgovcloudapi.net/", .usgov),
            ("login.chinacloudapi.cn/", .china), ("login.partner.microsoftonline.cn/", .china),
        ] { phrase(host, .loginHost(cloud)) }
        return table
    }()

    /// Exception type names that map onto the knowledge base's MSAL.NET ones.
    static let exceptionAliases: [String: String] = [
        "msalinteractionrequiredexception": "MsalUiRequiredException",
        "interactionrequiredautherror": "MsalUiRequiredException",
        "adalclaimchallengeexception": "MsalClaimsChallengeException",
        "adalclaimschallengeexception": "MsalClaimsChallengeException",
        "adalserviceexception": "MsalServiceException",
    ]
}
