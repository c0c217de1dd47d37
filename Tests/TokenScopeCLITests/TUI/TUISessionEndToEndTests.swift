import Foundation
import Glibc
import Testing

/// The explorer under tmux across a session (issue 6): the history re-opens an earlier run, and the
/// terminal is handed back usable after a quit, SIGTERM or any crash signal.
///
/// Nothing here reaches a real host: every exchange that runs goes to the embedded sandbox on
/// 127.0.0.1. Run alone: `swift test --skip-build --filter TUISessionEndToEndTests`. Skipped without tmux.
@Suite("TUISessionEndToEnd: history, quit and crash under tmux", .tags(.explorerEndToEnd),
       .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TUISessionEndToEndTests {
    typealias App = ExplorerDriver

    // MARK: History

    /// Two runs (a success, then a refusal); the history (`h`) opens on the one shown, ↑ and Enter
    /// re-open the first: Result, Advice and the tab badge are run 1's again. Then back to run 2
    /// the same way, so a re-open that always showed the first run would fail too.
    @Test func theHistoryReopensAnEarlierRun() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            try await app.loadSample(0)
            try await tui.sendKeys("Enter")
            var screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✔"))
            try await app.loadSample(5)
            try await tui.sendKeys("Enter")
            screen = try await app.waitForRunToFinish(2)
            #expect(App.tabBar(screen).contains("3 Result ✖"))
            #expect(App.statusBar(screen).contains("Run 2: HTTP 400 invalid_grant AADSTS500131"))

            try await tui.sendKeys("h")
            screen = try await app.waitForSettled("the history, run 2 selected") { $0.contains("History of this session") && $0.contains("› 2. On-Behalf-Of") }
            #expect(screen.contains("  1. On-Behalf-Of · client "), "run 1 is not listed:\n\(screen)")
            try await tui.sendKeys("Up")
            try await app.waitForSettled("run 1 selected") { $0.contains("› 1. On-Behalf-Of") && $0.contains("  2. On-Behalf-Of") }
            try await tui.sendKeys("Enter")
            screen = try await app.waitForSettled("run 1 re-opened in the Result pane") { screen in
                !screen.contains("History of this session") && App.frameTitles(screen).first == "3 Result"
                    && (App.pane("3 Result", in: screen).map { App.flat($0.rows).contains("Run 1 · On-Behalf-Of") } ?? false)
            }
            #expect(App.tabBar(screen).contains("3 Result ✔"), "tabs: \(App.tabBar(screen))")
            let result = App.flat(try await app.wholePane(3, "Result"))
            #expect(result.contains("✔ Token issued · "), "result:\n\(result)")
            #expect(!result.contains("AADSTS500131"), "run 2's error in run 1's result:\n\(result)")
            let advice = App.flat(try await app.wholePane(4, "Advice"))
            #expect(advice.contains("✔ The exchange worked: nothing to fix."), "advice:\n\(advice)")

            // And back to run 2.
            try await tui.sendKeys("h")
            try await app.waitForSettled("the history, run 1 selected") { $0.contains("History of this session") && $0.contains("› 1. On-Behalf-Of") }
            try await tui.sendKeys("Down", "Enter")
            screen = try await app.waitForSettled("run 2 re-opened") { screen in
                !screen.contains("History of this session") && App.tabBar(screen).contains("3 Result ✖")
            }
            let refused = App.flat(try await app.wholePane(3, "Result"))
            #expect(refused.contains("Run 2 · On-Behalf-Of"), "result:\n\(refused)")
            #expect(refused.contains("AADSTS500131"), "result:\n\(refused)")
        }
    }

    // MARK: The terminal after quit and crash

    enum Ending: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case q, sigterm = "SIGTERM"
        case sigsegv = "SIGSEGV", sigabrt = "SIGABRT", sigbus = "SIGBUS", sigill = "SIGILL", sigfpe = "SIGFPE", sigtrap = "SIGTRAP"
        var testDescription: String { rawValue }
        var signal: Int32? {
            switch self {
            case .q: nil
            case .sigterm: SIGTERM
            case .sigsegv: SIGSEGV
            case .sigabrt: SIGABRT
            case .sigbus: SIGBUS
            case .sigill: SIGILL
            case .sigfpe: SIGFPE
            case .sigtrap: SIGTRAP
            }
        }
        /// The signals CrashHandler handles: the process dies of them, after the backtrace.
        var isCrash: Bool { self != .q && self != .sigterm }
    }

    /// The pane's shell outlives the explorer (`keepPaneAfterExit`), so the terminal the explorer
    /// hands back is read through tmux while the pane lives (after a pane dies tmux 3.3a clears its
    /// cursor flag itself). Mouse reporting (`--mouse`), the alternate screen, bracketed paste and a
    /// hidden cursor are all on before; after `q`, SIGTERM or a crash signal (each one CrashHandler
    /// handles, sent with kill) the alternate screen is gone, the cursor visible, mouse reporting
    /// off, and a pasted line arrives plain in a cooked tty. After a crash the Swift backtrace (a
    /// short one: unsymbolicated, crashed thread only) is printed on the normal screen: the crash
    /// handler hands the signal on, and the process dies of it.
    @Test(arguments: Ending.allCases)
    func theTerminalIsUsableAfterTheExplorerEnds(_ ending: Ending) async throws {
        let environment = ["SWIFT_BACKTRACE": "interactive=no,color=no,symbolicate=off,threads=crashed,registers=none,images=none"]
        try await App.with(arguments: ["--mouse"], environment: environment, launch: .init(keepPaneAfterExit: true)) { app in
            let tui = app.tui
            try await app.waitForSandbox()
            let modes = try await tui.display("#{alternate_on} #{cursor_flag} #{mouse_sgr_flag}")
            #expect(modes == "1 0 1", "before: alternate screen, cursor visible, SGR mouse = \(modes) (want 1 0 1)")
            if let signal = ending.signal {
                let pid = try await app.explorerPID()
                #expect(kill(pid, signal) == 0, "kill: \(String(cString: strerror(errno)))")
            } else {
                try await tui.sendKeys("q")
            }
            let status = try await app.waitForExitNotice()
            #expect(status == (ending.signal.map { 128 + $0 } ?? 0), "exit status \(status)")
            if ending.isCrash {
                let screen = try await tui.screen(includingHistory: true)
                #expect(screen.contains("*** Program crashed: "), "no backtrace on the normal screen:\n\(screen)")
            }
            try await app.expectTerminalUsableAfterExit()
            try await app.expectTerminalRestored()
        }
    }

    // MARK: The terminal checks themselves

    /// What a stand-in program leaves switched on when it dies.
    enum Leftover: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case nothing, alternateScreen, bracketedPaste, hiddenCursor, mouseReporting, rawTTY
        var testDescription: String { rawValue }
        /// The shell code that switches it off again.
        var off: String {
            switch self {
            case .nothing: ""
            case .alternateScreen: #"printf '\033[?1049l'"#
            case .bracketedPaste: #"printf '\033[?2004l'"#
            case .hiddenCursor: #"printf '\033[?25h'"#
            case .mouseReporting: #"printf '\033[?1006l\033[?1000l'"#
            case .rawTTY: "stty sane"
            }
        }
        /// `expectTerminalRestored` looks at these three only.
        var restoredCheckCatches: Bool { [.alternateScreen, .bracketedPaste, .hiddenCursor].contains(self) }
    }

    /// The terminal checks must fail on a terminal the program left in a bad state, one state at a
    /// time, and pass on a restored one. A stand-in program (a shell script, no explorer, in the same
    /// `keepPaneAfterExit` wrapper) turns on what the explorer turns on — alternate screen, bracketed
    /// paste, hidden cursor, SGR mouse reporting, a raw tty — turns all of it off again but
    /// `leftover`, and dies of SIGSEGV. `expectTerminalUsableAfterExit` must catch every leftover,
    /// `expectTerminalRestored` the three it looks at.
    @Test(arguments: Leftover.allCases)
    func theTerminalChecksCatchWhatACrashLeavesOn(_ leftover: Leftover) async throws {
        let scratch = try App.scratchDirectory("tsstandin")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let program = scratch + "/stand-in"
        let on = #"printf '\033[?1049h\033[?2004h\033[?25l\033[?1000h\033[?1006h'; stty raw -echo"#
        // Modes first, the alternate screen last (as ncurses' endwin does), the tty mode after.
        let off = [Leftover.mouseReporting, .bracketedPaste, .hiddenCursor, .alternateScreen, .rawTTY].filter { $0 != leftover }.map(\.off)
        try Data((["#!/bin/sh", on] + off + ["kill -SEGV $$", ""]).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: program))
        chmod(program, 0o755)
        let command = ["/bin/sh", "-c", App.script(App.Launch(keepPaneAfterExit: true)), program]
        try await TmuxSession.with(command: command) { tui in
            let app = App(tui: tui)
            let status = try await app.waitForExitNotice()
            #expect(status == 128 + SIGSEGV)
            if leftover == .nothing {
                try await app.expectTerminalUsableAfterExit()
            } else {
                await withKnownIssue("the stand-in left \(leftover) on") { try await app.expectTerminalUsableAfterExit() }
            }
            if leftover.restoredCheckCatches {
                await withKnownIssue("the stand-in left \(leftover) on") { try await app.expectTerminalRestored(timeout: .seconds(1)) }
            } else {
                try await app.expectTerminalRestored()
            }
        }
    }
}
