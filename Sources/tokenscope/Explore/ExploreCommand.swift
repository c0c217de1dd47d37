import ArgumentParser
import Foundation

/// `tokenscope` with no arguments (or `tokenscope explore`): the terminal explorer.
struct ExploreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "The terminal explorer (the default): paste a token, run an exchange, read the advice.",
        discussion: """
        With no configuration it starts the sandbox authority in-process on a free loopback port \
        and offers samples (s): tokens, the demo apps and the documented failure scenarios. With \
        --profile, --tenant/--client-id, credential flags or the AZURE_* variables it targets real \
        Entra ID instead (--sandbox keeps the sandbox). Keys: ? help, q quit; see README.

        Examples:
          tokenscope
          tokenscope --theme light --token-file token.txt
          pbpaste | tokenscope
          tokenscope --profile contoso-obo
        """)

    @Option(name: .long, help: ArgumentHelp("Theme name (default: TOKENSCOPE_THEME, else default). Built in: default, light, high-contrast, solarized-dark, mono, colorblind; or a path to a theme file.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Enable the mouse (clicks on tabs, wheel scrolling). Off by default so the terminal's own selection and copy work.")
    var mouse = false

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Start with the token (or token response, header line…) in this file.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .long, help: ArgumentHelp("A named profile from profiles.yaml (docs/PROFILES.md): targets real Entra.", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Tenant GUID or domain (real Entra).", valueName: "tenant"))
    var tenant: String?

    @Option(name: .customLong("client-id"), help: ArgumentHelp("Application (client) ID (real Entra).", valueName: "guid"))
    var clientId: String?

    @Option(name: .long, help: ArgumentHelp("public, usgov, china, govfr, govde or govsg (real Entra; default public).", valueName: "cloud"))
    var cloud: String?

    @Option(name: .customLong("secret-env"), help: ArgumentHelp("Read the client secret from this environment variable.", valueName: "var"))
    var secretEnv: String?

    @Option(name: .long, help: ArgumentHelp("Client certificate (PEM, combined PEM or PKCS#12).", valueName: "file"))
    var cert: String?

    @Option(name: .long, help: ArgumentHelp("Private key for --cert when it is a separate file.", valueName: "file"))
    var key: String?

    @Flag(name: .long, help: "Use the embedded sandbox even when AZURE_* variables are set.")
    var sandbox = false

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The embedded sandbox's state dir (default: $XDG_STATE_HOME/tokenscope/sandbox).", valueName: "dir"))
    var stateDir: String?

    @Option(name: .customLong("export-dir"), help: ArgumentHelp("Where `e` writes incident reports (default: the current directory).", valueName: "dir"))
    var exportDir: String?

    func run() async throws {
        let setup = try await ExplorerSetup.make(self)
        let code = await ExplorerShell.run(setup)
        throw ExitCode(code)
    }
}
