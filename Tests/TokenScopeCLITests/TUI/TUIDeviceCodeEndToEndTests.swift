import Foundation
import Testing
import TokenScopeCore
import TokenScopeHTTP

/// Device code in the explorer: the code and the page to enter it appear in the Result pane while
/// the explorer polls; approving it (here: the sandbox's /devicelogin with a login hint, as a browser
/// would) ends the run with the tokens.
@Suite("Explorer under tmux: device code", .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TUIDeviceCodeEndToEndTests {
    @Test func theCodeIsShownAndApprovalEndsTheRunWithTokens() async throws {
        try await TmuxSession.with(command: [TUITestSupport.tokenscope, "--sandbox"]) { tui in
            _ = try await TUIFaultsEndToEndTests.sandboxURL(tui)
            try await tui.sendKeys("s")
            try await tui.waitFor("the samples") { $0.contains("Samples (embedded sandbox)") }
            for _ in 0..<4 { try await tui.sendKeys("j") }
            try await tui.sendKeys("Enter")
            try await tui.waitFor("the device code sample") { $0.contains("Loaded “Device code for the SPA (public client)”") }
            try await tui.sendKeys("Enter")
            let waiting = try await tui.waitFor("the code to enter", timeout: .seconds(20)) { $0.contains("/devicelogin") && $0.contains("Waiting for the sign-in") }
            let flat = waiting.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let code = try #require(flat.firstMatch(of: #/enter the code ([A-Z0-9-]+)/#)?.1, "\(waiting)")
            let page = try #require(flat.firstMatch(of: #/(http://127\.0\.0\.1:\d+/devicelogin)/#)?.1)

            // Approve as alice, as the browser would (GET with the code and a login hint).
            let transport = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
            let response = try await transport.send(HTTPRequest(url: "\(page)?user_code=\(code)&login_hint=alice"))
            await transport.shutdown()
            #expect(response.status == 200)

            let issued = try await tui.waitFor("the tokens", timeout: .seconds(30)) { $0.contains("✔ Token issued") }
            #expect(issued.contains("3 Result ✔"))
            try await tui.sendKeys("q")
            #expect(try await tui.waitForExit() == 0)
        }
    }

    @Test func theRefreshTokenOfAnAuthCodeRunFillsTheRefreshFlow() async throws {
        try await TmuxSession.with(command: [TUITestSupport.tokenscope, "--sandbox"]) { tui in
            _ = try await TUIFaultsEndToEndTests.sandboxURL(tui)
            try await tui.sendKeys("s")
            try await tui.waitFor("the samples") { $0.contains("Samples (embedded sandbox)") }
            for _ in 0..<3 { try await tui.sendKeys("j") }
            try await tui.sendKeys("Enter")
            try await tui.waitFor("the auth code sample") { $0.contains("Loaded “Authorization code + PKCE for alice (works)”") }
            try await tui.sendKeys("Enter")
            try await tui.waitFor("the code redeemed", timeout: .seconds(20)) { $0.contains("Run 1: token issued") }

            // Flow → Refresh token: the refresh token is already there (masked), and it runs.
            try await tui.sendKeys("2", "g", "Right")
            let form = try await tui.waitFor("the refresh flow") { $0.contains("◂ Refresh token ▸") }
            #expect(form.contains("Refresh token") && form.contains("chars, r reveals"))
            try await tui.sendKeys("F5")
            let issued = try await tui.waitFor("the refreshed tokens", timeout: .seconds(20)) { $0.contains("Run 2: token issued") }
            #expect(issued.contains("Run 2 · Refresh token"))
            try await tui.sendKeys("q")
            #expect(try await tui.waitForExit() == 0)
        }
    }
}
