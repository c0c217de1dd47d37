import Foundation
import Testing

/// With tenant, client and credential flags (or a profile, or AZURE_* variables) the explorer
/// targets real Entra: no sandbox starts, the title bar names the cloud, the form is filled from
/// the flags. Nothing is sent (no key that runs is pressed), so no test reaches a real host.
@Suite("Explorer under tmux: real Entra target", .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TUITargetEndToEndTests {
    @Test func flagsTargetTheNamedCloudWithoutASandbox() async throws {
        let secret = "flag-secret-\(UUID().uuidString.prefix(8))"
        try await TmuxSession.with(command: [TUITestSupport.tokenscope, "--tenant", "contoso.example", "--cloud", "usgov",
                                             "--client-id", "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64", "--secret-env", "MY_SECRET"],
                                   environment: ["MY_SECRET": secret]) { tui in
            let screen = try await tui.waitFor("the first frame") { $0.contains("1 Token") && $0.contains("2 Exchange") }
            #expect(screen.contains("Azure US Government") || screen.contains("US Government"), "\(screen)")
            #expect(screen.contains("tenant contoso.example"))
            #expect(!screen.contains("sandbox"))
            #expect(screen.contains("Targeting"))
            #expect(screen.contains("https://login.microsoftonline.us"))
            #expect(screen.contains("•••••••• (\(secret.count) chars, r reveals)"))
            try await tui.sendKeys("s")
            try await tui.waitFor("no samples") { $0.contains("No samples") }
            try await tui.sendKeys("q")
            #expect(try await tui.waitForExit() == 0)
            #expect(!(try tui.rawOutput()).contains(secret))
        }
    }

    @Test func aTokenPipedOnStdinIsInspectedAndKeysStillWork() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ts-tui-pipe-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let minted = try await Spawn.runDetached(TUITestSupport.tokenscope, [
            "sandbox", "mint", "--state-dir", scratch + "/state", "--user", "alice", "--client", "spa-client",
            "--scope", "api://middle-tier-api/access_as_user",
        ], environment: ["PATH": "/usr/bin:/bin"])
        try Data(("Authorization: Bearer " + minted.stdout).utf8).write(to: URL(fileURLWithPath: scratch + "/header.txt"))
        // `pbpaste | tokenscope`: stdin is a pipe, so the explorer reads it, then takes keys from the terminal.
        let command = "cat '\(scratch)/header.txt' | '\(TUITestSupport.tokenscope)' --sandbox --state-dir '\(scratch)/state'"
        try await TmuxSession.with(command: ["/bin/sh", "-c", command]) { tui in
            let screen = try await tui.waitFor("the piped token inspected", timeout: .seconds(30)) { $0.contains("access token (delegated), v2.0") }
            #expect(screen.contains("OBO: ✔ ready"))
            try await tui.sendKeys("2")
            try await tui.waitFor("the exchange pane focused (keys come from the terminal)") { $0.contains("› Flow") }
            try await tui.sendKeys("q")
            #expect(try await tui.waitForExit() == 0)
        }
    }
}
