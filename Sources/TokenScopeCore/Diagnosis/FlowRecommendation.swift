/// What the flow chooser recommends: the flow, the credential, the steps, and what to avoid.
public struct FlowRecommendation: Sendable, Equatable {
    public enum Flow: String, Sendable, CaseIterable {
        case onBehalfOf = "obo"
        case longRunningOnBehalfOf = "long-running-obo"
        case clientCredentials = "client-credentials"
        case authCode = "auth-code"
        case authCodePKCE = "auth-code-pkce"
        case deviceCode = "device-code"
    }

    public let flow: Flow
    public let title: String
    public let summary: String
    /// How the client proves itself.
    public let credential: String
    public let steps: [String]
    /// When not to use On-Behalf-Of (or this flow), and what to do instead.
    public let avoid: [String]
    /// The MSAL.NET call.
    public let msalNet: String
    /// How to try it with TokenScope.
    public let tryIt: String

    static func credential(onAzure: Bool) -> String {
        onAzure
            ? "A managed identity, added to the app registration as a federated credential: nothing to store or rotate. Use a certificate where a managed identity cannot reach."
            : "A certificate (private key in a key vault or the OS store), or a federated credential when the workload already has an OIDC identity (GitHub Actions, Kubernetes service accounts). Use a client secret only for quick tests."
    }

    static func onBehalfOf(longRunning: Bool, onAzure: Bool) -> FlowRecommendation {
        var steps = [
            "Expose a scope on the middle tier (Expose an API, e.g. `access_as_user`) and have the client request that scope; the token the client sends must have the middle tier as `aud`.",
            "Validate the incoming token (audience, issuer, expiry) before anything else, then pass the raw token to On-Behalf-Of unchanged.",
            "Send the On-Behalf-Of request to the tenant in the token's `tid` claim, not to /common or /organizations (guests would get the wrong tenant).",
            "Grant the middle tier the delegated permissions of the downstream API, and add the client to knownClientApplications (or grant admin consent) so users consent once.",
            "When On-Behalf-Of fails with a claims challenge (MFA, Conditional Access), return 401 with `WWW-Authenticate: Bearer error=\"insufficient_claims\", claims=\"…\"` so the client signs in again.",
        ]
        if longRunning {
            steps.insert("Start the work with the long-running API while the user's request is still running, keep the session key, and continue later with it; MSAL refreshes with its own refresh token.", at: 2)
        }
        return FlowRecommendation(
            flow: longRunning ? .longRunningOnBehalfOf : .onBehalfOf,
            title: longRunning ? "Long-running On-Behalf-Of" : "On-Behalf-Of",
            summary: "The middle tier exchanges the access token it received from the user's client for a token to the downstream API, keeping the user's identity.",
            credential: credential(onAzure: onAzure),
            steps: steps,
            avoid: [
                "Do not pass ID tokens, tokens for Microsoft Graph or any other API, or app-only tokens as the assertion: only an access token for the middle tier itself can be exchanged.",
                longRunning ? "Do not keep the user's access token for later: it expires and cannot be refreshed by the middle tier."
                    : "If the work must outlive the request, use the long-running On-Behalf-Of API instead of storing the user's token.",
            ],
            msalNet: longRunning
                ? "`await ((ILongRunningWebApi)app).InitiateLongRunningProcessInWebApi(scopes, incomingToken, ref sessionKey).ExecuteAsync();` then later `await ((ILongRunningWebApi)app).AcquireTokenInLongRunningProcess(scopes, sessionKey).ExecuteAsync();`"
                : "`await app.AcquireTokenOnBehalfOf(scopes, new UserAssertion(incomingToken)).WithTenantId(tid).ExecuteAsync();`",
            tryIt: "tokenscope exchange obo --authority https://login.microsoftonline.com/<tenant-id> --client-id <middle-tier-app-id> --cert <cert.pem> --key <key.pem> --scope <downstream-scope> --user-assertion @token.txt")
    }

    static func clientCredentials(onAzure: Bool, fromAPI: Bool) -> FlowRecommendation {
        var avoid = ["Do not use a tenant-independent authority (/common, /organizations): name the tenant."]
        if fromAPI {
            avoid.insert("Avoid On-Behalf-Of here: the caller authenticates as an application, so there is no user to act for (Entra refuses with AADSTS7000114). Call the downstream API with the middle tier's own application permissions.", at: 0)
        }
        return FlowRecommendation(
            flow: .clientCredentials, title: "Client credentials",
            summary: "The app gets an app-only token for itself, with the application permissions (app roles) an administrator granted it.",
            credential: credential(onAzure: onAzure),
            steps: [
                "Add the downstream API's application permissions (app roles) to the registration and have an administrator grant consent.",
                "Request `<resource>/.default` (for example `https://graph.microsoft.com/.default`); individual scopes are not allowed for app-only tokens.",
                "Reuse one confidential client application object so MSAL's token cache serves repeated requests.",
            ],
            avoid: avoid,
            msalNet: "`await app.AcquireTokenForClient(new[] { \"https://graph.microsoft.com/.default\" }).ExecuteAsync();`",
            tryIt: "tokenscope exchange client-credentials --authority https://login.microsoftonline.com/<tenant-id> --client-id <app-id> --cert <cert.pem> --key <key.pem> --scope https://graph.microsoft.com/.default")
    }

