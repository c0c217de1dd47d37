import ArgumentParser
import TokenScopeCore

/// `tokenscope exchange`: run a token flow as MSAL.NET does on the wire and show what came back.
/// Exit codes (a contract, README "Exit codes"): 0 token issued, 1 the authority refused,
/// 2 usage or bad input (nothing sent), 3 network or TLS failure.
struct ExchangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "Run a token flow (OBO, client credentials, auth code, device code, refresh) and explain the result.",
        discussion: """
        Credentials come from flags, a named --profile, or the azure-identity variables \
        (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, \
        AZURE_CLIENT_CERTIFICATE_PASSWORD, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST). \
        Secrets are never taken as plain values without --secret-value, and never printed: the \
        HTTP trace is redacted unless --reveal.

        Examples (against the sandbox, `tokenscope sandbox serve`):
          tokenscope exchange client-credentials --authority http://127.0.0.1:8400/contoso \\
              --client-id cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69 --secret-env DAEMON_SECRET \\
              --scope api://downstream-api/.default
          tokenscope exchange obo --authority http://127.0.0.1:8400 \\
              --client-id 9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64 --cert middle-tier-demo.crt.pem \\
              --key middle-tier-demo.key.pem --scope api://downstream-api/Data.Read --user-assertion @token.txt
        """,
        subcommands: [ExchangeOBOCommand.self, ExchangeClientCredentialsCommand.self, ExchangeAuthCodeCommand.self,
                      ExchangeDeviceCodeCommand.self, ExchangeRefreshCommand.self]
    )
}

struct ExchangeOBOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "obo", abstract: "On-Behalf-Of: exchange the access token your API received for a token to a downstream API.")

    @OptionGroup var options: ExchangeOptions

    @Option(name: .customLong("user-assertion"),
            help: ArgumentHelp("The access token the middle tier received: the token, `-` for stdin, or @FILE. Pasted headers and token responses are accepted.", valueName: "token|-|@file"))
    var userAssertion: String

    func run() async throws {
        let assertion = try UserAssertionReader.read(userAssertion)
        let tid = TokenParser.parse(assertion).claims?["tid"]?.stringValue
        try await ExchangeRunner(options: options, flow: .onBehalfOf).run(defaultTenant: tid) { _ in .onBehalfOf(userAssertion: assertion) }
    }
}

struct ExchangeClientCredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client-credentials", abstract: "Client credentials: an app-only token for {resource}/.default.")

    @OptionGroup var options: ExchangeOptions

    func run() async throws {
        try await ExchangeRunner(options: options, flow: .clientCredentials).run(defaultTenant: nil) { _ in .clientCredentials }
    }
}

struct ExchangeRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refresh", abstract: "Redeem a refresh token for new tokens.")

    @OptionGroup var options: ExchangeOptions

    @Option(name: .customLong("refresh-token-file"), help: ArgumentHelp("File holding the refresh token (never pass it on the command line).", valueName: "path"))
    var refreshTokenFile: String

    func run() async throws {
        let (token, warnings) = try SecretFileReader.read(refreshTokenFile, what: "refresh token", flag: "--refresh-token-file")
        try await ExchangeRunner(options: options, flow: .refreshToken, extraWarnings: warnings).run(defaultTenant: nil) { _ in .refreshToken(token) }
    }
}
