import ArgumentParser
import Foundation
import TokenScopeSandbox

/// `tokenscope sandbox mint`: a token signed with the state dir's current key, so the running
/// sandbox accepts it (or rejects it, as asked with --expired, --bad-signature...). Only the token
/// goes to stdout, so `$(tokenscope sandbox mint ...)` works in scripts and scenario commands.
struct SandboxMintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mint",
        abstract: "Print a token the sandbox signs: an access or ID token, a client assertion or a workload token.",
        discussion: """
        The issuer is the running sandbox's URL (from the state dir); when none runs, --base-url (a \
        warning says so). Paste the result into `tokenscope decode`, the explorer, or a request.

        Examples:
          tokenscope sandbox mint --user alice --client spa-client --scope api://middle-tier-api/access_as_user
          tokenscope sandbox mint --client daemon --scope api://downstream-api/.default
          tokenscope sandbox mint --user alice --client spa-client --id-token
          tokenscope sandbox mint --user carol --client spa-client --scope api://middle-tier-api/access_as_user --mfa
          tokenscope sandbox mint --client-assertion --client middle-tier-api --tenant contoso.onmicrosoft.com
          tokenscope sandbox mint --workload --client middle-tier-api
        """
    )

    @Option(name: .long, help: ArgumentHelp("User name, UPN or object ID (none: an app-only token).", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("App name or client ID the token is issued to (or that asserts itself).", valueName: "app"))
    var client: String?

    @Option(name: .long, help: ArgumentHelp("Scope: api://x/Name, {resource}/.default, or a Graph scope name.", valueName: "scope"))
    var scope: String?

    @Option(name: .long, help: ArgumentHelp("Tenant name, ID or domain (default: the client's home tenant). For --client-assertion: the tenant segment of the token endpoint it is for.", valueName: "tenant"))
    var tenant: String?

    @Option(name: .long, help: ArgumentHelp("Access tokens: add this many group object IDs in `groups` (0-2000; ~39 bytes each, for large-token tests).", valueName: "n"))
    var groups: Int = 0

    @Option(name: .long, help: "Token version 1 or 2 (default: what the resource accepts).")
    var version: Int?

    @Flag(name: .long, help: "Make it expired (issued two hours ago).")
    var expired = false

    @Flag(name: .customLong("id-token"), help: "An ID token for --client instead of an access token.")
    var idToken = false

    @Flag(name: .long, help: "The sign-in included MFA (satisfies conditional access that requires it).")
    var mfa = false

    @Flag(name: .customLong("client-assertion"), help: "A private_key_jwt client assertion signed with the app's demo certificate.")
    var clientAssertion = false

    @Flag(name: .long, help: "A workload token from the sandbox's /federation issuer (a federated client assertion).")
    var workload = false

    @Option(name: .long, help: ArgumentHelp("Assertion or workload token audience.", valueName: "aud"))
    var audience: String?

    @Option(name: .long, help: ArgumentHelp("Workload token subject (default: the app's federated credential's).", valueName: "sub"))
    var subject: String?

    @Option(name: .long, help: ArgumentHelp("Workload token issuer (default: the sandbox's /federation).", valueName: "iss"))
    var issuer: String?

    @Flag(name: .customLong("bad-signature"), help: "Sign with a throwaway key: rejected as not signed by the expected key.")
    var badSignature = false

    @Flag(name: .customLong("no-thumbprint"), help: "A client assertion without x5t.")
    var noThumbprint = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Issuer base URL when no sandbox is running.", valueName: "url"))
    var baseURL = "http://127.0.0.1:8400"

    @OptionGroup var state: SandboxStateOptions

    func run() async throws {
        let kinds = [idToken, clientAssertion, workload].filter { $0 }.count
        guard kinds <= 1 else { throw InputError("choose one of --id-token, --client-assertion and --workload") }
        var spec = MintSpec(idToken ? .idToken : clientAssertion ? .clientAssertion : workload ? .workload : .accessToken,
                            user: user, client: client, scope: scope, tenant: tenant)
        spec.version = version
        spec.expired = expired
        spec.mfa = mfa
        spec.audience = audience
        spec.subject = subject
        spec.issuer = issuer
        spec.badSignature = badSignature
        spec.noThumbprint = noThumbprint
        guard (0...2000).contains(groups) else { throw InputError("--groups \(groups) must be between 0 and 2000") }
        spec.groups = groups

        let stateDir = try state.stateDirectory()
        let running = stateDir.runningServer()
        let (_, directory) = try state.loadDirectory(running: running)
        let authority = try state.authority(stateDir, directory: directory)
        if let running {
            authority.baseURL = running.url
        } else {
            authority.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            printError("tokenscope: warning: no sandbox is running with state dir \(stateDir.url.path); the issuer assumes \(authority.baseURL) (--base-url)")
        }
        do {
            print(try SandboxMint.mint(spec, authority: authority, now: Int64(Date().timeIntervalSince1970)))
        } catch {
            throw InputError(error.message)
        }
    }
}
