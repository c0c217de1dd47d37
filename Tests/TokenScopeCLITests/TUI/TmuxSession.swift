import Foundation
import Glibc

/// A program running in a pane of a private tmux server, driven the way a user would drive it: keys,
/// typed text, bracketed paste, resize, signals; and read back as the screen tmux shows.
///
///     try await TmuxSession.with(command: [TUITestSupport.tokenscope]) { tui in
///         try await tui.waitFor("the first frame") { $0.contains("Token Explorer") }
///         try await tui.paste(jwt)
///         try await tui.waitFor("the claims table") { $0.contains("aud") }
///         try await tui.sendKeys("q")
///         #expect(try await tui.waitForExit() == 0)
///     }
///
/// Each session has its own server (`-S` socket in a fresh short temporary directory, `-f /dev/null`),
/// so sessions run in parallel without seeing each other, and the server is always killed and the
/// directory deleted afterwards. Every tmux command runs through `Spawn` (posix_spawn with an empty
/// signal mask), never `Foundation.Process`.
struct TmuxSession: Sendable {
    /// The session's scratch directory (deleted afterwards): the socket, and the program's HOME,
    /// TMPDIR and working directory below it.
    let directory: String
    var socket: String { "\(directory)/tmux.sock" }
    /// The program's `HOME`: empty, so no user configuration (profiles, themes) leaks into a test.
    var home: String { "\(directory)/home" }
    /// The program's working directory (exports and other relative paths land here).
    var workingDirectory: String { "\(directory)/work" }
    /// The program's `TMPDIR`.
    var temporaryDirectory: String { "\(directory)/tmp" }
    /// Every byte the program wrote to the terminal (tmux `pipe-pane`), escape sequences included.
    var outputLog: String { "\(directory)/output.log" }

    /// The session (and its one window and pane) as a tmux target.
    static let target = "t"

    /// What tmux knows about the pane.
    struct PaneState: Sendable, CustomStringConvertible {
        let pid: Int32
        /// The tmux server's pid.
        let serverPID: Int32
        let isDead: Bool
        /// When dead: the exit code, or 128 + the signal number (never nil then).
        let exitStatus: Int32?
        /// The program switched to the alternate screen (`smcup`) and hasn't left it.
        let alternateScreen: Bool
        let width: Int
        let height: Int

        var description: String {
            let life = isDead ? "exited with status \(exitStatus.map(String.init) ?? "?")" : "running (pid \(pid))"
            return "\(life), \(width)x\(height), alternate screen \(alternateScreen ? "on" : "off")"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: Lifetime

    /// Starts `command` (argv; never parsed by a shell) in a `width`×`height` pane, runs `body`, then kills
    /// the server and deletes the scratch directory, whether `body` returned or threw.
    ///
    /// The program's environment is minimal and predictable: `PATH` (the test process's), `HOME`,
    /// `TMPDIR` (fresh directories), `LANG=C.UTF-8`, `TERM=tmux-256color`,
    /// `SWIFT_BACKTRACE=interactive=no,color=no` (a crash must not wait for a key), then `environment`.
    /// Nothing else from the test process (no `AZURE_*`, `NO_COLOR`, `XDG_*`) unless passed here.
    static func with<T>(
        command: [String],
        width: Int = 120,
        height: Int = 40,
        environment: [String: String] = [:],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TmuxSession) async throws -> T
    ) async throws -> T {
        precondition(!command.isEmpty, "TmuxSession needs a command")
        let session = try TmuxSession(directory: makeScratchDirectory())
        do {
            try await session.start(command: command, width: width, height: height, environment: environment)
            let result = try await body(session)
            await session.destroy()
            return result
        } catch {
            await session.destroy()
            throw error
        }
    }

    private static func makeScratchDirectory() throws -> String {
        var template = Array("\(Spawn.shortTemporaryBase())/tsui-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "mkdtemp: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: made)
        for sub in ["home", "work", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: false)
        }
        return directory
    }

