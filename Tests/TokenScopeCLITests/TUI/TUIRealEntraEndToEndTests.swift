import Foundation
import Glibc
import Testing

/// The explorer under tmux targeting real Entra (issue 6): a profile, the AZURE_* variables and
/// `--cert` choose the cloud, tenant, client and credential, secrets stay masked. These sessions
/// never run an exchange (no Enter, no F5).
///
/// Nothing here reaches a real host: every exchange that runs goes to the embedded sandbox on
/// 127.0.0.1. Run alone: `swift test --skip-build --filter TUIRealEntraEndToEndTests`. Skipped without tmux.
@Suite("TUIRealEntraEndToEnd: the explorer under tmux, targeting real Entra", .tags(.explorerEndToEnd),
       .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TUIRealEntraEndToEndTests {
    typealias App = ExplorerDriver

    static let profileClientID = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
    static let environmentClientID = "11111111-2222-4333-8444-555555555555"

    // MARK: Real Entra from a profile, the AZURE_* variables, --cert

    /// `--profile` reads `~/.config/tokenscope/profiles.yaml` in the session's HOME. The AZURE_*
    /// variables are set too, to other values: the profile comes first (ExplorerSetup: flags, then
    /// the profile, then the variables), so none of theirs may show — nor either secret.
    @Test func aProfileTargetsItsCloudWithItsSecretMasked() async throws {
        let secret = "profile-secret~\(UUID().uuidString.prefix(12))"            // 27 characters
        let variableSecret = "variable-secret~\(UUID().uuidString)"              // 52: another count
        let profiles = """
            profiles:
              contoso-api:
                cloud: usgov
                tenant: contoso.example
                client_id: \(Self.profileClientID)
                scopes: [api://downstream-api/Data.Read]
                secret: { env: CONTOSO_API_SECRET }
              other:
                tenant: other.example

            """
        let environment = [
            "CONTOSO_API_SECRET": secret,
            "AZURE_TENANT_ID": "variables.example", "AZURE_CLIENT_ID": Self.environmentClientID, "AZURE_CLIENT_SECRET": variableSecret,
        ]
        try await App.with(arguments: ["--profile", "contoso-api"], environment: environment,
                           launch: .init(homeFiles: [".config/tokenscope/profiles.yaml": profiles])) { app in
            let tui = app.tui
            let screen = try await Self.waitForRealTarget(app, "Azure US Government")
            let title = App.titleBar(screen)
            #expect(title.hasPrefix(" TokenScope  Azure US Government  tenant contoso.example "), "title bar: \(title)")
            let form = App.flat(try #require(App.pane("2 Exchange", in: screen)?.rows))
            #expect(form.contains("Authority host https://login.microsoftonline.us"), "form: \(form)")
            #expect(form.contains("Tenant contoso.example"), "form: \(form)")
            #expect(form.contains("Client ID \(Self.profileClientID)"), "form: \(form)")
            #expect(form.contains("Scopes api://downstream-api/Data.Read"), "form: \(form)")
            #expect(form.contains("Credential ◂ Client secret ▸"), "form: \(form)")
            #expect(form.contains("Secret •••••••• (\(secret.count) chars, r reveals)"), "the profile's secret, masked: \(form)")
            #expect(!screen.contains("variables.example") && !screen.contains(Self.environmentClientID), "an AZURE_* value beat the profile")

            try await Self.selectSecretRow(app)
            try await Self.expectNoSecretShown(app, [secret, variableSecret])
            try await tui.sendKeys("q")
            let status = try await tui.waitForExit()
            #expect(status == 0)
            #expect(App.leaks([secret, variableSecret], in: try tui.rawOutput()).isEmpty, "a secret reached the terminal")
        }
    }

    /// `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET` alone (the azure-identity
    /// variables): the public cloud, their tenant and client, the secret masked, no samples.
    @Test func theAzureVariablesTargetThePublicCloudWithTheSecretMasked() async throws {
        let secret = "Azure~Secret.\(UUID().uuidString)"
        let environment = ["AZURE_TENANT_ID": "fabrikam.example", "AZURE_CLIENT_ID": Self.environmentClientID, "AZURE_CLIENT_SECRET": secret]
        try await App.with(environment: environment) { app in
            let tui = app.tui
            let screen = try await Self.waitForRealTarget(app, "Azure public cloud")
            let title = App.titleBar(screen)
            #expect(title.hasPrefix(" TokenScope  Azure public cloud  tenant fabrikam.example "), "title bar: \(title)")
            let form = App.flat(try #require(App.pane("2 Exchange", in: screen)?.rows))
            #expect(form.contains("Authority host https://login.microsoftonline.com"), "form: \(form)")
            #expect(form.contains("Tenant fabrikam.example"), "form: \(form)")
            #expect(form.contains("Client ID \(Self.environmentClientID)"), "form: \(form)")
            #expect(form.contains("Secret •••••••• (\(secret.count) chars, r reveals)"), "form: \(form)")

            try await Self.selectSecretRow(app)
            try await Self.expectNoSecretShown(app, [secret])
            // Real Entra has no samples.
            try await tui.sendKeys("s")
            try await tui.waitFor("no samples") { $0.contains("No samples") }
            #expect(App.leaks([secret], in: try tui.rawOutput()).isEmpty, "the secret reached the terminal")
        }
    }

    /// `--cert` with the sandbox's demo certificate (and `--key`): the Certificate credential with
    /// both rows filled, beating an `AZURE_CLIENT_SECRET` that is set too (which must not show).
    @Test func aCertificateFlagFillsTheCertificateRows() async throws {
        let scratch = try App.scratchDirectory("tscert")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let certificates = try await Self.demoCertificates(stateDirectory: scratch + "/state", home: scratch)
        let certificate = try #require(certificates.first?["certificatePath"] as? String)
        let key = try #require(certificates.first?["privateKeyPath"] as? String)
        #expect(FileManager.default.fileExists(atPath: certificate) && FileManager.default.fileExists(atPath: key))
        let secret = "ignored-secret~\(UUID().uuidString)"
        let environment = ["AZURE_TENANT_ID": "fabrikam.example", "AZURE_CLIENT_ID": Self.environmentClientID, "AZURE_CLIENT_SECRET": secret]
        // 200 columns: the Exchange pane is wide enough for the whole paths.
        try await App.with(width: 200, arguments: ["--cert", certificate, "--key", key], environment: environment) { app in
            let tui = app.tui
            let screen = try await Self.waitForRealTarget(app, "Azure public cloud")
            let form = App.flat(try #require(App.pane("2 Exchange", in: screen)?.rows))
            #expect(form.contains("Credential ◂ Certificate ▸"), "form: \(form)")
            #expect(form.contains("Certificate \(certificate)"), "form: \(form)")
            #expect(form.contains("Key file \(key)"), "form: \(form)")
            #expect(!form.contains("Secret "), "a secret row beside the certificate: \(form)")
            #expect(App.titleBar(screen).contains("tenant fabrikam.example"))
            try await Self.expectNoSecretShown(app, [secret])
            try await tui.sendKeys("q")
            let status = try await tui.waitForExit()
            #expect(status == 0)
            let output = try tui.rawOutput()
            #expect(!output.contains("PRIVATE KEY"), "the key's text reached the terminal")
            #expect(App.leaks([secret], in: output).isEmpty)
        }
    }

    /// `AZURE_CLIENT_CERTIFICATE_PATH` with `AZURE_CLIENT_CERTIFICATE_PASSWORD` (the azure-identity
    /// pair `tokenscope exchange` reads, CredentialResolver): the certificate row and the password,
    /// masked, in the Key password row.
    @Test func theCertificateVariablesFillTheCertificateAndPasswordRows() async throws {
        let scratch = try App.scratchDirectory("tscertpw")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let certificates = try await Self.demoCertificates(stateDirectory: scratch + "/state", home: scratch)
        let pfx = try #require(certificates.first?["pkcs12Path"] as? String)
        let password = "pfx-password~\(UUID().uuidString.prefix(8))"
        let environment = ["AZURE_TENANT_ID": "fabrikam.example", "AZURE_CLIENT_ID": Self.environmentClientID,
                           "AZURE_CLIENT_CERTIFICATE_PATH": pfx, "AZURE_CLIENT_CERTIFICATE_PASSWORD": password]
        try await App.with(width: 200, environment: environment) { app in
            let screen = try await Self.waitForRealTarget(app, "Azure public cloud")
            let form = App.flat(try #require(App.pane("2 Exchange", in: screen)?.rows))
            #expect(form.contains("Certificate \(pfx)"), "form: \(form)")
            #expect(form.contains("Key password •••••••• (\(password.count) chars, r reveals)"), "form: \(form)")
            try await Self.expectNoSecretShown(app, [password])
        }
    }

    // MARK: Helpers

    /// Waits for the first whole frame of an explorer targeting real Entra (`cloud` in the title
    /// bar, the status saying so) and checks nothing on it says sandbox.
    static func waitForRealTarget(_ app: App, _ cloud: String) async throws -> String {
        let screen = try await app.waitForSettled("the real-Entra target (\(cloud))") { screen in
            App.titleBar(screen).contains(" \(cloud) ") && App.statusBar(screen) == " Targeting \(cloud): exchanges go to real Entra ID"
        }
        #expect(!screen.lowercased().contains("sandbox"), "the screen mentions the sandbox:\n\(screen)")
        #expect(App.frameTitles(screen) == ["1 Token", "2 Exchange"])
        return screen
    }

    /// Focuses the Exchange pane, walks down to the Secret row and checks it is still masked while
    /// selected (only `r` reveals it).
    static func selectSecretRow(_ app: App, _ sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await app.tui.sendKeys("2", "g")
        try await app.waitForSettled("the Flow row selected") { App.pane("2 Exchange", in: $0)?.rows.first?.hasPrefix("› Flow") == true }
        for _ in 0..<12 {
            let screen = try await app.tui.screen()
            if let row = App.pane("2 Exchange", in: screen)?.rows.first(where: { $0.hasPrefix("› Secret ") }) {
                #expect(row.contains("•••••••• ("), "the selected Secret row: \(row)", sourceLocation: sourceLocation)
                return
            }
            let selected = App.pane("2 Exchange", in: screen)?.rows.firstIndex { $0.hasPrefix("›") } ?? -1
            try await app.tui.sendKeys("j")
            try await app.waitForSettled("the selection below row \(selected)") { screen in
                (App.pane("2 Exchange", in: screen)?.rows.firstIndex { $0.hasPrefix("›") } ?? -1) > selected
            }
        }
        throw TmuxSession.Failure(description: "no Secret row reached in the Exchange pane")
    }

    /// Neither the secrets nor their second halves anywhere on the screen: plain, with the lines
    /// above it, and styled.
    static func expectNoSecretShown(_ app: App, _ secrets: [String], _ sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let screens = [try await app.tui.screen(includingHistory: true), try await app.tui.styledScreen()]
        for screen in screens {
            #expect(App.leaks(secrets, in: screen).isEmpty, "a secret is on the screen:\n\(screen)", sourceLocation: sourceLocation)
        }
    }

    /// The demo certificates (`sandbox info --json`'s `apps[].certificates`) of a sandbox state dir.
    static func demoCertificates(stateDirectory: String, home: String) async throws -> [[String: Any]] {
        let info = try await Spawn.runDetached(TUITestSupport.tokenscope, ["sandbox", "info", "--state-dir", stateDirectory, "--json"],
                                               environment: ["PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"])
        try #require(info.status == 0, "sandbox info: \(info.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        return (json["apps"] as? [[String: Any]] ?? []).flatMap { $0["certificates"] as? [[String: Any]] ?? [] }
    }
}
