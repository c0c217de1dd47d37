import Foundation
import Glibc
import Testing

/// The tmux harness proven on stand-in programs (a shell, and a tiny raw-mode Python "TUI"), so the
/// explorer's end-to-end tests can trust it: signals reach the pane, input arrives byte for byte,
/// resize is seen, exit statuses come back, sessions don't collide.
@Suite("tmux harness", .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TmuxHarnessTests {
    /// A stand-in full-screen program: raw mode, alternate screen, bracketed paste on; after each input
    /// it redraws its state (size, SIGWINCH count, the bytes typed so far with control bytes as `\xNN`,
    /// and the length and FNV-1a hash of every bracketed paste). Ctrl-D restores the terminal and exits 0.
    static let standIn = #"""
        import os, signal, sys, termios, tty
        fd = 0
        START, END = b"\x1b[200~", b"\x1b[201~"
        saved = termios.tcgetattr(fd)
        tty.setraw(fd)
        os.write(1, b"\x1b[?1049h\x1b[?2004h")
        size = os.get_terminal_size(fd)
        text, pending, in_paste, pastes, winches = b"", b"", False, [], 0
        def fnv(data):
            h = 0x811c9dc5
            for b in data:
                h = ((h ^ b) * 0x01000193) & 0xffffffff
            return h
        def show(data):
            s = data.decode("utf-8", "backslashreplace")
            return "".join(c if c.isprintable() else "\\x%02x" % ord(c) for c in s)[-100:]
        def draw():
            lines = ["\x1b[1;31mREADY\x1b[0m pid=%d" % os.getpid(), "SIZE %dx%d" % (size.columns, size.lines),
                     "WINCH %d" % winches, "TEXT " + show(text), "PASTES %d" % len(pastes)]
            lines += ["PASTE len=%d fnv=%08x" % (len(p), fnv(p)) for p in pastes[-5:]]
            os.write(1, ("\x1b[H\x1b[2J" + "\r\n".join(lines)).encode())
        def on_winch(signum, frame):
            global size, winches
            size = os.get_terminal_size(fd)
            winches += 1
            draw()
        signal.signal(signal.SIGWINCH, on_winch)
        draw()
        while True:
            data = os.read(fd, 65536)
            if not data:
                break
            pending += data
            while True:
                if in_paste:
                    j = pending.find(END)
                    if j < 0:
                        break
                    pastes.append(pending[:j])
                    pending, in_paste = pending[j + len(END):], False
                else:
                    i = pending.find(START)
                    if i < 0:
                        keep = next((k for k in range(len(START) - 1, 0, -1) if pending.endswith(START[:k])), 0)
                        text += pending[:len(pending) - keep]
                        pending = pending[len(pending) - keep:]
                        break
                    text += pending[:i]
                    pending, in_paste = pending[i + len(START):], True
            if b"\x04" in text:
                break
            draw()
        os.write(1, b"\x1b[?2004l\x1b[?1049l")
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        print("BYE")
        """#

    static func standInCommand() throws -> [String] {
        guard let python = TUITestSupport.python3 else { throw TmuxSession.Failure(description: "\(TUITestSupport.python3Missing)") }
        return [python, "-c", standIn]
    }

    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811c9dc5
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 0x01000193 }
        return String(format: "%08x", hash)
    }

    /// `SigBlk:` (or another mask line) of /proc/<pid>/status as a number.
    static func signalMask(_ name: String, of pid: Int32) throws -> UInt64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("\(name):") }),
              let mask = UInt64(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces), radix: 16) else {
            throw TmuxSession.Failure(description: "no \(name) in /proc/\(pid)/status")
        }
        return mask
    }

    static func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal - 1) }

    @Test func paneProgramStartsWithNoBlockedSignals() async throws {
        try await TmuxSession.with(command: ["/bin/sh", "-c", "echo READY; exec sleep 600"]) { tui in
            try await tui.waitFor("READY") { $0.contains("READY") }
            let pid = try await tui.panePID()
            let blocked = try Self.signalMask("SigBlk", of: pid)
            #expect(String(format: "%016llx", blocked) == "0000000000000000", "the pane's program inherited blocked signals")
            let ignored = try Self.signalMask("SigIgn", of: pid)
            for signal in [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
                #expect(ignored & Self.bit(signal) == 0, "signal \(signal) is ignored in the pane")
            }
        }
    }

    @Test(.enabled(if: TUITestSupport.python3 != nil, TUITestSupport.python3Missing))
    func typedTextAndKeyNamesArriveByteForByte() async throws {
        try await TmuxSession.with(command: try Self.standInCommand()) { tui in
            try await tui.waitFor("the first frame") { $0.contains("READY") }
            #expect(try await tui.state().alternateScreen)
            #expect(try await tui.styledScreen().contains("\u{1b}[1m\u{1b}[31mREADY"))
            // A leading "-" and a trailing ";" are both special to tmux's command line.
            try await tui.type("-x héllo wörld 日本;")
            try await tui.sendKeys("Up", "C-a", "Enter", "F1", "BSpace", "Tab")
            let expected = #"TEXT -x héllo wörld 日本;\x1b[A\x01\x0d\x1bOP\x7f\x09"#
            try await tui.waitFor("the typed text and keys") { $0.contains(expected) }
            try await tui.sendKeys("C-d")
            #expect(try await tui.waitForExit() == 0)
            #expect(try await tui.state().alternateScreen == false)
            try await tui.waitFor("the farewell on the normal screen") { $0.contains("BYE") }
            // What tmux doesn't show as state (bracketed paste mode) is in the raw output.
            try await tui.waitForRawOutput("bracketed paste off, then the normal screen") { $0.contains("\u{1b}[?2004l\u{1b}[?1049l") }
        }
    }

    @Test(.enabled(if: TUITestSupport.python3 != nil, TUITestSupport.python3Missing))
    func bracketedPasteOf16KBArrivesInOnePiece() async throws {
        // A token-like 16 KB string: base64url characters with two dots, no newline.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var seed: UInt32 = 12345
        var token = "eyJ"
        while token.utf8.count < 16 * 1024 {
            seed = seed &* 1_103_515_245 &+ 12345
            token.append(token.utf8.count == 4000 || token.utf8.count == 12000 ? "." : alphabet[Int(seed >> 16) % alphabet.count])
        }
        try await TmuxSession.with(command: try Self.standInCommand()) { tui in
            try await tui.waitFor("the first frame") { $0.contains("READY") }
            try await tui.paste(token)
            let screen = try await tui.waitFor("the paste") { $0.contains("PASTES 1") }
            #expect(screen.contains("PASTE len=16384 fnv=\(Self.fnv1a(token))"))
            #expect(screen.contains("\nTEXT\n"), "bytes of the paste leaked outside the brackets")
        }
    }

    @Test(.enabled(if: TUITestSupport.python3 != nil, TUITestSupport.python3Missing))
    func resizeReachesTheProgram() async throws {
        try await TmuxSession.with(command: try Self.standInCommand(), width: 120, height: 40) { tui in
            try await tui.waitFor("the first frame at 120x40") { $0.contains("SIZE 120x40") }
            try await tui.resize(width: 80, height: 24)
            try await tui.waitFor("SIGWINCH and the new size") { $0.contains("SIZE 80x24") && $0.contains("WINCH 1") }
            let state = try await tui.state()
            #expect(state.width == 80 && state.height == 24)
            try await tui.resize(width: 150, height: 50)
            try await tui.waitFor("a second resize") { $0.contains("SIZE 150x50") }
        }
    }

    @Test func sigtermReachesTheProgramsTrap() async throws {
        // `sleep & wait` so the trap runs at once; the script ends with ";" on purpose (tmux would
        // otherwise take it as a command separator).
        let script = #"trap 'echo "got TERM"; exit 5' TERM; echo READY; while :; do sleep 1 & wait $!; done;"#
        try await TmuxSession.with(command: ["/bin/sh", "-c", script]) { tui in
            try await tui.waitFor("READY") { $0.contains("READY") }
            try await tui.signal(SIGTERM)
            try await tui.waitFor("the trap's output") { $0.contains("got TERM") }
            #expect(try await tui.waitForExit() == 5)
        }
    }

    @Test func exitStatusAndDeathBySignalAreReported() async throws {
        try await TmuxSession.with(command: ["/bin/sh", "-c", "echo bye; exit 42"]) { tui in
            // (A `try` outside `#expect`: a closure whose only `try`s are inside macros is inferred non-throwing.)
            let status = try await tui.waitForExit()
            #expect(status == 42)
            #expect(try await tui.screen(includingHistory: true).contains("bye"))
        }
        try await TmuxSession.with(command: ["/bin/sh", "-c", "echo READY; exec sleep 600"]) { tui in
            try await tui.waitFor("READY") { $0.contains("READY") }
            try await tui.signal(SIGKILL)
            #expect(try await tui.waitForExit() == 128 + SIGKILL)
        }
    }

    @Test func aFailedWaitShowsTheLastScreen() async throws {
        try await TmuxSession.with(command: ["/bin/sh", "-c", "echo hello-screen; exec sleep 600"], width: 40, height: 5) { tui in
            try await tui.waitFor("the first output") { $0.contains("hello-screen") }
            let error = await #expect(throws: TmuxSession.Failure.self) {
                try await tui.waitFor("text that never comes", timeout: .milliseconds(200)) { $0.contains("NEVER") }
            }
            let message = error?.description ?? ""
            #expect(message.contains("timed out after"))
            #expect(message.contains("text that never comes"))
            #expect(message.contains("  1 |hello-screen"))
            #expect(message.contains("running (pid"))
        }
        // A program that exits fails the wait at once, not after the timeout.
        let start = ContinuousClock.now
        try await TmuxSession.with(command: ["/bin/sh", "-c", "echo oops; exit 3"]) { tui in
            let error = await #expect(throws: TmuxSession.Failure.self) {
                try await tui.waitFor("text that never comes", timeout: .seconds(600)) { $0.contains("NEVER") }
            }
            #expect(error?.description.contains("the program exited before") == true)
            #expect(error?.description.contains("exited with status 3") == true)
        }
        // The wait's own timeout is 600 s: failing well before it proves the exit was noticed (in a
        // loaded full suite, scheduling alone can delay a test by a minute or more).
        #expect(ContinuousClock.now - start < .seconds(300), "the wait should fail when the program exits, not at its 600 s timeout")
    }

    @Test func parallelSessionsDoNotCollide() async throws {
        let count = 4
        let results = try await withThrowingTaskGroup(of: (Int, String, String).self) { group in
            for index in 0..<count {
                group.addTask {
                    try await TmuxSession.with(command: ["/bin/sh", "-c", #"echo "ID $0"; read line; echo "GOT $line"; exec sleep 600"#, "session-\(index)"]) { tui in
                        try await tui.waitFor("its id") { $0.contains("ID session-\(index)") }
                        try await tui.type("hello-\(index)")
                        try await tui.sendKeys("Enter")
                        let screen = try await tui.waitFor("its own answer") { $0.contains("GOT hello-") }
                        return (index, tui.socket, screen)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results.map(\.1)).count == count, "sessions shared a socket")
        for (index, socket, screen) in results {
            #expect(screen.contains("GOT hello-\(index)\n"))
            #expect(!FileManager.default.fileExists(atPath: socket), "the scratch directory was left behind")
        }
    }

    @Test func theRealBinaryRunsUnderTmux() async throws {
        try await TmuxSession.with(command: [TUITestSupport.tokenscope, "--version"]) { tui in
            #expect(try await tui.waitForExit() == 0)
            let screen = try await tui.screen(includingHistory: true)
            #expect(screen.range(of: #"\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "no version in:\n\(screen)")
        }
    }
}
