/// The claims catalogue: what each JWT header field and payload claim in an Entra ID token means
/// and how to read its value. Pure data; the inspector looks entries up by (location, name).
///
/// Carriers follow Microsoft's access/ID token references. An empty carrier set marks a standard
/// JOSE/JWT field that Entra does not normally emit: it is listed so TokenScope can explain it
/// (and warn about it) when a token from elsewhere, or a tampered one, contains it.
public enum ClaimCatalogue {
    /// Every header and payload claim the reference documents, header first.
    public static let entries: [ClaimDescriptor] = header + payload

    /// Lookup by (location, name); payload lookups of unknown names return nil.
    /// Names are matched exactly: JWT claim names are case-sensitive.
    public static func descriptor(for name: String, in location: ClaimLocation = .payload) -> ClaimDescriptor? {
        index[Key(name: name, location: location)]
    }

    private struct Key: Hashable {
        let name: String
        let location: ClaimLocation
    }

    /// Built once; the first entry wins should a duplicate ever slip in (a test guards against that).
    private static let index: [Key: ClaimDescriptor] = {
        var out: [Key: ClaimDescriptor] = [:]
        for entry in entries where out[Key(name: entry.name, location: entry.location)] == nil {
            out[Key(name: entry.name, location: entry.location)] = entry
        }
        return out
    }()

    // MARK: - Header (JOSE) fields

    private static let header: [ClaimDescriptor] = [
        ClaimDescriptor("typ", .header, carriers: .all,
            meaning: "Media type of the token.",
            reading: "Entra always writes `JWT`. Other issuers may use `at+jwt` (RFC 9068). The value does not tell an access token from an ID token."),
        ClaimDescriptor("alg", .header, carriers: .all,
            meaning: "Algorithm used to sign the token.",
            reading: "Entra signs tokens with `RS256` (RSA + SHA-256). `none` or an `HS*` value on a token claiming an Entra issuer means it was not issued that way."),
        ClaimDescriptor("kid", .header, carriers: .all,
            meaning: "ID of the signing key in the issuer's published key set.",
            reading: "Match it to a `kid` in the issuer's `jwks_uri` (e.g. `.../discovery/v2.0/keys`). Keys rotate: refresh metadata about daily or when a kid is unknown."),
        ClaimDescriptor("x5t", .header, carriers: [.v1AccessToken, .v1IDToken],
            meaning: "Thumbprint of the signing certificate; legacy twin of kid.",
            reading: "Base64url SHA-1 certificate thumbprint; Entra sets it to the same value as `kid`. Only v1.0 tokens carry it, so its absence in v2.0 is normal."),
        ClaimDescriptor("nonce", .header, carriers: .accessTokens,
            meaning: "Microsoft Graph's private value that stops third parties verifying the token.",
            reading: "Seen on Graph and SharePoint tokens. The signature covers a SHA-256 of it, so ordinary checks fail; only the target API can validate. Don't validate tokens for APIs you don't own."),
        ClaimDescriptor("enc", .header, carriers: [],
            meaning: "Content-encryption algorithm of an encrypted token (JWE).",
            reading: "Only in JWE headers (five dot-separated parts), e.g. `A256GCM`. The payload can't be read without the recipient's key; treat the token as opaque."),
        ClaimDescriptor("zip", .header, carriers: [],
            meaning: "Compression applied to a JWE payload before encryption.",
            reading: "`DEF` means DEFLATE. Only meaningful in encrypted tokens; on a signed JWT it is non-standard."),
        ClaimDescriptor("cty", .header, carriers: [],
            meaning: "Content type of the payload, used when tokens are nested.",
            reading: "`JWT` means the payload is itself a JWT, e.g. a signed token wrapped in an encrypted one. Entra's signed tokens don't set it."),
        ClaimDescriptor("jku", .header, carriers: [],
            meaning: "URL of a key set said to hold the signing key.",
            reading: "Whoever made the token chose this URL, so it proves nothing; TokenScope never fetches it. Keys come only from the issuer's OIDC metadata `jwks_uri`."),
        ClaimDescriptor("x5u", .header, carriers: [],
            meaning: "URL of the signing certificate chain.",
            reading: "Like `jku`, it can point anywhere; TokenScope never fetches it. Verify against the keys in the issuer's metadata instead."),
        ClaimDescriptor("x5c", .header, carriers: [],
            meaning: "Signing certificate chain carried inside the header.",
            reading: "Normally an array of base64 (not base64url) DER certificates, leaf first; MSAL.NET client assertions send one string. Don't trust a key just because the token carries it."),
        ClaimDescriptor("x5t#S256", .header, carriers: [],
            meaning: "SHA-256 thumbprint of the signing certificate.",
            reading: "Base64url SHA-256 of the DER certificate. Seen in PS256 client assertions (e.g. from MSAL); Entra-issued tokens use `kid`/`x5t` instead."),
    ]

