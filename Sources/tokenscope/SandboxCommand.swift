import ArgumentParser

/// `tokenscope sandbox`: the local, Entra-compatible identity provider (docs/SANDBOX.md).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local Entra-compatible identity provider, and reproduce Entra's failures against it.",
        discussion: """
        The sandbox serves Entra's v2 endpoints on 127.0.0.1 for a built-in demo directory (tenants \
        contoso and fabrikam, apps spa-client, web-app, middle-tier-api, downstream-api, legacy-api, \
        daemon, users alice, bob, carol, dave) or a YAML file of your own. See docs/SANDBOX.md.

        Examples:
          tokenscope sandbox serve --tls
          tokenscope sandbox info --json
          tokenscope sandbox scenarios
          tokenscope sandbox scenarios --run obo-mfa-required
          tokenscope sandbox mint --user alice --client spa-client --scope api://middle-tier-api/access_as_user
          tokenscope sandbox rotate-keys
        """,
        subcommands: [SandboxServeCommand.self, SandboxInfoCommand.self, SandboxScenariosCommand.self,
                      SandboxMintCommand.self, SandboxRotateKeysCommand.self]
    )
}
