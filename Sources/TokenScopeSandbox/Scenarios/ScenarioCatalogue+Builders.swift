import Crypto
import TokenScopeCore

/// The demo values scenarios use and the helpers that build their steps. The IDs and secrets are
/// the demo directory's published values (a test checks they still match it).
extension ScenarioCatalogue {
    // MARK: Demo values

    enum Demo {
        static let tenant = "contoso.onmicrosoft.com"
        static let fabrikam = "fabrikam.onmicrosoft.com"
        static let daemon = "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69"
        static let daemonSecret = "daemon-demo-secret~0123456789abcdef"
        static let daemonSecretID = "3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d70"
        static let middleTier = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
        static let middleTierSecret = "middle-tier-demo-secret~0123456789abcdef"
        static let middleTierExpiredSecret = "middle-tier-expired-secret~0123456789"
        static let webApp = "7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62"
        static let webAppSecret = "web-app-demo-secret~0123456789abcdef"
        static let spaClient = "5a1c0e6f-2b3d-4c8e-9f1a-0b2c3d4e5f61"
        static let unknownClient = "11111111-2222-4333-8444-555555555555"
        static let alice = "alice@contoso.onmicrosoft.com"
        /// A PKCE verifier long enough to be its own `plain` challenge (43 to 128 characters).
        static let verifier = "tokenscope-sandbox-demo-code-verifier-0123456789"
        static var s256Challenge: String { Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8)))) }
        static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    }

    // MARK: Builders

    static func clientCredentials(_ client: String, secret: String?, scope: String? = "api://downstream-api/.default",
                                  tenant: String = Demo.tenant) -> ScenarioStep {
        var fields: [ScenarioField] = [.text("grant_type", "client_credentials"), .text("client_id", client)]
        if let secret { fields.append(.text("client_secret", secret)) }
        if let scope { fields.append(.text("scope", scope)) }
        return .token(tenant: tenant, fields: fields)
    }

    static func withAssertion(_ client: String, _ assertion: MintSpec, scope: String = "api://downstream-api/.default") -> ScenarioStep {
        .token(tenant: Demo.tenant, fields: [
            .text("grant_type", "client_credentials"), .text("client_id", client),
            ScenarioField("client_assertion", .minted(assertion)), .text("client_assertion_type", Demo.assertionType), .text("scope", scope),
        ])
    }

    static func certificateAssertion(_ change: (inout MintSpec) -> Void = { _ in }) -> MintSpec {
        var spec = MintSpec(.clientAssertion, client: "middle-tier-api", tenant: Demo.tenant)
        change(&spec)
        return spec
    }

    static func workload(_ change: (inout MintSpec) -> Void = { _ in }) -> MintSpec {
        var spec = MintSpec(.workload, client: "middle-tier-api")
        change(&spec)
        return spec
    }

    /// A user's token for the middle tier, as the SPA got it: the usual OBO assertion.
    static func userToken(_ user: String = "alice", scope: String = "api://middle-tier-api/access_as_user", tenant: String? = nil,
                          _ change: (inout MintSpec) -> Void = { _ in }) -> MintSpec {
        var spec = MintSpec(.accessToken, user: user, client: "spa-client", scope: scope, tenant: tenant)
        change(&spec)
        return spec
    }

    static func onBehalfOf(_ assertion: MintSpec, scope: String = "api://downstream-api/Data.Read", tenant: String = Demo.tenant,
                           certificate: Bool = false) -> ScenarioStep {
        var fields: [ScenarioField] = [
            .text("grant_type", TokenEndpoint.jwtBearer), .text("client_id", Demo.middleTier),
        ]
        if certificate {
            fields += [ScenarioField("client_assertion", .minted(certificateAssertion { $0.tenant = tenant })),
                       .text("client_assertion_type", Demo.assertionType)]
        } else {
            fields.append(.text("client_secret", Demo.middleTierSecret))
        }
        fields += [ScenarioField("assertion", .minted(assertion)), .text("requested_token_use", "on_behalf_of"), .text("scope", scope)]
        return .token(tenant: tenant, fields: fields)
    }

    /// `/authorize` for the web app (or the SPA) signing alice in with PKCE.
    static func authorize(client: String = Demo.webApp, redirect: String = "http://localhost", scope: String = "openid profile offline_access api://middle-tier-api/access_as_user",
                          method: String = "S256", tenant: String = Demo.tenant) -> ScenarioStep {
        .authorize(tenant: tenant, query: [
            ("client_id", client), ("response_type", "code"), ("redirect_uri", redirect), ("scope", scope),
            ("login_hint", Demo.alice), ("state", "demo-state"),
            ("code_challenge", method == "S256" ? Demo.s256Challenge : Demo.verifier), ("code_challenge_method", method),
        ])
    }

    static func redeem(client: String = Demo.webApp, secret: String? = Demo.webAppSecret, redirect: String = "http://localhost",
                       verifier: String = Demo.verifier, scope: String = "openid profile offline_access api://middle-tier-api/access_as_user",
                       tenant: String = Demo.tenant, headers: [(String, String)] = []) -> ScenarioStep {
        var fields: [ScenarioField] = [.text("grant_type", "authorization_code"), .text("client_id", client)]
        if let secret { fields.append(.text("client_secret", secret)) }
        fields += [ScenarioField("code", .fromEarlierStep("code")), .text("redirect_uri", redirect), .text("code_verifier", verifier), .text("scope", scope)]
        return .token(tenant: tenant, fields: fields, headers: headers)
    }

    static func refresh(token: ScenarioField.Value = .fromEarlierStep("refresh_token")) -> ScenarioStep {
        .token(tenant: Demo.tenant, fields: [
            .text("grant_type", "refresh_token"), .text("client_id", Demo.webApp), .text("client_secret", Demo.webAppSecret),
            ScenarioField("refresh_token", token), .text("scope", "openid profile offline_access api://middle-tier-api/access_as_user"),
        ])
    }
}
