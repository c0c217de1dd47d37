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
}