    // MARK: - Payload claims

    private static let payload: [ClaimDescriptor] = registered + identity + client + authorization
        + authentication + profile + optionalExtras + idTokenOnly + observed

    /// Issuer, audience, lifetime and token bookkeeping.
    private static let registered: [ClaimDescriptor] = [
        ClaimDescriptor("aud", carriers: .all,
            meaning: "Who the token is for: the API (access token) or the signing-in app (ID token).",
            reading: "v2.0 and ID tokens: a client ID GUID. v1.0 access tokens: the client ID or any App ID URI, with or without a trailing slash. An API must reject any other aud."),
        ClaimDescriptor("iss", carriers: .all,
            meaning: "The token service and tenant that issued the token.",
            reading: "v1.0: `https://sts.windows.net/{tid}/` (trailing slash); v2.0: `https://login.microsoftonline.com/{tid}/v2.0`. Tenant 9188040d-... means a personal Microsoft account."),
        ClaimDescriptor("idp", carriers: .all,
            meaning: "Identity provider that actually authenticated the subject.",
            reading: "Same as iss unless the user comes from elsewhere (e.g. guests). `live.com` or an issuer with tenant 9188040d-... means a personal Microsoft account. Absent: use iss."),
        ClaimDescriptor("iat", carriers: .all,
            meaning: "When the token was issued (Entra: when authentication for it took place).",
            reading: "Unix time in seconds (UTC). Usually equal to nbf; a value in your future means the clocks disagree."),
        ClaimDescriptor("nbf", carriers: .all,
            meaning: "Earliest time the token may be accepted.",
            reading: "Unix time in seconds (UTC). Validators normally allow a few minutes of clock skew."),
        ClaimDescriptor("exp", carriers: .all,
            meaning: "Time after which the token must be rejected.",
            reading: "Unix time in seconds (UTC). Access tokens last 60-90 min by default (CAE ones up to ~28 h), ID tokens 1 h. An API may refuse it earlier, e.g. after revocation."),
        ClaimDescriptor("ver", carriers: .all,
            meaning: "Token format version.",
            reading: "`1.0` or `2.0`. Access tokens follow the API's accessTokenAcceptedVersion, not the endpoint the client called; ID tokens follow the endpoint."),
        ClaimDescriptor("uti", carriers: .all,
            meaning: "Unique identifier of this token (Entra's equivalent of jti).",
            reading: "Case-sensitive base64url text (22 chars = a GUID). Ties the token to its sign-in: it is the request ID / unique token identifier in Entra sign-in logs."),
        ClaimDescriptor("aio", carriers: .all,
            meaning: "Internal Entra data kept for token reuse.",
            reading: "Opaque string; don't parse it or depend on it."),
        ClaimDescriptor("rh", carriers: .all,
            meaning: "Internal Entra value used to revalidate tokens.",
            reading: "Opaque string; don't parse it or depend on it."),
    ]

