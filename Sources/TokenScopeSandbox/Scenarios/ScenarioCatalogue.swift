/// Every scenario the sandbox reproduces with the demo directory: the happy path of each grant,
/// then one scenario per Entra failure. IDs are stable: docs/SANDBOX.md and scripts use them.
/// Steps are built with the helpers in `ScenarioCatalogue+Builders.swift`.
public enum ScenarioCatalogue {
    public static var all: [Scenario] {
        happyPaths + clientCredentialFailures + assertionFailures + oboFailures + codeFailures + refreshFailures
    }

    public static func scenario(id: String) -> Scenario? { all.first { $0.id == id } }

    static var happyPaths: [Scenario] {
        [
            Scenario("cc-secret", "Client credentials with a client secret", flow: "client-credentials",
                     explanation: "The daemon gets an app-only token for the downstream API; its app role arrives in `roles`.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecret)]),
            Scenario("cc-certificate", "Client credentials with a certificate (private_key_jwt)", flow: "client-credentials",
                     explanation: "The middle tier signs a client assertion with its demo certificate (x5t names it).",
                     steps: [withAssertion(Demo.middleTier, certificateAssertion())]),
            Scenario("cc-federated", "Client credentials with a federated credential (workload identity)", flow: "client-credentials",
                     explanation: "A workload token from the sandbox's /federation issuer matches the middle tier's federated credential.",
                     steps: [withAssertion(Demo.middleTier, workload())]),
            Scenario("obo-secret", "On-Behalf-Of with a client secret", flow: "obo",
                     explanation: "The middle tier trades alice's token (audience: the middle tier) for one to the downstream API.",
                     steps: [onBehalfOf(userToken())]),
            Scenario("obo-certificate", "On-Behalf-Of with a certificate", flow: "obo",
                     explanation: "The same exchange, the middle tier authenticating with a client assertion.",
                     steps: [onBehalfOf(userToken(), certificate: true)]),
            Scenario("auth-code-pkce", "Authorization code with PKCE (S256)", flow: "auth-code",
                     explanation: "/authorize signs alice in from login_hint and redirects with a code; the web app redeems it with the verifier.",
                     steps: [authorize(), redeem()]),
            Scenario("refresh-token", "Refresh token", flow: "refresh",
                     explanation: "The refresh token from a code redemption (offline_access) buys a new access token and a new refresh token.",
                     steps: [authorize(), redeem(), refresh()]),
            Scenario("device-code", "Device code", flow: "device-code",
                     explanation: "The SPA (a public client) starts a device code, alice approves it at /devicelogin, the poll gets the tokens.",
                     steps: [
                        .deviceCode(tenant: Demo.tenant, fields: [("client_id", Demo.spaClient), ("scope", "openid profile offline_access User.Read")]),
                        .approveDevice(user: Demo.alice),
                        .token(tenant: Demo.tenant, fields: [.text("grant_type", TokenEndpoint.deviceCode), .text("client_id", Demo.spaClient),
                                                             ScenarioField("device_code", .fromEarlierStep("device_code"))]),
                     ]),
        ]
    }

    static var clientCredentialFailures: [Scenario] {
        [
            Scenario("missing-parameter", "A required parameter is missing (no scope)", flow: "client-credentials", code: 900144,
                     explanation: "Required parameters are checked before anything else.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecret, scope: nil)]),
            Scenario("tenant-not-found", "The tenant in the authority does not exist", flow: "client-credentials", code: 90002,
                     explanation: "A typo in the tenant domain or GUID of the authority URL.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecret, tenant: "no-such-tenant.example")]),
            Scenario("cc-common-endpoint", "Client credentials on /common", flow: "client-credentials", code: 9001023,
                     explanation: "App-only tokens need a tenant: use the tenant ID or domain, not /common.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecret, tenant: "common")]),
            Scenario("cc-app-not-found", "The client ID is not registered in the tenant", flow: "client-credentials", code: 700016,
                     explanation: "Wrong client ID, or the right one sent to the wrong tenant.",
                     steps: [clientCredentials(Demo.unknownClient, secret: "anything")]),
            Scenario("cc-secret-id-instead-of-value", "The secret's ID sent instead of its value", flow: "client-credentials", code: 7000215, status: 401,
                     explanation: "The portal shows a secret's ID beside its value; the ID is not the secret.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecretID)]),
            Scenario("cc-expired-secret", "An expired client secret", flow: "client-credentials", code: 7000222, status: 401,
                     explanation: "The middle tier's second secret expired on 2024-01-31.",
                     steps: [clientCredentials(Demo.middleTier, secret: Demo.middleTierExpiredSecret)]),
            Scenario("cc-no-credential", "A confidential client sends no credential", flow: "client-credentials", code: 7000218, status: 401,
                     explanation: "Neither client_secret nor client_assertion was sent.",
                     steps: [clientCredentials(Demo.daemon, secret: nil)]),
            Scenario("cc-invalid-scope", "Client credentials with a delegated scope", flow: "client-credentials", code: 70011,
                     explanation: "App-only requests must ask for {resource}/.default, not a scope name.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecret, scope: "api://downstream-api/Data.Read")]),
            Scenario("cc-resource-not-found", "The resource in the scope does not exist", flow: "client-credentials", code: 500011,
                     explanation: "The App ID URI has a typo, or the API has no service principal in the tenant.",
                     steps: [clientCredentials(Demo.daemon, secret: Demo.daemonSecret, scope: "api://no-such-api/.default")]),
            Scenario("cc-token-for-itself", "An app asks for a token to itself by App ID URI", flow: "client-credentials", code: 90009,
                     explanation: "A token for yourself must name the resource by its client ID.",
                     steps: [clientCredentials(Demo.middleTier, secret: Demo.middleTierSecret, scope: "api://middle-tier-api/.default")]),
        ]
    }

    static var assertionFailures: [Scenario] {
        [
            Scenario("cc-assertion-expired", "An expired client assertion", flow: "client-credentials", code: 700024, status: 401,
                     explanation: "The assertion's exp is an hour ago (a clock problem, or a cached assertion).",
                     steps: [withAssertion(Demo.middleTier, certificateAssertion { $0.expired = true })]),
            Scenario("cc-assertion-bad-signature", "A client assertion signed with the wrong key", flow: "client-credentials", code: 700027, status: 401,
                     explanation: "x5t names the registered certificate but another private key signed it.",
                     steps: [withAssertion(Demo.middleTier, certificateAssertion { $0.badSignature = true })]),
            Scenario("cc-assertion-wrong-audience", "A client assertion for another token endpoint", flow: "client-credentials", code: 50012, status: 401,
                     explanation: "aud names login.microsoftonline.com while the request goes to the sandbox.",
                     steps: [withAssertion(Demo.middleTier, certificateAssertion {
                         $0.audience = "https://login.microsoftonline.com/\(DemoDirectory.contoso)/oauth2/v2.0/token"
                     })]),
            Scenario("cc-assertion-no-thumbprint", "A client assertion without x5t", flow: "client-credentials", code: 90014,
                     explanation: "Nothing in the header says which registered certificate signed it.",
                     steps: [withAssertion(Demo.middleTier, certificateAssertion { $0.noThumbprint = true })]),
            Scenario("fic-issuer-mismatch", "A federated assertion from an unregistered issuer", flow: "client-credentials", code: 700211, status: 401,
                     explanation: "No federated credential of the app names this issuer.",
                     steps: [withAssertion(Demo.middleTier, workload { $0.issuer = "https://token.actions.githubusercontent.com" })]),
            Scenario("fic-subject-mismatch", "A federated assertion with an unregistered subject", flow: "client-credentials", code: 700213, status: 401,
                     explanation: "The issuer matches but the subject (service account, branch, environment) does not.",
                     steps: [withAssertion(Demo.middleTier, workload { $0.subject = "system:serviceaccount:demo:other" })]),
            Scenario("fic-audience-mismatch", "A federated assertion with the wrong audience", flow: "client-credentials", code: 70021,
                     explanation: "Matching is case-sensitive: api://azureadtokenexchange is not api://AzureADTokenExchange.",
                     steps: [withAssertion(Demo.middleTier, workload { $0.audience = "api://azureadtokenexchange" })]),
        ]
    }

    static var oboFailures: [Scenario] {
        [
            Scenario("obo-invalid-assertion", "The user assertion was not signed by the authority", flow: "obo", code: 50013,
                     explanation: "A token from another issuer (or tampered with) cannot be exchanged.",
                     steps: [onBehalfOf(userToken { $0.badSignature = true })]),
            Scenario("obo-guest-via-common", "A guest's token exchanged through /common", flow: "obo", code: 50013,
                     explanation: "/common resolves bob to his home tenant, but his token is from contoso: call the token's tenant.",
                     steps: [onBehalfOf(userToken("bob"), tenant: "common")]),
            Scenario("obo-wrong-audience", "The user assertion is for another API", flow: "obo", code: 500131,
                     explanation: "The SPA sent the middle tier a token for the downstream API; aud must be the middle tier.",
                     steps: [onBehalfOf(userToken(scope: "api://downstream-api/Data.Read"))]),
            Scenario("obo-expired-assertion", "The user assertion has expired", flow: "obo", code: 500133,
                     explanation: "The middle tier held on to the incoming token too long.",
                     steps: [onBehalfOf(userToken { $0.expired = true })]),
            Scenario("obo-id-token-assertion", "An ID token sent as the user assertion", flow: "obo", code: 240002,
                     explanation: "The SPA sent its ID token instead of an access token for the middle tier.",
                     steps: [onBehalfOf(MintSpec(.idToken, user: "alice", client: "spa-client"))]),
            Scenario("obo-app-only-assertion", "An app-only token sent as the user assertion", flow: "obo", code: 7000114,
                     explanation: "OBO needs a user: a client-credentials token has none.",
                     steps: [onBehalfOf(MintSpec(.accessToken, client: "daemon", scope: "api://middle-tier-api/.default"))]),
            Scenario("obo-consent-required", "No consent for the downstream scope", flow: "obo", code: 65001,
                     explanation: "The middle tier was consented for User.Read on Graph, not Mail.Read.",
                     steps: [onBehalfOf(userToken(), scope: "https://graph.microsoft.com/Mail.Read")]),
            Scenario("obo-mfa-required", "Conditional access requires MFA (claims challenge)", flow: "obo", code: 50076,
                     explanation: "carol signed in without MFA; the answer carries `claims` for the client to step up.",
                     steps: [onBehalfOf(userToken("carol"))]),
            Scenario("obo-blocked-by-ca", "Conditional access blocks the user", flow: "obo", code: 53003,
                     explanation: "A block policy covers dave and the downstream API.",
                     steps: [onBehalfOf(userToken("dave"))]),
            Scenario("obo-user-not-in-tenant", "The user is not in the tenant", flow: "obo", code: 50020,
                     explanation: "alice is neither a member nor a guest of fabrikam.",
                     steps: [onBehalfOf(userToken(tenant: "fabrikam"), tenant: Demo.fabrikam)]),
        ]
    }

    static var codeFailures: [Scenario] {
        [
            Scenario("auth-code-redeemed-twice", "An authorization code redeemed twice", flow: "auth-code", code: 54005,
                     explanation: "Codes are single-use: a retried redemption, or two tabs racing.",
                     steps: [authorize(), redeem(), redeem()]),
            Scenario("auth-code-pkce-mismatch", "The PKCE verifier does not match (S256)", flow: "auth-code", code: 501481,
                     explanation: "The verifier sent is not the one the challenge was made from.",
                     steps: [authorize(), redeem(verifier: Demo.verifier + "-wrong")]),
            Scenario("auth-code-pkce-plain-mismatch", "The PKCE verifier does not match (plain)", flow: "auth-code", code: 50148,
                     explanation: "With method plain the verifier must equal the challenge.",
                     steps: [authorize(method: "plain"), redeem(verifier: Demo.verifier + "-wrong")]),
            Scenario("auth-code-redirect-mismatch", "The redirect URI differs from the one of /authorize", flow: "auth-code", code: 50011,
                     explanation: "The code was issued for http://localhost and redeemed with http://localhost:8080.",
                     steps: [authorize(), redeem(redirect: "http://localhost:8080")]),
            Scenario("auth-code-spa-without-origin", "A SPA code redeemed from a server", flow: "auth-code", code: 9002327,
                     explanation: "Codes issued to a SPA redirect URI must be redeemed cross-origin (with an Origin header).",
                     steps: [authorize(client: Demo.spaClient, redirect: "http://localhost:3000", scope: "openid profile User.Read"),
                             redeem(client: Demo.spaClient, secret: nil, redirect: "http://localhost:3000", scope: "openid profile User.Read")]),
            Scenario("auth-code-other-tenant", "A code redeemed in another tenant", flow: "auth-code", code: 700005,
                     explanation: "Issued in contoso, redeemed at fabrikam's token endpoint.",
                     steps: [authorize(client: Demo.spaClient, redirect: "http://localhost:3000", scope: "openid profile User.Read"),
                             redeem(client: Demo.spaClient, secret: nil, redirect: "http://localhost:3000", scope: "openid profile User.Read",
                                    tenant: Demo.fabrikam, headers: [("Origin", "http://localhost:3000")])]),
        ]
    }

    static var refreshFailures: [Scenario] {
        [
            Scenario("refresh-token-invalid", "A refresh token the authority never issued", flow: "refresh", code: 70000,
                     explanation: "Malformed, truncated, or from another authority.",
                     steps: [refresh(token: .text("not-a-refresh-token"))]),
            Scenario("refresh-token-inactive", "A refresh token unused for 91 days", flow: "refresh", code: 700082,
                     explanation: "Refresh tokens die after 90 days without use; the run moves the sandbox's clock forward.",
                     steps: [authorize(), redeem(), .advanceClock(seconds: 91 * 86_400), refresh()]),
        ]
    }
}
