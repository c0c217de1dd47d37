/// The sign-in URL of the authorization code flow, with the parameters MSAL.NET puts in it, in
/// its order: `client_id, response_type=code, redirect_uri, scope` (requested + `openid profile
/// offline_access`), `state, code_challenge, code_challenge_method=S256, nonce, client_info=1`,
/// then `login_hint`, `prompt`, `claims`, `response_mode` and `client-request-id` when given.
public struct AuthorizeURL: Sendable {
    /// The query parameters in wire order (nothing secret: the verifier never leaves the machine
    /// before the code is redeemed).
    public let parameters: [(name: String, value: String)]
    public let endpoint: String

    public init(endpoint: String, clientId: String, redirectURI: String, scopes: [String], addReservedScopes: Bool = true,
                state: String, nonce: String, codeChallenge: String, loginHint: String?, prompt: String?, claims: String?,
                responseMode: String? = nil, correlationId: String? = nil) {
        self.endpoint = endpoint
        let scope = ScopeRules.scopes(for: .authorizationCode, requested: scopes, addReserved: addReservedScopes).joined(separator: " ")
        var p: [(name: String, value: String)] = [
            ("client_id", clientId), ("response_type", "code"), ("redirect_uri", redirectURI), ("scope", scope),
            ("state", state), ("code_challenge", codeChallenge), ("code_challenge_method", PKCE.method), ("nonce", nonce),
            ("client_info", "1"),
        ]
        func add(_ name: String, _ value: String?) {
            if let value = value?.trimmedWhitespace, !value.isEmpty { p.append((name, value)) }
        }
        add("login_hint", loginHint)
        add("prompt", prompt)
        add("claims", claims)
        add("response_mode", responseMode)
        add("client-request-id", correlationId)
        parameters = p
    }

    /// `{endpoint}?{form-encoded parameters}` (`&` when the endpoint already has a query).
    public var url: String {
        endpoint + (endpoint.contains("?") ? "&" : "?") + FormEncoding.encode(parameters)
    }
}

/// The values one sign-in must remember between the authorize URL and the redemption: `state`
/// (checked on the redirect), `nonce` (checked in the ID token), the PKCE verifier (sent with the
/// code) and the redirect URI (sent again, identical).
public struct AuthCodeSession: Sendable {
    public let state: String
    public let nonce: String
    public let verifier: String
    public let redirectURI: String

    public init(state: String, nonce: String, verifier: String, redirectURI: String) {
        self.state = state
        self.nonce = nonce
        self.verifier = verifier
        self.redirectURI = redirectURI
    }

    /// Fresh random values: `state` is two GUIDs (as MSAL.NET makes it), `nonce` one GUID, the
    /// verifier from `verifierByteCount` random bytes (32 → 43 characters; MSAL.NET uses 96).
    public static func start(redirectURI: String, verifierByteCount: Int = 32) -> AuthCodeSession {
        AuthCodeSession(state: GUID.make() + GUID.make(), nonce: GUID.make(), verifier: PKCE.makeVerifier(byteCount: verifierByteCount),
                        redirectURI: redirectURI)
    }

    public var codeChallenge: String { PKCE.challenge(for: verifier) }

    /// The sign-in URL for this session.
    public func authorizeURL(endpoint: String, clientId: String, scopes: [String], addReservedScopes: Bool = true,
                             loginHint: String? = nil, prompt: String? = nil, claims: String? = nil, responseMode: String? = nil,
                             correlationId: String? = nil) -> AuthorizeURL {
        AuthorizeURL(endpoint: endpoint, clientId: clientId, redirectURI: redirectURI, scopes: scopes, addReservedScopes: addReservedScopes,
                     state: state, nonce: nonce, codeChallenge: codeChallenge, loginHint: loginHint, prompt: prompt, claims: claims,
                     responseMode: responseMode, correlationId: correlationId)
    }

    /// Reads what came back (listener output or a pasted URL), checking `state`.
    public func parse(_ redirect: String) throws(ExchangeInputError) -> RedirectResult {
        try RedirectParser.parse(redirect, expectedState: state)
    }

    /// The grant that redeems `code`: same redirect URI, this session's verifier.
    public func grant(code: String) -> ExchangeRequest.Grant {
        .authorizationCode(code: code, redirectURI: redirectURI, codeVerifier: verifier)
    }

    /// Why the ID token of a successful redemption does not prove this sign-in: its `nonce` is
    /// missing or another one (a replayed or injected code). nil when it matches, or when there is
    /// no ID token (no `openid` scope) or the exchange failed.
    public func nonceProblem(in outcome: ExchangeOutcome) -> String? {
        guard outcome.succeeded, let idToken = outcome.tokens.first(where: { $0.field == "id_token" }) else { return nil }
        guard let nonce = idToken.report.token.claims?["nonce"]?.stringValue else {
            return "the ID token has no `nonce` claim, though the sign-in sent one: it may not come from this sign-in."
        }
        return nonce == self.nonce ? nil
            : "the ID token's `nonce` is not the one this sign-in sent: the code may come from another sign-in (replayed or injected)."
    }
}