    static let b2cMiddleTier = FlowRecommendation(
        flow: .clientCredentials, title: "Client credentials from the middle tier (On-Behalf-Of is not available in Azure AD B2C)",
        summary: "Azure AD B2C has no On-Behalf-Of grant. Either let the client request a token for the downstream API itself and call it, or let the middle tier call the downstream API with its own app-only token and pass the user's identity as data it has validated.",
        credential: credential(onAzure: false),
        steps: [
            "If the downstream API is yours and also protected by B2C: have the client request its scope and call it directly.",
            "Otherwise: register the middle tier for client credentials in the tenant that protects the downstream API, and authorize each call in the middle tier from the user's validated token.",
        ],
        avoid: ["Avoid On-Behalf-Of with Azure AD B2C: the grant is not supported there."],
        msalNet: "`await app.AcquireTokenForClient(new[] { \"<downstream-api>/.default\" }).ExecuteAsync();`",
        tryIt: "tokenscope exchange client-credentials --help")

    static func webApp(onAzure: Bool) -> FlowRecommendation {
        FlowRecommendation(
            flow: .authCode, title: "Authorization code (confidential client, with PKCE)",
            summary: "The web app redirects the user to sign in, receives a code on its registered redirect URI, and redeems it on the server with its credential and the PKCE verifier.",
            credential: credential(onAzure: onAzure),
            steps: [
                "Register the redirect URI under the Web platform exactly as the app sends it (scheme, host, port, path).",
                "Redeem each code once, on the server, with the code_verifier of the same sign-in.",
                "Keep MSAL's token cache per user (distributed cache for several instances) and call AcquireTokenSilent afterwards.",
            ],
            avoid: ["Do not redeem codes in the browser for a Web redirect URI, and do not use the implicit flow for new apps.",
                    "If the web app calls your own API that calls another API, the API uses On-Behalf-Of with the token the web app sends it."],
            msalNet: "`await app.AcquireTokenByAuthorizationCode(scopes, code).WithPkceCodeVerifier(verifier).ExecuteAsync();`",
            tryIt: "tokenscope exchange auth-code --authority https://login.microsoftonline.com/<tenant-id> --client-id <app-id> --secret-env APP_SECRET --scope <scope> --redirect-uri http://localhost:8765/")
    }

    static let desktop = FlowRecommendation(
        flow: .authCodePKCE, title: "Authorization code with PKCE (public client)",
        summary: "The app opens the system browser (or the OS broker) for the sign-in and redeems the code with PKCE; it holds no credential.",
        credential: "None: a public client cannot keep a secret. Register a Mobile and desktop redirect URI (for example `http://localhost`).",
        steps: [
            "Register the app's redirect URI under Mobile and desktop applications, and allow public client flows if it also uses device code.",
            "Call AcquireTokenSilent first and AcquireTokenInteractive when it throws MsalUiRequiredException.",
        ],
        avoid: ["Do not ship a client secret or certificate inside the app.",
                "Avoid On-Behalf-Of in the app itself: send its token to your API, which may use On-Behalf-Of."],
        msalNet: "`await app.AcquireTokenInteractive(scopes).WithUseEmbeddedWebView(false).ExecuteAsync();`",
        tryIt: "tokenscope exchange auth-code --authority https://login.microsoftonline.com/<tenant-id> --client-id <app-id> --scope <scope> --redirect-uri http://localhost:8765/")

    static let deviceCode = FlowRecommendation(
        flow: .deviceCode, title: "Device code",
        summary: "The tool shows a code; the user signs in on another device's browser; the tool polls until the token is issued.",
        credential: "None: a public client. Enable 'Allow public client flows' on the registration.",
        steps: [
            "Use a tenant (or /organizations) in the authority; personal accounts need /consumers or /common.",
            "Poll at the interval Entra returns; authorization_pending is normal until the user finishes.",
        ],
        avoid: ["Prefer the browser flow where a browser is available: device code is a common phishing lure and some tenants block it with Conditional Access."],
        msalNet: "`await app.AcquireTokenWithDeviceCode(scopes, r => { Console.WriteLine(r.Message); return Task.CompletedTask; }).ExecuteAsync();`",
        tryIt: "tokenscope exchange device-code --authority https://login.microsoftonline.com/<tenant-id> --client-id <app-id> --scope <scope>")

    static let singlePageApp = FlowRecommendation(
        flow: .authCodePKCE, title: "Authorization code with PKCE in the browser (single-page app)",
        summary: "MSAL.js signs the user in with the authorization code flow and PKCE, redeeming the code from the browser against a Single-page application redirect URI.",
        credential: "None: code in the browser cannot keep a secret. Register the redirect URI under the Single-page application platform.",
        steps: [
            "Register the redirect URI under Single-page application (not Web), so Entra allows the browser to redeem the code.",
            "Request a scope of your API and send that access token to it; call acquireTokenSilent before each call.",
        ],
        avoid: ["A single-page app cannot do On-Behalf-Of: it has no credential. Send its access token to a confidential middle tier, and let the middle tier do On-Behalf-Of.",
                "Do not redeem a SPA redirect's code on a server, and do not put a client secret in browser code."],
        msalNet: "MSAL.js: `await msalInstance.acquireTokenSilent({ scopes, account })`, falling back to `acquireTokenRedirect`.",
        tryIt: "tokenscope decode <the access token the SPA sends> --flow obo --expect-audience <api-app-id>")
}
