import Explorer
import TokenScopeSandbox

/// The samples a newcomer gets with the embedded sandbox: tokens minted on the spot by the running
/// sandbox and the exchange form filled in, for the flows that work and the classic failures.
enum SandboxPresets {
    static func make(authority: SandboxAuthority, info: SandboxInfo, baseURL: String, now: Int64) -> [Preset] {
        guard let middle = info.apps.first(where: { $0.name == "middle-tier-api" }),
              let daemon = info.apps.first(where: { $0.name == "daemon" }),
              let web = info.apps.first(where: { $0.name == "web-app" }),
              let spa = info.apps.first(where: { $0.name == "spa-client" }),
              let contoso = info.tenants.first(where: { $0.name == "contoso" }) else { return [] }
        func mint(_ spec: MintSpec) -> String? { try? SandboxMint.mint(spec, authority: authority, now: now) }
        func secret(_ app: SandboxInfo.AppInfo) -> String { app.secrets.first { $0.expires > now }?.value ?? app.secrets.first?.value ?? "" }
        let alice = info.users.first { $0.name == "alice" }?.upn ?? "alice"
        let downstream = "api://downstream-api/Data.Read"
        let userToken = { (user: String, scope: String) in mint(MintSpec(.accessToken, user: user, client: "spa-client", scope: scope)) }

        func obo(_ values: [FormField: String] = [:], credential: CredentialChoice = .secret) -> ExchangeForm {
            var all: [FormField: String] = [.authority: baseURL, .clientId: middle.clientId, .scopes: downstream,
                                            .expectedAudience: ([middle.clientId] + middle.appIdUris).joined(separator: " ")]
            switch credential {
            case .secret: all[.secret] = secret(middle)
            case .certificate:
                all[.certificate] = middle.certificates.first?.certificatePath ?? ""
                all[.key] = middle.certificates.first?.privateKeyPath ?? ""
            default: break
            }
            all.merge(values) { $1 }
            return ExchangeForm(flow: .onBehalfOf, credential: credential, values: all)
        }
        func clientCredentials(_ app: SandboxInfo.AppInfo, secret value: String, scope: String = "api://downstream-api/.default") -> ExchangeForm {
            ExchangeForm(flow: .clientCredentials, credential: .secret,
                         values: [.authority: baseURL, .tenant: contoso.id, .clientId: app.clientId, .scopes: scope, .secret: value])
        }
        var presets: [Preset] = [
            Preset(id: "obo-secret", title: "On-Behalf-Of with a client secret (works)",
                   summary: "alice's token for the middle tier, traded for one to the downstream API. Watch the identity claims survive.",
                   token: userToken("alice", "api://middle-tier-api/access_as_user"), form: obo()),
            Preset(id: "obo-certificate", title: "On-Behalf-Of with a certificate (works)",
                   summary: "The same exchange; the middle tier signs a client assertion with its demo certificate (x5t#S256).",
                   token: userToken("alice", "api://middle-tier-api/access_as_user"), form: obo(credential: .certificate)),
            Preset(id: "cc-secret", title: "Client credentials: the daemon (works)",
                   summary: "An app-only token for the downstream API; its app role arrives in `roles`.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon))),
            Preset(id: "auth-code", title: "Authorization code + PKCE for alice (works)",
                   summary: "The web app signs alice in (the sandbox uses the login hint, no browser needed) and redeems the code with its verifier.",
                   token: nil, form: ExchangeForm(flow: .authCode, credential: .secret, values: [
                       .authority: baseURL, .tenant: contoso.id, .clientId: web.clientId, .scopes: "api://middle-tier-api/access_as_user",
                       .secret: secret(web), .loginHint: alice,
                   ])),
            Preset(id: "device-code", title: "Device code for the SPA (public client)",
                   summary: "Shows the code and URL; approve it at the sandbox's /devicelogin in a browser while TokenScope polls.",
                   token: nil, form: ExchangeForm(flow: .deviceCode, credential: .none, values: [
                       .authority: baseURL, .tenant: contoso.id, .clientId: spa.clientId, .scopes: "User.Read",
                   ])),
            Preset(id: "obo-wrong-audience", title: "Fails: OBO with a token for another API (AADSTS500131)",
                   summary: "The SPA sent the middle tier a token for the downstream API: aud must be the middle tier.",
                   token: userToken("alice", downstream), form: obo()),
            Preset(id: "obo-id-token", title: "Fails: OBO with an ID token (caught before sending)",
                   summary: "The SPA sent its ID token instead of an access token; the form refuses to send it and says why.",
                   token: mint(MintSpec(.idToken, user: "alice", client: "spa-client")), form: obo()),
            Preset(id: "obo-mfa", title: "Fails: conditional access requires MFA (claims challenge)",
                   summary: "carol signed in without MFA; the answer carries `claims` that must travel back to the client.",
                   token: userToken("carol", "api://middle-tier-api/access_as_user"), form: obo()),
            Preset(id: "obo-guest-common", title: "Fails: a guest's token exchanged through /common",
                   summary: "bob is a guest from fabrikam; /common resolves him to his home tenant, not the token's.",
                   token: userToken("bob", "api://middle-tier-api/access_as_user"), form: obo([.tenant: "common"])),
            Preset(id: "cc-expired-secret", title: "Fails: an expired client secret (AADSTS7000222)",
                   summary: "The middle tier's second secret expired on 2024-01-31.",
                   token: nil, form: clientCredentials(middle, secret: middle.secrets.first { $0.expires <= now }?.value ?? "expired")),
            Preset(id: "cc-delegated-scope", title: "Fails: client credentials with a delegated scope (caught before sending)",
                   summary: "App-only requests must ask for {resource}/.default; the form says so before anything is sent.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon), scope: downstream)),
        ]
        presets.removeAll { $0.token == nil && $0.form.flow == .onBehalfOf }
        return presets
    }
}
