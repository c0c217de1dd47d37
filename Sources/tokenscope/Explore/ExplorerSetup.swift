import Explorer
import Foundation
import TerminalUI
import TokenScopeCore
import TokenScopeCredentials
import TokenScopeSandbox

/// Everything the explorer starts with: the target (embedded sandbox or real Entra), the form,
/// a token given up front, the themes, and the live pieces the shell needs.
struct ExplorerSetup {
    var state: AppState
    var jobs: JobRunner
    var reports: ReportWriter
    var sandbox: EmbeddedSandbox?
    var mouse: Bool

    static func make(_ command: ExploreCommand) async throws -> ExplorerSetup {
        let environment = ProcessInfo.processInfo.environment
        // Before anything starts (the sandbox, a read of stdin): without a terminal there is no explorer.
        guard isatty(STDOUT_FILENO) == 1 else {
            throw InputError("the explorer needs a terminal (stdout is not one); for scripts use `tokenscope decode`, `exchange` or `explain` (see --help)")
        }
        let token = try initialToken(command)
        let catalog = ThemeFiles.load(flag: command.theme, environment: environment)
        let real = !command.sandbox && (command.profile != nil || command.tenant != nil || command.clientId != nil || command.secretEnv != nil
            || command.cert != nil || environment["AZURE_TENANT_ID"].nonEmpty != nil || environment["AZURE_CLIENT_ID"].nonEmpty != nil)
        var target: Target
        var form = ExchangeForm()
        var sandbox: EmbeddedSandbox?
        var notes: [String] = []
        if real {
            (target, form, notes) = try RealEntraSetup.make(command, environment: environment)
        } else {
            sandbox = EmbeddedSandbox(stateDirectory: command.stateDir, environment: environment)
            target = Target(kind: .sandboxStarting, tenantLabel: "contoso")
        }
        var state = AppState(size: Size(columns: 80, rows: 24), target: target, themes: catalog.themes, themeIndex: catalog.selected,
                             form: form, mouseEnabled: command.mouse)
        let problems = catalog.problems + notes
        if let token {
            _ = ExplorerApp.update(&state, .input(.paste(token)), now: Int64(Date().timeIntervalSince1970 * 1000))
        }
        if !problems.isEmpty {
            state.status = StatusLine(problems.joined(separator: " · "), kind: .error)
        } else if state.status == nil {
            state.status = StatusLine(real ? "Targeting \(target.label): exchanges go to real Entra ID" : "Starting the embedded sandbox…")
        }
        let jobs = JobRunner(sandbox: sandbox, environment: environment)
        let reports = ReportWriter(directory: command.exportDir ?? FileManager.default.currentDirectoryPath)
        return ExplorerSetup(state: state, jobs: jobs, reports: reports, sandbox: sandbox, mouse: command.mouse)
    }

    /// `--token-file`, or stdin when it is not a terminal (`pbpaste | tokenscope`): then the
    /// terminal is reopened as stdin so the explorer can still read keys.
    static func initialToken(_ command: ExploreCommand) throws -> String? {
        if let path = command.tokenFile { return try InputReader.readFile(path) }
        guard isatty(STDIN_FILENO) == 0 else { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= TokenExtractor.maxInputBytes else {
            throw InputError("stdin holds \(data.count) bytes; tokens and token responses are far smaller (limit 1 MiB)")
        }
        let tty = open("/dev/tty", O_RDWR)
        guard tty >= 0 else {
            throw InputError("the explorer needs a terminal for keys, and stdin is a pipe with no /dev/tty; for scripts use `tokenscope decode -`")
        }
        dup2(tty, STDIN_FILENO)
        close(tty)
        let text = String(decoding: data, as: UTF8.self)
        return text.trimmedWhitespace.isEmpty ? nil : text
    }
}

/// Real Entra: the form from flags, a profile and the azure-identity variables (in that order).
enum RealEntraSetup {
    static func make(_ c: ExploreCommand, environment: [String: String]) throws -> (Target, ExchangeForm, [String]) {
        let profile = try c.profile.map { name in try rethrowingInput { try ProfileStore.load(name: name, path: ProfileStore.defaultPath(environment: environment)) } }
        let cloudName = c.cloud ?? profile?.cloud?.rawValue ?? "public"
        guard let cloud = Cloud(rawValue: cloudName.lowercased()) else {
            throw InputError("--cloud `\(cloudName)` is not a cloud: use public, usgov, china, govfr, govde or govsg")
        }
        var notes: [String] = []
        var values: [FormField: String] = [
            .authority: profile?.authority.map(hostPart) ?? environment["AZURE_AUTHORITY_HOST"].nonEmpty.map(httpsBase) ?? "https://\(cloud.loginHost)",
            .tenant: c.tenant ?? profile?.tenant ?? environment["AZURE_TENANT_ID"].nonEmpty ?? "",
            .clientId: c.clientId ?? profile?.clientId ?? environment["AZURE_CLIENT_ID"].nonEmpty ?? "",
            .scopes: profile?.scopes.joined(separator: " ") ?? "",
        ]
        var credential = CredentialChoice.secret
        if let name = c.secretEnv {
            values[.secret] = try rethrowingInput { try SecretLoader.fromEnvironment(name, environment: environment) }.value
        } else if let path = c.cert {
            credential = .certificate
            values[.certificate] = path
            values[.key] = c.key ?? ""
        } else if let reference = profile?.secret {
            switch reference {
            case let .env(name): values[.secret] = try rethrowingInput { try SecretLoader.fromEnvironment(name, environment: environment) }.value
            case let .file(path): values[.secret] = try rethrowingInput { try SecretLoader.fromFile(path) }.0.value
            case .command: notes.append("the profile's secret command is not run by the explorer: enter the secret in the form")
            }
        } else if let cert = profile?.certificate {
            credential = .certificate
            values[.certificate] = cert.path
            values[.key] = cert.keyPath ?? ""
            if let env = cert.passwordEnv { values[.password] = environment[env] ?? "" }
        } else if case let .file(path)? = profile?.clientAssertion {
            credential = .assertion
            values[.assertion] = "@" + path
        } else if let secret = environment["AZURE_CLIENT_SECRET"].nonEmpty {
            // The azure-identity variables in EnvironmentCredential's order, as `tokenscope exchange` reads them.
            values[.secret] = secret
        } else if let path = environment["AZURE_CLIENT_CERTIFICATE_PATH"].nonEmpty {
            credential = .certificate
            values[.certificate] = path
            values[.password] = environment["AZURE_CLIENT_CERTIFICATE_PASSWORD"] ?? ""
        } else if let path = environment["AZURE_FEDERATED_TOKEN_FILE"].nonEmpty {
            credential = .assertion
            values[.assertion] = "@" + path
        }
        if let uri = profile?.redirectURI { values[.redirectURI] = uri }
        let target = Target(kind: .entra(cloudName: cloud.displayName), tenantLabel: values[.tenant].nonEmpty)
        return (target, ExchangeForm(flow: .onBehalfOf, credential: credential, values: values), notes)
    }

    /// `https://login.microsoftonline.com/contoso` → `https://login.microsoftonline.com`.
    static func hostPart(_ authority: String) -> String {
        guard let parts = URLParts(authority) else { return authority }
        return "\(parts.scheme)://\(parts.host)\(parts.port.map { ":\($0)" } ?? "")"
    }

    static func httpsBase(_ host: String) -> String { host.contains("://") ? hostPart(host) : "https://" + host }
}