    /// Who the subject is.
    private static let identity: [ClaimDescriptor] = [
        ClaimDescriptor("tid", carriers: .all,
            meaning: "Tenant (directory) the subject signed in to.",
            reading: "GUID. 9188040d-6c67-4c5b-b112-36a304b66dad is the personal Microsoft account tenant. For guests it is the resource tenant, not their home tenant."),
        ClaimDescriptor("oid", carriers: .all,
            meaning: "Immutable object ID of the user or service principal in this tenant.",
            reading: "GUID: same for every app in a tenant, different in each tenant, so oid + tid identify a user. It is the `id` of the user or service principal in Microsoft Graph."),
        ClaimDescriptor("sub", carriers: .all,
            meaning: "Subject: stable identifier of the principal, unique per application.",
            reading: "Pairwise: the same user gets a different sub in each app (client ID). Immutable; read it with tid/iss. For users it is not the oid, so Graph can't look it up."),
        ClaimDescriptor("idtyp", carriers: [.accessTokens, .optional],
            meaning: "Whether the token was issued to an app alone or to an app acting for a user.",
            reading: "`app` = app-only token (no user). `user` appears only if the API enabled include_user_token. The surest app-vs-delegated signal when present."),
        ClaimDescriptor("preferred_username", carriers: [.v2AccessToken, .v2IDToken, .optional],
            meaning: "Username to show the user or use as a sign-in hint.",
            reading: "Often a UPN or email, but may be a phone number or any string. Mutable: never authorize on it. v2.0 by default; v1.0 only as an optional claim."),
        ClaimDescriptor("unique_name", carriers: [.v1AccessToken, .v1IDToken],
            meaning: "Human-readable username of the subject (v1.0).",
            reading: "Usually the UPN or email. Display only; it can change. v2.0 tokens use preferred_username instead."),
        ClaimDescriptor("upn", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "User principal name, the user's sign-in name.",
            reading: "Like user@contoso.com; guests may show `user_home.com#EXT#@resource.com` (or `_EXT_` without hashes). It can change: key on oid instead."),
        ClaimDescriptor("name", carriers: .all,
            meaning: "Display name of the subject.",
            reading: "Free text, mutable, for display only; never use it for authorization. v2.0 tokens need the `profile` scope."),
    ]

    /// The client application and how it proved itself.
    private static let client: [ClaimDescriptor] = [
        ClaimDescriptor("appid", carriers: .v1AccessToken,
            meaning: "Client ID of the app that requested the token (v1.0).",
            reading: "GUID of the calling app, acting alone or for a user; match it against well-known Microsoft client IDs to name it. v2.0 tokens carry azp instead."),
        ClaimDescriptor("appidacr", carriers: .v1AccessToken,
            meaning: "How the client app authenticated (v1.0).",
            reading: "String: `0` public client (no credential), `1` client secret, `2` certificate or signed client assertion."),
        ClaimDescriptor("azp", carriers: .v2AccessToken,
            meaning: "Client ID of the app that requested the token (v2.0).",
            reading: "GUID; the v2.0 replacement for appid, and it names the same thing."),
        ClaimDescriptor("azpacr", carriers: .v2AccessToken,
            meaning: "How the client app authenticated (v2.0).",
            reading: "String, read like appidacr: `0` public client, `1` client secret, `2` certificate or signed client assertion."),
        ClaimDescriptor("xms_cc", carriers: [.accessTokens, .optional],
            meaning: "Capabilities the calling client declared.",
            reading: "JSON array such as `[\"cp1\"]`; `cp1` means the client can handle claims challenges (CAE). Present only if the API asked for it and the client sent it."),
    ]

