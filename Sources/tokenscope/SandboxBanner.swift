import Foundation
import TokenScopeCore
import TokenScopeSandbox

/// What `serve` prints on start. Never a secret value: those are for `sandbox info`.
enum SandboxBanner {
    static func text(server: SandboxServer, directory: SandboxDirectory, directoryFile: String?, state: StateDirectory, tls: TLSMaterial?) -> String {
        let safe = TerminalSafe.escape
        let base = server.baseURL
        var out = "TokenScope sandbox authority listening on \(base)\n"
        out += "  state dir:   \(state.url.path) (signing keys, demo credentials)\n"
        out += "  directory:   \(directoryFile.map(safe) ?? "built-in demo")\n"
        out += "\nTenants\n"
        for t in directory.tenants {
            out += "  \(pad(safe(t.name), 18)) \(t.id)  authority \(base)/\(safe(t.domains.first ?? t.id))\n"
        }
        out += "\nApps\n"
        for a in directory.apps {
            let kind = a.publicClient ? "public client" : (a.appIdUris.first.map(safe) ?? "confidential client")
            out += "  \(pad(safe(a.name), 18)) \(a.clientId)  \(kind)\n"
        }
        out += "\nUsers\n"
        for u in directory.users {
            out += "  \(pad(safe(u.name), 18)) \(safe(u.upn))\n"
        }
        out += "\nDemo credentials: client secrets are listed by `tokenscope sandbox info\(stateOption(state))`;\n"
        out += "  certificates and private keys are in \(state.credentialsFolder.path)\n"
        if let tls, let caFile = tls.caFile {
            out += "\nHTTPS: clients must trust the local CA \(caFile)\(tls.reusedCA ? " (reused)" : " (new)")\n"
            for variable in TLSMaterial.trustEnvironment(caFile: caFile) {
                out += "  export \(variable.name)=\(caFile)    # \(variable.forWhat)\n"
            }
            out += "  .NET on Linux: sudo cp \(caFile) /usr/local/share/ca-certificates/tokenscope-sandbox.crt && sudo update-ca-certificates\n"
        } else {
            out += "\nPython msal and azure-identity accept only https authorities: use --tls for them.\n"
        }
        out += "\nPoint MSAL at \(base)/<tenant> with instance discovery off (docs/SANDBOX.md). Ctrl-C stops the sandbox.\n"
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

    static func stateOption(_ state: StateDirectory) -> String {
        let defaultURL = StateDirectory.defaultURL(environment: ProcessInfo.processInfo.environment).standardizedFileURL
        return state.url == defaultURL ? "" : " --state-dir \(state.url.path)"
    }
}
