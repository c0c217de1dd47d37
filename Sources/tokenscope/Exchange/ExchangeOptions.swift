import ArgumentParser
import TokenScopeCore

/// The flags every `exchange` subcommand shares. They are a public contract (README,
/// "tokenscope exchange"): add, never rename.
struct ExchangeOptions: ParsableArguments {
    // Authority
    @Option(name: .long, help: ArgumentHelp("Tenant GUID, domain, or common / organizations / consumers.", valueName: "tenant"))
    var tenant: String?

    @Option(name: .long, help: ArgumentHelp("Cloud: public, usgov, china, govfr, govde, govsg (default public, or AZURE_AUTHORITY_HOST).", valueName: "cloud"))
    var cloud: String?

    @Option(name: .long, help: ArgumentHelp("Entra-shaped authority https://host[:port]/{tenant} (the sandbox: http://127.0.0.1:8400/contoso).", valueName: "url"))
    var authority: String?

    @Option(name: .customLong("oidc-authority"), help: ArgumentHelp("A generic OpenID Connect issuer; endpoints come from its discovery document.", valueName: "url"))
    var oidcAuthority: String?

    @Flag(name: .customLong("allow-custom-authority"), help: "Allow an authority host that is not a Microsoft login host (loopback is always allowed).")
    var allowCustomAuthority = false

    // Client and request
    @Option(name: .customLong("client-id"), help: ArgumentHelp("The application (client) ID (default AZURE_CLIENT_ID).", valueName: "guid"))
    var clientId: String?

    @Option(name: .long, help: ArgumentHelp("A scope to request; repeat or separate with spaces.", valueName: "scope"))
    var scope: [String] = []

    @Option(name: .long, help: ArgumentHelp("A claims challenge to send: JSON, its base64 form, a WWW-Authenticate header, or an error response.", valueName: "json"))
    var claims: String?

    @Option(name: .customLong("client-capability"), help: ArgumentHelp("A client capability to declare (e.g. cp1 for CAE), merged into claims as MSAL does.", valueName: "cap"))
    var clientCapability: [String] = []

    @Flag(name: .customLong("no-reserved-scopes"), help: "Do not add openid profile offline_access (MSAL adds them to user flows).")
    var noReservedScopes = false

    // Credentials
    @Option(name: .customLong("secret-env"), help: ArgumentHelp("Read the client secret from this environment variable.", valueName: "var"))
    var secretEnv: String?

    @Option(name: .customLong("secret-file"), help: ArgumentHelp("Read the client secret from this file.", valueName: "path"))
    var secretFile: String?

    @Option(name: .customLong("secret-value"), help: ArgumentHelp("The client secret itself (lands in your shell history: prefer --secret-env).", valueName: "secret"))
    var secretValue: String?

    @Flag(name: .customLong("secret-basic"), help: "Send the secret as HTTP Basic instead of in the form body.")
    var secretBasic = false

    @Option(name: .long, help: ArgumentHelp("Certificate: PEM, combined PEM (certificate + key) or PKCS#12 (.pfx/.p12).", valueName: "path"))
    var cert: String?

    @Option(name: .long, help: ArgumentHelp("The certificate's private key (PEM: PKCS#1, PKCS#8 or encrypted PKCS#8).", valueName: "path"))
    var key: String?

    @Option(name: .customLong("cert-password-env"), help: ArgumentHelp("Environment variable holding the PKCS#12 or key password.", valueName: "var"))
    var certPasswordEnv: String?

    @Flag(name: .customLong("send-x5c"), help: "Send the certificate (x5c) in the assertion, for subject name + issuer authentication.")
    var sendX5C = false

    @Flag(name: .customLong("legacy-sha1"), help: "Sign the assertion with RS256 and a SHA-1 x5t (older MSAL) instead of PS256 + x5t#S256.")
    var legacySHA1 = false

    @Option(name: .customLong("client-assertion"), help: ArgumentHelp("A client assertion: the JWT itself, or @FILE (re-read on each request).", valueName: "jwt|@file"))
    var clientAssertion: String?

    @Option(name: .customLong("client-assertion-cmd"), help: ArgumentHelp("A command whose output is the client assertion (run for each request).", valueName: "command"))
    var clientAssertionCommand: String?

    @Option(name: .long, help: ArgumentHelp("A named profile from $XDG_CONFIG_HOME/tokenscope/profiles.yaml.", valueName: "name"))
    var profile: String?

    // Transport
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Also trust this PEM CA (the sandbox's --tls CA, a private CA).", valueName: "path"))
    var caFile: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for an answer (default 30).", valueName: "seconds"))
    var timeout: Int64 = 30

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to wait for a connection (default 10).", valueName: "seconds"))
    var connectTimeout: Int64 = 10

    // Output
    @Flag(name: .long, help: "Show secrets and tokens in the trace and --json (never do this in a shared terminal).")
    var reveal = false

    @Flag(name: .long, help: "Print one JSON document (docs/JSON.md, \"Exchange\") instead of the human report.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never use colour.")
    var noColor = false

    @Flag(name: .customLong("no-trace"), help: "Leave the HTTP trace out of the human report (it stays in --json).")
    var noTrace = false
}