    /// What the caller may do.
    private static let authorization: [ClaimDescriptor] = [
        ClaimDescriptor("scp", carriers: .accessTokens,
            meaning: "Delegated permissions (scopes) granted to the client for this API.",
            reading: "One space-separated string, not an array, e.g. `User.Read Mail.Send`. Only in tokens with a user; app-only tokens use roles instead."),
        ClaimDescriptor("roles", carriers: .all,
            meaning: "App roles granted for this API.",
            reading: "JSON array of strings. In app-only tokens these are application permissions (e.g. `User.Read.All`); in user tokens, the app roles assigned to the user."),
        ClaimDescriptor("wids", carriers: .all,
            meaning: "Tenant-wide directory roles held by the user.",
            reading: "Array of role template GUIDs (not assignment IDs); b79fbf4d-... is the default member role. Driven by groupMembershipClaims; may be missing in implicit-flow tokens."),
        ClaimDescriptor("groups", carriers: [.all, .optional],
            meaning: "Object IDs of the groups the user belongs to.",
            reading: "Array of group GUIDs, per groupMembershipClaims. Past 200 groups (JWT; 6 in implicit flow) it is dropped and _claim_names/_claim_sources appear."),
        ClaimDescriptor("_claim_names", carriers: [.all, .optional],
            meaning: "Overage marker: which claims were too big and live elsewhere.",
            reading: "Object such as `{\"groups\": \"src1\"}`: the group list did not fit. Find the named source in _claim_sources, then ask Microsoft Graph for the memberships."),
        ClaimDescriptor("_claim_sources", carriers: [.all, .optional],
            meaning: "Where to fetch claims that did not fit in the token.",
            reading: "Object mapping a source name to an `endpoint` URL. The URL may be retired AAD Graph (graph.windows.net); call Microsoft Graph getMemberObjects instead."),
        ClaimDescriptor("hasgroups", carriers: [.all, .optional],
            meaning: "Says the user has groups that were left out (implicit flow).",
            reading: "Always `true` when present. Sent instead of groups when the list would make the redirect URL too long; query Microsoft Graph for the memberships."),
        ClaimDescriptor("acrs", carriers: .accessTokens,
            meaning: "Conditional Access authentication contexts the caller has satisfied.",
            reading: "JSON array of context IDs such as `c1`, each defined by the tenant. Check it before a sensitive action and send a claims challenge for step-up if absent."),
    ]

    /// How the user signed in.
    private static let authentication: [ClaimDescriptor] = [
        ClaimDescriptor("amr", carriers: [.v1AccessToken, .v1IDToken],
            meaning: "Methods the user authenticated with.",
            reading: "JSON array of method names such as pwd, rsa, mfa; with `mfa` the other methods used are listed too. v1.0 tokens only; v2.0 access tokens omit it."),
        ClaimDescriptor("acr", carriers: .v1AccessToken,
            meaning: "Authentication context class of the user's sign-in (v1.0).",
            reading: "`0` means the sign-in did not meet ISO/IEC 29115; `1` is an ordinary sign-in, not proof of MFA. In Azure AD B2C tokens it may hold the user-flow name instead."),
        ClaimDescriptor("auth_time", carriers: .optional,
            meaning: "When the user last actually entered credentials.",
            reading: "Unix time in seconds (UTC). Can be long before iat when tokens are renewed silently; compare with now to require a recent sign-in."),
        ClaimDescriptor("sid", carriers: [.idTokens, .optional],
            meaning: "ID of the user's sign-in session.",
            reading: "GUID-like string shared by all tokens from one session; used for per-session sign-out. Not a user identifier."),
        ClaimDescriptor("ipaddr", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "IP address the user authenticated from.",
            reading: "IPv4 or IPv6 text as Entra saw it at sign-in; may differ from the address calling your API (proxies, NAT, later reuse)."),
        ClaimDescriptor("fwd", carriers: .optional,
            meaning: "Original client IP address when the sign-in came through a VNET.",
            reading: "IP address text; complements ipaddr, which then shows the network's address."),
        ClaimDescriptor("vnet", carriers: .optional,
            meaning: "Details of the virtual network the request came from.",
            reading: "Format is not documented; treat it as informational text."),
        ClaimDescriptor("in_corp", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "Set when the client signed in from the corporate network.",
            reading: "Boolean, based on the tenant's MFA trusted IP ranges. Outside the network the claim is simply omitted, not set to false."),
        ClaimDescriptor("pwd_exp", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "When the user's password expires.",
            reading: "Sent only when expiry is near. Microsoft's docs disagree: seconds after iat, or a Unix time. A small number is an offset from iat."),
        ClaimDescriptor("pwd_url", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "Page where the user can change their password.",
            reading: "URL; sent together with pwd_exp when the password is about to expire."),
        ClaimDescriptor("onprem_sid", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "On-premises Windows security identifier of a synced user.",
            reading: "SID text like `S-1-5-21-...`, for users synced from Active Directory. Meant for legacy apps that authorize on SIDs."),
    ]

