import Foundation
import Testing
import TokenScopeCore
import TokenScopeHTTP

/// Issue 7's faults and secrets, seen through the explorer: the sandbox's fault injection makes the
/// exchange slow, fail or break; the explorer must stay responsive, say what happened, keep every
/// run in the history, retry no more than the documented policy — and a planted secret must appear
/// in no output channel.
@Suite("Explorer under tmux: faults and secrets", .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TUIFaultsEndToEndTests {
    /// The embedded sandbox's base URL, read from the title bar once it runs.
    static func sandboxURL(_ tui: TmuxSession) async throws -> String {
        let screen = try await tui.waitFor("the embedded sandbox", timeout: .seconds(30)) { $0.contains(" sandbox http://127.0.0.1:") }
        let start = try #require(screen.range(of: "http://127.0.0.1:"))
        return String(screen[start.lowerBound...].prefix { $0 != " " })
    }

    /// Arms a fault for the middle tier's next `count` token requests (the sandbox's loopback admin API).
    static func arm(_ fault: String, count: Int, at base: String) async throws {
        let transport = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
        defer { Task { await transport.shutdown() } }
        let body = "{\"clientId\":\"middle-tier-api\",\"fault\":\"\(fault)\",\"count\":\(count)}"
        let response = try await transport.send(HTTPRequest(method: "POST", url: base + "/_sandbox/faults",
                                                            headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
        #expect(response.status == 200, "arming \(fault): \(String(decoding: response.body, as: UTF8.self))")
    }

    /// Loads sample 0 (OBO with a client secret) and runs it.
    static func runOBOSample(_ tui: TmuxSession) async throws {
        // No Esc first: Esc then a letter within the escape delay is Alt+letter, as in any terminal.
        try await tui.sendKeys("s")
        try await tui.waitFor("the samples") { $0.contains("Samples (embedded sandbox)") }
        try await tui.sendKeys("Enter")
        try await tui.waitFor("the sample loaded") { $0.contains("Enter runs it") }
        try await tui.sendKeys("Enter")
    }

    @Test func slowFailingAndBrokenAnswersAreReportedAndKeptInTheHistory() async throws {
        try await TmuxSession.with(command: [TUITestSupport.tokenscope, "--sandbox"]) { tui in
            let base = try await Self.sandboxURL(tui)

            // Slow: the spinner turns, other panes still answer, Esc cancels.
            try await Self.arm("latency=4s", count: 1, at: base)
            try await Self.runOBOSample(tui)
            try await tui.waitFor("the spinner") { $0.contains("Running On-Behalf-Of…") && $0.contains("Esc cancels") }
            try await tui.sendKeys("2")
            try await tui.waitFor("the exchange pane while running") { $0.contains("[ running… Esc cancels ]") }
            try await tui.sendKeys("3", "Escape")
            try await tui.waitFor("the cancellation") { $0.contains("Cancelled") && $0.contains("Run 1 cancelled") }

            // 503 twice: one retry after a second, as documented, then the failure; the trace has two attempts.
            try await Self.arm("status=503", count: 2, at: base)
            try await tui.sendKeys("Enter")
            let refused = try await tui.waitFor("the 503", timeout: .seconds(15)) { $0.contains("HTTP 503") && $0.contains("3 Result ✖") }
            #expect(refused.contains("Run 2:"))
            try await tui.sendKeys("5")
            _ = try await tui.waitFor("the trace") { $0.contains("HTTP trace of run 2") }
            let trace = try await Self.allPages(tui)
            #expect(trace.contains("attempt 2"))
            #expect(!trace.contains("attempt 3"))

            // An HTML body and a reset connection: named, not misparsed.
            try await Self.arm("html", count: 2, at: base)
            try await tui.sendKeys("3", "Enter")
            try await tui.waitFor("the HTML answer", timeout: .seconds(15)) { $0.contains("Run 3") && $0.contains("HTML page") }
            try await Self.arm("reset", count: 2, at: base)
            try await tui.sendKeys("Enter")
            try await tui.waitFor("the reset", timeout: .seconds(15)) { $0.contains("Run 4") && $0.contains("No answer from the authority") }

            // Every run is in the history, with what became of it.
            try await tui.sendKeys("h")
            let history = try await tui.waitFor("the history") { $0.contains("History of this session") }
            #expect(history.contains("1. On-Behalf-Of") && history.contains("cancelled"))
            #expect(history.contains("2. On-Behalf-Of") && history.contains("HTTP 503"))
            #expect(history.contains("3. On-Behalf-Of") && history.contains("4. On-Behalf-Of"))
            try await tui.sendKeys("q")
            try await tui.waitFor("the history closed") { !$0.contains("History of this session") }
            try await tui.sendKeys("q")
            #expect(try await tui.waitForExit() == 0)
        }
    }

    @Test func aPlantedSecretAppearsInNoOutput() async throws {
        let planted = "planted-TUI-secret~\(UUID().uuidString.prefix(8))"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ts-tui-secret-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        // The user token, known to the test: minted with the state dir the explorer's sandbox will use.
        let minted = try await Spawn.runDetached(TUITestSupport.tokenscope, [
            "sandbox", "mint", "--state-dir", scratch + "/state", "--user", "alice", "--client", "spa-client",
            "--scope", "api://middle-tier-api/access_as_user",
        ], environment: ["PATH": "/usr/bin:/bin"])
        let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(minted.status == 0 && token.split(separator: ".").count == 3)
        try Data(token.utf8).write(to: URL(fileURLWithPath: scratch + "/token.txt"))

        try await TmuxSession.with(command: [TUITestSupport.tokenscope, "--sandbox", "--state-dir", scratch + "/state",
                                             "--token-file", scratch + "/token.txt"]) { tui in
            _ = try await Self.sandboxURL(tui)
            try await tui.waitFor("the token inspected") { $0.contains("access token (delegated)") }

            // The planted secret in the form: Exchange pane, Secret row (the 8th), edit, type, done.
            try await tui.sendKeys("2", "g")
            for _ in 0..<7 { try await tui.sendKeys("j") }
            try await tui.sendKeys("Enter", "C-u")
            try await tui.type(planted)
            try await tui.sendKeys("Enter")
            try await tui.waitFor("the masked secret") { $0.contains("•••••••• (\(planted.count) chars, r reveals)") }
            try await tui.sendKeys("F5")
            try await tui.waitFor("the refusal", timeout: .seconds(15)) { $0.contains("3 Result ✖") }

            // Every pane's text, a copy (OSC 52) and an export.
            var screens = ""
            for pane in ["3", "4", "5"] {
                try await tui.sendKeys(pane)
                screens += try await tui.waitFor("pane \(pane)") { $0.contains("Run 1") || $0.contains("run 1") }
            }
            try await tui.sendKeys("3", "c")
            // Waits for the whole sequence: the terminal output is read while the explorer may still be
            // writing it, and a copy cut short decodes to nothing.
            let copied = try await tui.waitForRawOutput("the OSC 52 copy") { !Self.osc52Payloads($0).isEmpty }
            try await tui.sendKeys("e")
            let status = try await tui.waitFor("the export") { $0.contains("Exported the redacted incident report") }
            try await tui.sendKeys("q")
            #expect(try await tui.waitForExit() == 0)

            let files = try FileManager.default.contentsOfDirectory(atPath: tui.workingDirectory).filter { $0.hasPrefix("tokenscope-incident-") }
            #expect(files.count == 2, "\(status)")
            let exported = try files.map { try String(contentsOfFile: tui.workingDirectory + "/" + $0, encoding: .utf8) }.joined()
            let clipboard = Self.osc52Payloads(copied).joined()
            #expect(clipboard.contains("On-Behalf-Of"))
            #expect(exported.contains("AADSTS"))
            let raw = try tui.rawOutput()
            for (name, text) in [("screens", screens), ("clipboard", clipboard), ("export", exported), ("terminal output", raw)] {
                #expect(!text.contains(planted), "the planted secret leaked into the \(name)")
            }
            // The token's signature never leaves (the field shows only its start); the token itself is in
            // no report.
            let signature = String(token.split(separator: ".")[2])
            for (name, text) in [("screens", screens), ("clipboard", clipboard), ("export", exported), ("terminal output", raw)] {
                #expect(!text.contains(signature), "the token's signature leaked into the \(name)")
            }
            for (name, text) in [("clipboard", clipboard), ("export", exported)] {
                #expect(!text.contains(String(token.split(separator: ".")[1].prefix(60))), "the raw token leaked into the \(name)")
            }
        }
    }

    /// Every page of the focused scrolling pane (g, then PgDn until the footer's range ends at the total).
    static func allPages(_ tui: TmuxSession) async throws -> String {
        try await tui.sendKeys("g")
        var pages = try await tui.screen()
        for _ in 0..<20 {
            let before = try await tui.screen()
            guard let footer = before.split(separator: "\n").last(where: { $0.contains("–") && $0.contains("/") && $0.contains("┘") }),
                  let range = footer.split(separator: " ").first(where: { $0.contains("–") && $0.contains("/") }) else { break }
            let numbers = range.split(whereSeparator: { $0 == "–" || $0 == "/" }).compactMap { Int($0) }
            if numbers.count == 3, numbers[1] >= numbers[2] { break }
            try await tui.sendKeys("PageDown")
            pages += try await tui.waitFor("the next page") { $0 != before }
        }
        return pages
    }

    /// The texts put on the clipboard (OSC 52 payloads, base64-decoded).
    /// The decoded text of every complete OSC 52 copy in `raw`; one not yet terminated (BEL or ESC) is
    /// left out rather than decoded from half its base64.
    static func osc52Payloads(_ raw: String) -> [String] {
        raw.components(separatedBy: "\u{1B}]52;c;").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(where: { $0 == "\u{07}" || $0 == "\u{1B}" }) else { return nil }
            return Data(base64Encoded: String(rest[..<end])).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