    /// The tmux client's own environment; the server copies it as its global environment, which the
    /// pane inherits.
    private var clientEnvironment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "TMPDIR": temporaryDirectory,
            "LANG": "C.UTF-8",
        ]
    }

    private func start(command: [String], width: Int, height: Int, environment: [String: String]) async throws {
        var sessionEnvironment = [
            "LANG": "C.UTF-8",
            "TERM": "tmux-256color",
            "SWIFT_BACKTRACE": "interactive=no,color=no",
        ]
        sessionEnvironment.merge(environment) { _, new in new }
        // tmux runs a one-word command through `sh -c` (word splitting, and the pane's pid would be the
        // shell's); two or more words are exec'd as they are. `env` execs the program in place.
        let argv = command.count == 1 ? ["/usr/bin/env", command[0]] : command
        try await tmux(
            ["start-server"],
            ["set-option", "-g", "default-terminal", "tmux-256color"],
            ["set-option", "-g", "remain-on-exit", "on"],
            ["set-option", "-g", "status", "off"],
            ["new-session", "-d", "-s", Self.target, "-x", String(width), "-y", String(height), "-c", workingDirectory]
                + sessionEnvironment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
                + argv,
            // Two reasons for a pipe: `rawOutput()`, and tmux 3.3a only waits for a dead pane's unread
            // output to be drained when a pipe is open; without one, the last thing a quickly exiting
            // program writes (its exit message, `rmcup`) is sometimes lost (3 in 40 runs, 0 with the pipe).
            // In the same command list as new-session, so the pipe is open before the program's first byte
            // is read.
            ["pipe-pane", "-t", Self.target, "exec cat >> '\(outputLog)'"]
        )
    }

    /// Kills the server (the pane gets SIGHUP as its terminal goes away), makes sure the program is
    /// gone, and deletes the scratch directory. Never throws: it runs on every path out of `with`.
    private func destroy() async {
        let socket = socket, directory = directory, environment = clientEnvironment
        _ = try? await Spawn.offPool {
            let state = try? Spawn.run(TUITestSupport.tmuxPath, ["-S", socket, "display-message", "-p", "-t", Self.target, "#{pane_dead} #{pane_pid}"], environment: environment)
            _ = try? Spawn.run(TUITestSupport.tmuxPath, ["-S", socket, "kill-server"], environment: environment)
            // A program that ignores SIGHUP outlives the server: give it a moment, then kill its group
            // (tmux makes the pane's program a session and group leader).
            if let fields = state?.stdout.split(separator: " "), fields.count == 2, fields[0] == "0",
               let pid = Int32(fields[1].trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 {
                let deadline = ContinuousClock.now + .seconds(1)
                while Self.isRunning(pid), ContinuousClock.now < deadline { usleep(10_000) }
                if Self.isRunning(pid) { kill(-pid, SIGKILL) }
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Exists and isn't a zombie (once the server is gone an orphan may wait to be reaped).
    private static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[close...].dropFirst(2).first
        return state != "Z" && state != "X"
    }

    // MARK: tmux

    /// Runs one tmux client invocation with one or more commands (joined by `;`) and returns its stdout.
    /// Arguments are passed as argv (no shell); a trailing `;` in an argument is escaped, since tmux
    /// would otherwise take it as a command separator and drop it.
    @discardableResult
    func tmux(_ commands: [String]...) async throws -> String {
        var arguments = ["-S", socket, "-f", "/dev/null"]
        for (index, command) in commands.enumerated() {
            if index > 0 { arguments.append(";") }
            arguments += command.map { $0.hasSuffix(";") ? "\($0.dropLast())\\;" : $0 }
        }
        let output = try await Spawn.runDetached(TUITestSupport.tmuxPath, arguments, environment: clientEnvironment)
        guard output.status == 0 else {
            let shown = commands.map { $0.map { $0.count > 60 ? "\($0.prefix(60))…" : $0 }.joined(separator: " ") }.joined(separator: " ; ")
            throw Failure(description: "tmux \(shown) exited with status \(output.status): \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return output.stdout
    }

    // MARK: Reading

    /// The visible screen as plain text, one line per row (trailing spaces trimmed by tmux).
    /// `includingHistory` adds the lines that scrolled off the top (e.g. the top line of a dead pane:
    /// tmux's "Pane is dead" notice can scroll the screen by one line).
    func screen(includingHistory: Bool = false) async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", Self.target] + (includingHistory ? ["-S", "-"] : []))
    }

    /// The visible screen with SGR escapes (`\e[1m`, `\e[38;5;208m`, `\e[7m` …) for colour and attribute checks.
    func styledScreen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-e", "-t", Self.target])
    }

    /// A tmux format about the pane, e.g. `#{alternate_on} #{pane_dead} #{pane_dead_status} #{pane_pid}`.
    func display(_ format: String) async throws -> String {
        var text = try await tmux(["display-message", "-p", "-t", Self.target, format])
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    private static let stateFormat = "#{pane_pid}|#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{alternate_on}|#{pane_width}|#{pane_height}|#{pid}"

    private static func parseState(_ line: Substring) throws -> PaneState {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 8, let pid = Int32(fields[0]), let width = Int(fields[5]), let height = Int(fields[6]),
              let server = Int32(fields[7]) else {
            throw Failure(description: "unexpected pane state from tmux: \(line)")
        }
        // tmux marks the pane dead when the pty closes, and learns the status when it reaps the child
        // (SIGCHLD): until both are known the pane counts as running, so a dead pane always has a status.
        let status = Int32(fields[2]) ?? Int32(fields[3]).map { 128 + $0 }
        let closed = fields[1] == "1"
        if closed, status == nil, server > 1 {
            // tmux 3.3a sometimes misses the SIGCHLD when several servers are busy (seen 2 in 24 parallel
            // sessions, from bash too): the pane's program stays a zombie and the status never comes.
            // Another SIGCHLD makes the server reap it. Harmless otherwise (waitpid with WNOHANG).
            kill(server, SIGCHLD)
        }
        let dead = closed && status != nil
        return PaneState(pid: pid, serverPID: server, isDead: dead, exitStatus: dead ? status : nil,
                         alternateScreen: fields[4] == "1", width: width, height: height)
    }

    /// The pane's state.
    func state() async throws -> PaneState {
        try Self.parseState(Substring(try await display(Self.stateFormat)))
    }

    /// State and screen from one tmux invocation (so they agree: a dead pane's screen is final).
    private func snapshot() async throws -> (state: PaneState, screen: String) {
        let output = try await tmux(
            ["display-message", "-p", "-t", Self.target, Self.stateFormat],
            ["capture-pane", "-p", "-t", Self.target]
        )
        let newline = output.firstIndex(of: "\n") ?? output.endIndex
        let screen = newline < output.endIndex ? String(output[output.index(after: newline)...]) : ""
        return (try Self.parseState(output[..<newline]), screen)
    }

    /// Everything the program has written to the terminal so far, escape sequences included (e.g. to
    /// check that it turned bracketed paste off, `\u{1b}[?2004l`, on the way out). The copy lags the
    /// screen slightly: poll with `waitForRawOutput`.
    func rawOutput() throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputLog)), as: UTF8.self)
    }

    /// The pid of the pane's program (the process tmux started: `command[0]`).
    func panePID() async throws -> Int32 {
        try await state().pid
    }

    // MARK: Waiting

    /// Polls the screen every 50 ms until `predicate` holds and returns that screen. Throws, with the
    /// last screen and the pane's state in the message, on timeout, or as soon as the program has exited
    /// without the predicate holding (a dead pane's screen can't change). After the exit the predicate
    /// also sees the lines scrolled off the top (see `screen(includingHistory:)`).
    @discardableResult
    func waitFor(_ description: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws -> String {
        let start = ContinuousClock.now
        while true {
            let (state, screen) = try await snapshot()
            if predicate(screen) { return screen }
            if state.isDead {
                // The "Pane is dead" notice scrolls the screen up a line: look at the scrolled-off lines too.
                let full = try await self.screen(includingHistory: true)
                if predicate(full) { return full }
            }
            let elapsed = ContinuousClock.now - start
            if state.isDead || elapsed >= timeout {
                let why = state.isDead ? "the program exited before" : "timed out after \(Self.milliseconds(elapsed)) ms waiting for"
                throw Failure(description: Self.report("\(why): \(description)", state: state, screen: screen))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Polls `rawOutput()` every 50 ms until `predicate` holds; on timeout throws with the tail of the output
    /// (escapes made visible) and the screen.
    @discardableResult
    func waitForRawOutput(_ description: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws -> String {
        let start = ContinuousClock.now
        while true {
            let output = (try? rawOutput()) ?? ""
            if predicate(output) { return output }
            if ContinuousClock.now - start >= timeout {
                let (state, screen) = try await snapshot()
                let tail = String(output.suffix(2000)).unicodeScalars.map { $0.value < 0x20 && $0 != "\n" ? "\\x" + String(format: "%02x", $0.value) : String($0) }.joined()
                throw Failure(description: Self.report("timed out after \(Self.milliseconds(timeout)) ms waiting for output: \(description)\nlast output (\(output.utf8.count) bytes, tail):\n\(tail)", state: state, screen: screen))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for the program to exit and returns its status (the exit code, or 128 + the signal).
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let start = ContinuousClock.now
        while true {
            let (state, screen) = try await snapshot()
            if state.isDead, let status = state.exitStatus { return status }
            if ContinuousClock.now - start >= timeout {
                throw Failure(description: Self.report("timed out after \(Self.milliseconds(timeout)) ms waiting for the program to exit", state: state, screen: screen))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// A failure message a human can debug from a CI log: what was awaited, the pane, the screen framed
    /// with row numbers (so blank rows and trailing text are visible).
    static func report(_ headline: String, state: PaneState, screen: String) -> String {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        if rows.last == "" { rows.removeLast() }
        while let last = rows.last, last.allSatisfy({ $0 == " " }), rows.count > 1 { rows.removeLast() }
        let framed = rows.enumerated().map { String(format: "%3d", $0.offset + 1) + " |" + $0.element }.joined(separator: "\n")
        return """
            \(headline)
            pane: \(state)
            last screen (\(state.width)x\(state.height), blank rows at the bottom omitted):
            \(framed)
            """
    }

    // MARK: Input

    /// Key names as tmux knows them: `Enter`, `Escape`, `Tab`, `BTab`, `Up`, `PageDown`, `F1`, `C-c`,
    /// `M-x`, `BSpace`, or single characters.
    func sendKeys(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types `literal` as is (no key-name lookup). Not for large text: tmux limits a command to about
    /// 16 KB; use `paste`.
    func type(_ literal: String) async throws {
        try await tmux(["send-keys", "-t", Self.target, "-l", "--", literal])
    }

    /// Pastes `text` as the terminal would: wrapped in `ESC[200~` … `ESC[201~` when `bracketed` and the
    /// program has turned bracketed paste on (`ESC[?2004h`; otherwise tmux sends it bare). tmux turns
    /// each LF into CR, as a terminal does. Any size: the text goes through a file, not the command line.
    func paste(_ text: String, bracketed: Bool = true) async throws {
        let file = "\(directory)/paste-\(UUID().uuidString).txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await tmux(
            ["load-buffer", "-b", "p", file],
            ["paste-buffer", "-d", "-b", "p", "-t", Self.target] + (bracketed ? ["-p"] : [])
        )
    }

    /// Resizes the window (and so the pane): the program gets SIGWINCH.
    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
    }

    /// Sends `signal` to the pane's program.
    func signal(_ signal: Int32) async throws {
        let state = try await state()
        guard !state.isDead else { throw Failure(description: "can't signal the pane's program: it has \(state)") }
        let pid = state.pid
        guard kill(pid, signal) == 0 else {
            throw Failure(description: "kill(\(pid), \(signal)): \(String(cString: strerror(errno)))")
        }
    }
}
