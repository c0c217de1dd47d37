import ArgumentParser
import Foundation
import TokenScopeCore
import TokenScopeSandbox

/// `tokenscope sandbox info`: the running sandbox (if any), the CA, and the directory with its
/// demo credentials. The only command that prints demo secret values (they are published demo
/// values; see docs/SANDBOX.md).
struct SandboxInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the sandbox's URL (when running), CA file, tenants, apps with their demo credentials, and users.",
        discussion: """
        Demo certificates and keys are created in <state-dir>/credentials on first use, so the paths \
        printed exist. --json prints one document for scripts (docs/SANDBOX.md, "sandbox info").

        Examples:
          tokenscope sandbox info
          tokenscope sandbox info --json | jq -r '.apps[] | select(.name=="daemon") | .secrets[0].value'
        """
    )

    @OptionGroup var state: SandboxStateOptions

    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false

    func run() async throws {
        let stateDir = try state.stateDirectory()
        let running = stateDir.runningServer()
        let (file, directory) = try state.loadDirectory(running: running)
        let authority = try state.authority(stateDir, directory: directory)
        let caPath = stateDir.tlsFolder.appendingPathComponent("ca.crt.pem").path
        let info = SandboxInfo(directory: directory, certificates: authority.certificates.all, server: running,
                               stateDirectory: stateDir.url.path, caFile: FileManager.default.fileExists(atPath: caPath) ? caPath : nil,
                               directoryFile: file, baseURLForPlaceholders: running?.url ?? "http://127.0.0.1:8400")
        print(json ? JSONWriter.write(info.json) : SandboxInfoText.render(info))
    }
}

/// The human form of `sandbox info`. Directory values come from a file the user may not have
/// written, so every one is escaped before it reaches the terminal.
enum SandboxInfoText {
    static func render(_ info: SandboxInfo) -> String {
        let e = TerminalSafe.escape
        var out: [String] = []
        if let url = info.baseURL {
            out.append("Sandbox:    running at \(url)\(info.pid.map { " (pid \($0))" } ?? "")")
        } else {
            out.append("Sandbox:    not running (start it with `tokenscope sandbox serve`)")
        }
        out.append("State dir:  \(info.stateDirectory ?? "-")")
        out.append("CA file:    \(info.caFile ?? "none yet (`sandbox serve --tls` creates it)")")
        out.append("Directory:  \(info.directoryFile.map(e) ?? "built-in demo")")
        out.append("\nTenants")
        for t in info.tenants { out.append("  \(e(t.name))  \(t.id)  \(t.domains.map(e).joined(separator: ", "))") }
        out.append("\nApps")
        for a in info.apps {
            out.append("  \(e(a.name)) (\(e(a.displayName)))")
            out.append("    client ID        \(a.clientId)")
            var kind = [e(a.tenant), a.publicClient ? "public client" : "confidential", "v\(a.accessTokenVersion) tokens"]
            if a.multiTenant { kind.insert("multi-tenant", at: 1) }
            out.append("    registration     \(kind.joined(separator: ", "))")
            if !a.appIdUris.isEmpty { out.append("    App ID URIs      \(a.appIdUris.map(e).joined(separator: ", "))") }
            if !a.scopes.isEmpty { out.append("    scopes           \(a.scopes.map(e).joined(separator: ", "))") }
            if !a.roles.isEmpty { out.append("    app roles        \(a.roles.map(e).joined(separator: ", "))") }
            let redirects = [("web", a.redirectUris.web), ("spa", a.redirectUris.spa), ("publicClient", a.redirectUris.publicClient)]
                .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1.map(e).joined(separator: " "))" }
            if !redirects.isEmpty { out.append("    redirect URIs    \(redirects.joined(separator: "; "))") }
            let now = Int64(Date().timeIntervalSince1970)
            for s in a.secrets {
                let expiry = "\(s.expires < now ? "expired" : "expires") \(TimeText.iso8601(s.expires).prefix(10))"
                out.append("    secret           \(e(s.value))  (ID \(e(s.id)), \(expiry))")
            }
            for c in a.certificates {
                out.append("    certificate      \(e(c.name)), SHA-1 thumbprint \(c.sha1Thumbprint)")
                if let path = c.certificatePath { out.append("      certificate    \(path)") }
                if let path = c.privateKeyPath { out.append("      private key    \(path)") }
                if let path = c.pkcs12Path { out.append("      PKCS#12        \(path) (no password)") }
            }
            for f in a.federatedCredentials {
                out.append("    federated        issuer \(e(f.issuer)), subject \(e(f.subject)), audience \(e(f.audience))")
            }
        }
        out.append("\nUsers")
        for u in info.users {
            var line = "  \(e(u.name))  \(e(u.upn))  oid \(u.oid)  home \(e(u.homeTenant))"
            if !u.guestOf.isEmpty { line += ", guest of \(u.guestOf.map(e).joined(separator: ", "))" }
            if u.mfaRegistered { line += ", MFA registered" }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
