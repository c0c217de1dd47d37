import Explorer
import TokenScopeSandbox

/// The samples a newcomer gets with the embedded sandbox: tokens minted on the spot by the running
/// sandbox and the exchange form filled in, for the flows that work and the documented failure
/// scenarios (docs/SANDBOX.md). A failure's `id` is its `ScenarioCatalogue` ID, and a test runs every
/// one against the sandbox and expects that scenario's AADSTS code. The scenarios the form cannot
/// express (a code redeemed twice, a tampered PKCE verifier or redirect, a 91-day clock jump) stay
/// with `tokenscope sandbox scenarios --run`.
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
        func clientCredentials(_ app: SandboxInfo.AppInfo, secret value: String, scope: String = "api://downstream-api/.default",
                               tenant: String? = nil, clientId: String? = nil) -> ExchangeForm {
            ExchangeForm(flow: .clientCredentials, credential: .secret,
                         values: [.authority: baseURL, .tenant: tenant ?? contoso.id, .clientId: clientId ?? app.clientId, .scopes: scope, .secret: value])
        }
        /// The middle tier authenticating with a client assertion: a (defective) certificate assertion or workload token.
        func withAssertion(_ spec: MintSpec) -> ExchangeForm {
            ExchangeForm(flow: .clientCredentials, credential: .assertion,
                         values: [.authority: baseURL, .tenant: contoso.id, .clientId: middle.clientId, .scopes: "api://downstream-api/.default",
                                  .assertion: mint(spec) ?? ""])
        }
        func certificateAssertion(_ change: (inout MintSpec) -> Void) -> MintSpec {
            var spec = MintSpec(.clientAssertion, client: "middle-tier-api", tenant: contoso.id)
            change(&spec)
            return spec
        }
        func workload(_ change: (inout MintSpec) -> Void) -> MintSpec {
            var spec = MintSpec(.workload, client: "middle-tier-api")
            change(&spec)
            return spec
        }
        func failing(_ user: String = "alice", scope: String = "api://middle-tier-api/access_as_user", tenant: String? = nil,
                     _ change: (inout MintSpec) -> Void = { _ in }) -> String? {
            var spec = MintSpec(.accessToken, user: user, client: "spa-client", scope: scope, tenant: tenant)
            change(&spec)
            return mint(spec)
        }
        let fabrikam = info.tenants.first { $0.name == "fabrikam" }?.id ?? "fabrikam"
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
            Preset(id: "auth-code-pkce", title: "Authorization code + PKCE for alice (works)",
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
            Preset(id: "obo-id-token-assertion", title: "Fails: OBO with an ID token (caught before sending)",
                   summary: "The SPA sent its ID token instead of an access token; the form refuses to send it and says why.",
                   token: mint(MintSpec(.idToken, user: "alice", client: "spa-client")), form: obo()),
            Preset(id: "obo-mfa-required", title: "Fails: conditional access requires MFA (claims challenge)",
                   summary: "carol signed in without MFA; the answer carries `claims` that must travel back to the client.",
                   token: userToken("carol", "api://middle-tier-api/access_as_user"), form: obo()),
            Preset(id: "obo-guest-via-common", title: "Fails: a guest's token exchanged through /common",
                   summary: "bob is a guest from fabrikam; /common resolves him to his home tenant, not the token's.",
                   token: userToken("bob", "api://middle-tier-api/access_as_user"), form: obo([.tenant: "common"])),
            Preset(id: "cc-expired-secret", title: "Fails: an expired client secret (AADSTS7000222)",
                   summary: "The middle tier's second secret expired on 2024-01-31.",
                   token: nil, form: clientCredentials(middle, secret: middle.secrets.first { $0.expires <= now }?.value ?? "expired")),
            Preset(id: "cc-invalid-scope", title: "Fails: client credentials with a delegated scope (caught before sending)",
                   summary: "App-only requests must ask for {resource}/.default; the form says so before anything is sent.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon), scope: downstream)),
            // The other documented failures the form can express, in docs/SANDBOX.md's order.
            Preset(id: "obo-invalid-assertion", title: "Fails: OBO with a token the authority did not sign (AADSTS50013)",
                   summary: "alice's token, signed with a throwaway key: tampered, or from another issuer.",
                   token: failing { $0.badSignature = true }, form: obo()),
            Preset(id: "obo-expired-assertion", title: "Fails: OBO with an expired user token (AADSTS500133)",
                   summary: "The middle tier held on to the incoming token too long (it expired an hour ago).",
                   token: failing { $0.expired = true }, form: obo()),
            Preset(id: "obo-app-only-assertion", title: "Fails: OBO with an app-only token (caught before sending; Entra: AADSTS7000114)",
                   summary: "OBO needs a user: the daemon's client-credentials token has none. The form refuses it and says why.",
                   token: mint(MintSpec(.accessToken, client: "daemon", scope: "api://middle-tier-api/.default")), form: obo()),
            Preset(id: "obo-consent-required", title: "Fails: OBO for a scope nobody consented to (AADSTS65001)",
                   summary: "The middle tier was consented for User.Read on Graph, not Mail.Read.",
                   token: userToken("alice", "api://middle-tier-api/access_as_user"), form: obo([.scopes: "https://graph.microsoft.com/Mail.Read"])),
            Preset(id: "obo-blocked-by-ca", title: "Fails: conditional access blocks the user (AADSTS53003)",
                   summary: "A block policy covers dave and the downstream API.",
                   token: userToken("dave", "api://middle-tier-api/access_as_user"), form: obo()),
            Preset(id: "obo-user-not-in-tenant", title: "Fails: OBO in a tenant the user is not in (AADSTS50020)",
                   summary: "alice is neither a member nor a guest of fabrikam.",
                   token: failing(tenant: "fabrikam"), form: obo([.tenant: fabrikam])),
            Preset(id: "missing-parameter", title: "Fails: client credentials without a scope (caught before sending; Entra: AADSTS900144)",
                   summary: "Entra checks required parameters first; the form says which one is missing before anything is sent.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon), scope: "")),
            Preset(id: "cc-common-endpoint", title: "Fails: client credentials on /common (caught before sending; Entra: AADSTS9001023)",
                   summary: "An app-only token is always for one tenant: name it (GUID or domain) instead of /common.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon), tenant: "common")),
            Preset(id: "tenant-not-found", title: "Fails: a tenant that does not exist (AADSTS90002)",
                   summary: "A typo in the tenant domain: the authority cannot find it.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon), tenant: "no-such-tenant.example")),
            Preset(id: "cc-app-not-found", title: "Fails: a client ID the tenant does not know (AADSTS700016)",
                   summary: "The app is registered in another tenant, or the client ID is mistyped.",
                   token: nil, form: clientCredentials(daemon, secret: "anything", clientId: "00000000-1111-2222-3333-444444444444")),
            Preset(id: "cc-secret-id-instead-of-value", title: "Fails: the secret's ID sent instead of its value (AADSTS7000215)",
                   summary: "The portal shows a secret's value once; its ID (a GUID) is no password.",
                   token: nil, form: clientCredentials(daemon, secret: daemon.secrets.first?.id ?? "")),
            Preset(id: "cc-resource-not-found", title: "Fails: a scope for an API that does not exist (AADSTS500011)",
                   summary: "api://no-such-api is registered nowhere in the tenant.",
                   token: nil, form: clientCredentials(daemon, secret: secret(daemon), scope: "api://no-such-api/.default")),
            Preset(id: "cc-token-for-itself", title: "Fails: an app asks for a token to itself by App ID URI (AADSTS90009)",
                   summary: "The middle tier asks for api://middle-tier-api/.default: by App ID URI, Entra refuses; use its client ID.",
                   token: nil, form: clientCredentials(middle, secret: secret(middle), scope: "api://middle-tier-api/.default")),
            Preset(id: "cc-assertion-expired", title: "Fails: an expired client assertion (AADSTS700024)",
                   summary: "The middle tier's certificate assertion was made two hours ago.",
                   token: nil, form: withAssertion(certificateAssertion { $0.expired = true })),
            Preset(id: "fic-issuer-mismatch", title: "Fails: a workload token from an unregistered issuer (AADSTS700211)",
                   summary: "The federated credential trusts the sandbox's /federation issuer, not GitHub's.",
                   token: nil, form: withAssertion(workload { $0.issuer = "https://token.actions.githubusercontent.com" })),
            Preset(id: "fic-subject-mismatch", title: "Fails: a workload token with an unregistered subject (AADSTS700213)",
                   summary: "The federated credential names another Kubernetes service account.",
                   token: nil, form: withAssertion(workload { $0.subject = "system:serviceaccount:demo:other" })),
            Preset(id: "fic-audience-mismatch", title: "Fails: a workload token with the wrong audience (AADSTS70021)",
                   summary: "aud must be exactly api://AzureADTokenExchange (case matters).",
                   token: nil, form: withAssertion(workload { $0.audience = "api://azureadtokenexchange" })),
            Preset(id: "refresh-token-invalid", title: "Fails: a refresh token the authority never issued (AADSTS70000)",
                   summary: "Malformed, truncated, or from another authority.",
                   token: nil, form: ExchangeForm(flow: .refresh, credential: .secret, values: [
                       .authority: baseURL, .tenant: contoso.id, .clientId: web.clientId, .scopes: "api://middle-tier-api/access_as_user",
                       .secret: secret(web), .refreshToken: "not-a-refresh-token",
                   ])),
        ]
        presets.removeAll { $0.token == nil && $0.form.flow == .onBehalfOf }
        return presets
    }
}