    /// Names and contact details: all display data, none of it safe for authorization.
    private static let profile: [ClaimDescriptor] = [
        ClaimDescriptor("given_name", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "User's first name.",
            reading: "Free text from the user object; display only. Optional in v2.0 (needs the `profile` scope)."),
        ClaimDescriptor("family_name", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "User's surname.",
            reading: "Free text from the user object; display only. Optional in v2.0 (needs the `profile` scope)."),
        ClaimDescriptor("nickname", carriers: [.v1AccessToken, .v1IDToken, .optional],
            meaning: "Another name for the user, apart from first and last name.",
            reading: "Free text from the user object; display only."),
        ClaimDescriptor("email", carriers: [.idTokens, .optional],
            meaning: "Email address recorded for the user.",
            reading: "Sent by default for guests; otherwise an optional claim (or the `email` scope in v2.0). Unverified and mutable: never authorize on it. See xms_edov."),
        ClaimDescriptor("verified_primary_email", carriers: .optional,
            meaning: "User's primary email from their authoritative directory record.",
            reading: "Email text taken from the PrimaryAuthoritativeEmail attribute. Still mutable; key on oid, not on this."),
        ClaimDescriptor("verified_secondary_email", carriers: .optional,
            meaning: "User's secondary email from their authoritative directory record.",
            reading: "Email text taken from the SecondaryAuthoritativeEmail attribute. Still mutable; key on oid, not on this."),
        ClaimDescriptor("xms_edov", carriers: .optional,
            meaning: "Whether the email's domain owner has been verified.",
            reading: "Boolean. True when the domain is verified in the user's tenant, or the address is from MSA, Google or email OTP. Sent only alongside email."),
        ClaimDescriptor("login_hint", carriers: .optional,
            meaning: "Opaque hint for signing the same user in silently elsewhere.",
            reading: "Base64 text; pass it unchanged as the `login_hint` request parameter for SSO. Not meant to be decoded; it points at the user's home tenant."),
    ]

    /// Optional claims that describe the user's or tenant's locale and account kind.
    private static let optionalExtras: [ClaimDescriptor] = [
        ClaimDescriptor("acct", carriers: .optional,
            meaning: "Whether the user is a member or a guest of the tenant.",
            reading: "`0` = member, `1` = guest."),
        ClaimDescriptor("ctry", carriers: .optional,
            meaning: "User's country or region.",
            reading: "Two-letter ISO 3166 code such as `FR` or `JP`, from the user object; omitted when not a valid code."),
        ClaimDescriptor("tenant_ctry", carriers: .optional,
            meaning: "Country or region of the resource tenant.",
            reading: "Two-letter code set by a tenant admin, such as `US` or `DE`."),
        ClaimDescriptor("tenant_region_scope", carriers: .optional,
            meaning: "Geographic region of the resource tenant.",
            reading: "Short region code such as `NA`, `EU` or `WW` (worldwide); describes the tenant, not where the user is."),
        ClaimDescriptor("xms_pdl", carriers: .optional,
            meaning: "User's preferred data location in a Multi-Geo tenant.",
            reading: "Three-letter geography code such as `EUR`, `NAM` or `APC`."),
        ClaimDescriptor("xms_pl", carriers: .optional,
            meaning: "User's preferred language.",
            reading: "Language-country tag like `en-us`; for guests it comes from their home tenant."),
        ClaimDescriptor("xms_tpl", carriers: .optional,
            meaning: "Resource tenant's preferred language.",
            reading: "Two-letter language code like `en`."),
        ClaimDescriptor("ztdid", carriers: .optional,
            meaning: "Zero-touch deployment ID of the device.",
            reading: "Device identity used by Windows Autopilot; treat it as an opaque ID."),
    ]

