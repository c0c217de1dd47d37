/// Decides what a token is from its contents (and, for opaque tokens, from where it was found).
enum TokenClassifier {
    struct Classification {
        let kind: TokenKind
        let accessType: AccessType?
        let version: String?
    }

    static func classify(_ token: ParsedToken, claims: ClaimSet, issuer: IssuerInfo?, source: TokenSource) -> Classification {
        let fieldKind: TokenKind? = {
            if case let .field(name) = source { return TokenKind(rawValue: name) }
            return nil
        }()
        switch token.format {
        case .opaque:
            return Classification(kind: OpaqueTokenGuess.kind(of: token.raw) ?? fieldKind ?? .unknown, accessType: nil, version: nil)
        case .jwe:
            return Classification(kind: fieldKind ?? .unknown, accessType: nil, version: nil)
        case .jws:
            break
        }
        guard claims.isObject else { return Classification(kind: fieldKind ?? .unknown, accessType: nil, version: nil) }
        return Classification(kind: kind(claims, fieldKind: fieldKind), accessType: accessType(claims),
                              version: version(claims, issuer: issuer))
    }

    private static func kind(_ claims: ClaimSet, fieldKind: TokenKind?) -> TokenKind {
        let idtyp = claims.string(.idtyp)
        if idtyp == "app" || claims.has(.scp) { return .accessToken }
        // ID-token-only claims: the nonce of the sign-in request and hybrid-flow hashes.
        if claims.has(.nonce) || claims.has(.atHash) || claims.has(.cHash) { return .idToken }
        if claims.hasClientID || claims.has(.roles) || claims.has(.idtyp) { return .accessToken }
        // No client claim, no scopes: the shape of an ID token (aud = the client that signed in).
        if claims.has(.aud) && (claims.has(.sub) || claims.has(.oid)) && fieldKind != .accessToken { return .idToken }
        return fieldKind ?? .unknown
    }

    private static func accessType(_ claims: ClaimSet) -> AccessType? {
        guard !claims.has(.nonce) else { return nil }
        let idtyp = claims.string(.idtyp)
        if idtyp == "app" { return .appOnly }
        if idtyp == "user" || claims.has(.scp) { return .delegated }
        guard claims.hasClientID else { return nil }
        // App-only tokens name no user; for a service principal `sub` equals `oid`.
        let namesUser = claims.has(.upn) || claims.has(.uniqueName) || claims.has(.preferredUsername) || claims.has(.name) || claims.has(.givenName)
        if namesUser { return .delegated }
        if claims.has(.roles) || (claims.string(.sub) != nil && claims.string(.sub) == claims.string(.oid)) { return .appOnly }
        return nil
    }

    private static func version(_ claims: ClaimSet, issuer: IssuerInfo?) -> String? {
        if let ver = claims.string(.ver), ver == "1.0" || ver == "2.0" { return ver }
        guard let issuer, issuer.isEntra else { return nil }
        if issuer.isV2Endpoint { return "2.0" }
        if issuer.isV1Form { return "1.0" }
        return nil
    }
}

/// Recognises the opaque token formats people paste, by their well-known prefixes.
enum OpaqueTokenGuess {
    static func kind(of raw: String) -> TokenKind? {
        if isMSACompactAccessToken(raw) { return .accessToken }
        if raw.hasPrefix("M.C") || raw.hasPrefix("M.R3_") { return .refreshToken }
        return nil
    }

    static func isMSACompactAccessToken(_ raw: String) -> Bool {
        // `raw.utf8.count > 100` first: a cheap necessary condition for `count > 100` (a Character
        // has at least one byte), so a short input never pays for counting Characters.
        raw.utf8.count > 100 && raw.count > 100 && ["EwA", "EwB", "EwC", "EwD", "EwE", "EwF", "EwG", "EwH", "EwI"].contains(where: raw.hasPrefix)
    }

    /// What it most likely is and why it cannot be decoded.
    static func describe(_ raw: String, source: TokenSource) -> String {
        if isMSACompactAccessToken(raw) {
            return "A Microsoft personal-account (MSA) access token in Microsoft's compact, encrypted format (it starts with `Ew`). Only the Microsoft service it was issued for can read it; there is nothing to decode on the client side."
        }
        if raw.hasPrefix("M.C") || raw.hasPrefix("M.R3_") {
            return "A Microsoft personal-account (MSA) refresh token. Refresh tokens are encrypted for the identity provider alone: store it, never parse it."
        }
        if raw.hasPrefix("0.A") || raw.hasPrefix("1.A") {
            let what = source == .field("refresh_token") ? "An Entra ID refresh token" : "An Entra ID refresh token or authorization code"
            return "\(what) (the `0.A`/`1.A` prefix). It is encrypted for Entra alone; only the token endpoint can read it."
        }
        if source == .field("refresh_token") {
            return "A refresh token. Refresh tokens are opaque by design: only the identity provider that issued it can read it."
        }
        let length = raw.count
        if raw.hasPrefix("eyJ") {
            return "Starts like a JWT (`eyJ`) but is not one: it does not have three (signed) or five (encrypted) parts. It was probably cut short when copied."
        }
        return "A \(length)-character string that is not a JWT. It may be a reference (opaque) token, an authorization code, a client secret, or only part of a token; only its issuer can interpret it."
    }
}