    /// Claims that only appear in ID tokens.
    private static let idTokenOnly: [ClaimDescriptor] = [
        ClaimDescriptor("nonce", carriers: .idTokens,
            meaning: "Value the app sent in its sign-in request, echoed back.",
            reading: "Compare it with the nonce the app stored before redirecting; a mismatch means a replayed or mixed-up response."),
        ClaimDescriptor("c_hash", carriers: .idTokens,
            meaning: "Hash of the authorization code returned with this ID token.",
            reading: "Base64url of the left half of the SHA-256 (per alg) of the code. Present in hybrid flow; check it to bind the code to this ID token."),
        ClaimDescriptor("at_hash", carriers: .idTokens,
            meaning: "Hash of the access token returned with this ID token.",
            reading: "Base64url of the left half of the SHA-256 (per alg) of the access token text. Present when /authorize also returned an access token."),
    ]

    /// Claims seen in real tokens (Graph, managed identity, B2C, PoP) rather than in the claim tables.
    private static let observed: [ClaimDescriptor] = [
        ClaimDescriptor("app_displayname", carriers: .v1AccessToken,
            meaning: "Display name of the calling application.",
            reading: "Free text seen in Microsoft Graph tokens; a convenience only. Identify the app by appid."),
        ClaimDescriptor("puid", carriers: .v1AccessToken,
            meaning: "Internal Microsoft user identifier seen in Graph tokens.",
            reading: "16 hex digits; undocumented and internal. Identify users by oid + tid instead."),
        ClaimDescriptor("platf", carriers: .v1AccessToken,
            meaning: "Device platform code seen in Microsoft Graph tokens.",
            reading: "Small number as text, e.g. `3`. Microsoft doesn't publish the mapping, so treat it as informational."),
        ClaimDescriptor("deviceid", carriers: [.all, .optional],
            meaning: "ID of the Entra-registered or joined device used to sign in.",
            reading: "GUID: the device's deviceId (not its directory object ID). Appears when the sign-in went through the device, e.g. a Windows primary refresh token."),
        ClaimDescriptor("xms_mirid", carriers: [.accessTokens, .optional],
            meaning: "Azure resource ID of the managed identity that got the token.",
            reading: "ARM path like `/subscriptions/.../userAssignedIdentities/name`, or the host resource for a system-assigned identity. Only in managed identity tokens."),
        ClaimDescriptor("cnf", carriers: [.accessTokens, .optional],
            meaning: "Key the token is bound to (proof of possession).",
            reading: "Object naming the key: `jwk`, `kid`, or `x5t#S256` for an mTLS certificate. The caller must prove it holds that key, so the token alone is not enough."),
        ClaimDescriptor("jti", carriers: [],
            meaning: "Unique token ID (standard JWT claim).",
            reading: "Entra's own tokens use uti instead; jti shows up in client assertions and other issuers' tokens. A receiver can use it to spot replays."),
        ClaimDescriptor("tfp", carriers: .optional,
            meaning: "Azure AD B2C policy (user flow or custom policy) that issued the token.",
            reading: "Policy name such as `B2C_1_signupsignin`. Only B2C tokens carry it; a B2C app can be set to put the policy in acr instead."),
        ClaimDescriptor("xms_ftd", carriers: .accessTokens,
            meaning: "Internal Entra value; undocumented.",
            reading: "Opaque base64url string; don't parse it or depend on it."),
        ClaimDescriptor("xms_idrel", carriers: .accessTokens,
            meaning: "Internal Entra relationship codes; undocumented.",
            reading: "Space-separated numbers such as `1 16`. Their meaning isn't published, so don't depend on them."),
    ]
}
