import Foundation
import Glibc
import Testing

extension Tag {
    /// End-to-end tests of the explorer: the real binary in a tmux pane (skipped without tmux).
    @Tag static var explorerEndToEnd: Self
}

/// The explorer (`tokenscope` with no subcommand) running in a tmux pane, with the conveniences its
/// end-to-end tests share: the embedded sandbox's URL, samples, pane text, a token minted by the
/// binary itself.
///
///     try await ExplorerDriver.with { app in
///         let url = try await app.waitForSandbox()
///         try await app.loadSample(0)
///         ...
///     }
///
/// Each session keeps the sandbox's state (keys, demo certificates) in its own scratch directory
/// (`--state-dir $HOME/state`, HOME being the session's empty home), so sessions run in parallel.
struct ExplorerDriver: Sendable {
    let tui: TmuxSession

    /// The embedded sandbox's state dir (inside the session's scratch directory, deleted afterwards).
    var stateDirectory: String { "\(tui.home)/state" }

    /// The samples dialog, in the order `j` walks it (SandboxPresets).
    static let samples = [
        "On-Behalf-Of with a client secret (works)",
        "On-Behalf-Of with a certificate (works)",
        "Client credentials: the daemon (works)",
        "Authorization code + PKCE for alice (works)",
        "Device code for the SPA (public client)",
        "Fails: OBO with a token for another API (AADSTS500131)",
        "Fails: OBO with an ID token (caught before sending)",
        "Fails: conditional access requires MFA (claims challenge)",
        "Fails: a guest's token exchanged through /common",
        "Fails: an expired client secret (AADSTS7000222)",
        "Fails: client credentials with a delegated scope (caught before sending)",
    ]

    /// The sandbox's first start creates RSA keys and mints every sample's token: slow on a loaded
    /// machine with a debug build.
    static let sandboxTimeout: Duration = .seconds(20)
    /// An exchange against the loopback sandbox (a certificate assertion is signed first).
    static let runTimeout: Duration = .seconds(15)

    /// Starts `tokenscope [arguments]` in a `width`×`height` pane with its state dir in the session's
    /// scratch space. Through `sh -c 'exec …'` so `$HOME` is the session's own (known only once the
    /// session exists) and the pane's pid is still the explorer's.
    static func with<T>(
        width: Int = 120,
        height: Int = 40,
        arguments: [String] = [],
        environment: [String: String] = [:],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ExplorerDriver) async throws -> T
    ) async throws -> T {
        let command = ["/bin/sh", "-c", #"exec "$0" --state-dir "$HOME/state" "$@""#, TUITestSupport.tokenscope] + arguments
        return try await session(command, width: width, height: height, environment: environment, body)
    }

    /// Runs `command` in a gated tmux session and `body` with its driver.
    private static func session<T>(
        _ command: [String], width: Int, height: Int, environment: [String: String],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ExplorerDriver) async throws -> T
    ) async throws -> T {
        await gate.enter()
        do {
            let result = try await TmuxSession.with(command: command, width: width, height: height, environment: environment) { tui in
                try await body(ExplorerDriver(tui: tui))
            }
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            throw error
        }
    }

    /// How many explorers run at once. Each session polls tmux every 50 ms (a tmux client process per
    /// poll) beside a debug-build explorer and its sandbox: a dozen at once on two shared cores starve
    /// the rest of `swift test` (timing-sensitive tests elsewhere failed that way). Four keep this
    /// suite's wall time near its parallel best.
    static let parallelSessions = 4
    private static let gate = Gate(slots: parallelSessions)

    /// A counting semaphore for async code.
    actor Gate {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(slots: Int) { free = slots }

        func enter() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func leave() {
            if waiting.isEmpty {
                free += 1
            } else {
                waiting.removeFirst().resume()
            }
        }
    }

    // MARK: Start-up

    /// Waits for the embedded sandbox (title bar `sandbox http://127.0.0.1:PORT`) and returns its URL.
    @discardableResult
    func waitForSandbox() async throws -> String {
        let screen = try await waitForSettled("the embedded sandbox's URL in the title bar", timeout: Self.sandboxTimeout) {
            Self.sandboxURL(in: $0) != nil
        }
        return Self.sandboxURL(in: screen)!
    }

    static func sandboxURL(in screen: String) -> String? {
        let title = screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let range = title.range(of: #"sandbox http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else { return nil }
        return String(title[range].dropFirst("sandbox ".count))
    }

    // MARK: Input

    /// `s`, `j` × index, Enter: loads sample `index` (its form, and its token when it has one).
    func loadSample(_ index: Int) async throws {
        let title = Self.samples[index]
        try await tui.sendKeys("s")
        try await tui.waitFor("the samples dialog") { $0.contains("Samples (embedded sandbox)") }
        if index > 0 { try await tui.tmux(["send-keys", "-t", TmuxSession.target] + Array(repeating: "j", count: index)) }
        try await tui.waitFor("“\(title)” selected") { $0.contains("› \(title)") }
        try await tui.sendKeys("Enter")
        try await tui.waitFor("the sample loaded") { $0.contains("Loaded “\(title)”: Enter runs it") }
    }

    /// Waits for the run to finish (the Result tab's ✔ or ✖, and the status bar's `Run N: …`, the
    /// last row drawn, so the frame is whole) and returns the screen.
    @discardableResult
    func waitForRunToFinish(_ run: Int) async throws -> String {
        try await tui.waitFor("run \(run) to finish (3 Result ✔ or ✖, status “Run \(run): …”)", timeout: Self.runTimeout) { screen in
            let tabs = Self.tabBar(screen)
            return (tabs.contains("3 Result ✔") || tabs.contains("3 Result ✖")) && Self.statusBar(screen).hasPrefix(" Run \(run): ")
        }
    }

    /// Like `TmuxSession.waitFor`, and the screen is the same on two polls in a row: tmux can be caught
    /// halfway through a frame (the top rows new, the rest old), so a predicate about rows other than
    /// the status bar (drawn last) waits for the frame to settle. The explorer only redraws on input,
    /// a message or a spinner tick, so a settled screen is a whole frame.
    @discardableResult
    func waitForSettled(_ description: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws -> String {
        var previous: String?
        return try await tui.waitFor("\(description) (and the frame settled)", timeout: timeout) { screen in
            defer { previous = screen }
            return screen == previous && predicate(screen)
        }
    }

    // MARK: Reading

    static func rows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The title bar (row 1), tab bar (row 2) and status bar (last non-empty row).
    static func titleBar(_ screen: String) -> String { rows(screen).first ?? "" }
    static func tabBar(_ screen: String) -> String { rows(screen).dropFirst().first ?? "" }
    static func statusBar(_ screen: String) -> String { rows(screen).last { !$0.isEmpty } ?? "" }

    /// The pane frames on screen, by their titles in the top border (`┌─ 3 Result ─…┐`).
    static func frameTitles(_ screen: String) -> [String] {
        let pattern = #"┌─ ([1-5] [A-Za-z]+)"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let text = screen as NSString
        return regex.matches(in: screen, range: NSRange(location: 0, length: text.length)).map { text.substring(with: $0.range(at: 1)) }
    }

    /// What one pane shows inside its frame, row by row, found by its title (`"4 Advice"`), and its
    /// scroll marker (`1–35/51`) when its content is taller than the pane. Nil when the pane isn't on
    /// screen. Columns are counted in Characters: everything the explorer draws is one cell wide.
    static func pane(_ title: String, in screen: String) -> (rows: [String], marker: (first: Int, last: Int, count: Int)?)? {
        let lines = rows(screen).map(Array.init)
        for (top, line) in lines.enumerated() {
            let text = String(line)
            guard let titleRange = text.range(of: "┌─ \(title) ") else { continue }
            let left = text.distance(from: text.startIndex, to: titleRange.lowerBound)
            guard let right = line[left...].firstIndex(of: "┐") else { continue }
            var content: [String] = []
            var marker: (Int, Int, Int)?
            for row in lines[(top + 1)...] {
                if row.count > left, row[left] == "└" {
                    let border = String(row[left..<min(row.count, right + 1)])
                    if let m = border.range(of: #"[0-9]+–[0-9]+/[0-9]+"#, options: .regularExpression) {
                        let numbers = border[m].split(whereSeparator: { $0 == "–" || $0 == "/" }).compactMap { Int($0) }
                        if numbers.count == 3 { marker = (numbers[0], numbers[1], numbers[2]) }
                    }
                    break
                }
                let from = min(row.count, left + 1), to = min(row.count, right)
                content.append(from < to ? String(row[from..<to]) : "")
            }
            return (content, marker)
        }
        return nil
    }

    /// Pane rows joined with single spaces (word-wrapped prose reads as one line again).
    static func flat(_ rows: [String]) -> String {
        rows.joined(separator: " ").split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }

    /// Pane rows without any whitespace: for text that the pane cut mid-word (JSON, URLs, IDs).
    static func compact(_ rows: [String]) -> String {
        String(rows.joined().filter { !$0.isWhitespace })
    }

    /// Every line of a scrolling pane (Result, Advice, Trace), not only the visible page: focuses it
    /// (`number`), goes to the top (`g`) and pages down (PgDn) until the scroll marker reaches the end.
    func wholePane(_ number: Int, _ name: String) async throws -> [String] {
        let title = "\(number) \(name)"
        try await tui.sendKeys(String(number), "g")
        // Keys are read in order: once the pane shows its top, the number key has focused it, so
        // PageDown scrolls it.
        var screen = try await waitForSettled("pane \(title) on screen, at its top") { screen in
            guard let pane = Self.pane(title, in: screen) else { return false }
            return (pane.marker?.first ?? 1) == 1
        }
        var lines: [String] = []
        while true {
            guard let pane = Self.pane(title, in: screen) else { throw TmuxSession.Failure(description: "pane \(title) vanished") }
            guard let marker = pane.marker else { return pane.rows }
            // Rows first…last of count are on screen: keep the ones not seen yet.
            let start = max(lines.count + 1, marker.first) - marker.first
            let end = min(marker.last - marker.first + 1, pane.rows.count)
            if start < end { lines += pane.rows[start..<end] }
            if marker.last >= marker.count { return lines }
            try await tui.sendKeys("PageDown")
            screen = try await waitForSettled("pane \(title) scrolled past line \(marker.last)") { next in
                (Self.pane(title, in: next)?.marker?.last ?? 0) > marker.last
            }
        }
    }

    // MARK: The binary's other commands

    /// Runs `tokenscope ARGS` (through `Spawn`, never Foundation.Process) with a minimal environment.
    func tokenscope(_ arguments: [String]) async throws -> Spawn.Output {
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": tui.home,
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
        ]
        let output = try await Spawn.runDetached(TUITestSupport.tokenscope, arguments, environment: environment)
        guard output.status == 0 else {
            throw TmuxSession.Failure(description: "tokenscope \(arguments.joined(separator: " ")) exited with \(output.status): \(output.stderr)")
        }
        return output
    }

    /// A user access token minted by `tokenscope sandbox mint` with this session's keys (so the embedded
    /// sandbox accepts its signature) and issuer `baseURL`. `groups` group IDs make it bigger
    /// (20 → about 2 KB, 290 → about 16 KB).
    func mint(scope: String = "api://middle-tier-api/access_as_user", groups: Int? = nil, expired: Bool = false, baseURL: String? = nil) async throws -> String {
        var arguments = ["sandbox", "mint", "--state-dir", stateDirectory, "--user", "alice", "--client", "spa-client", "--scope", scope]
        if let groups { arguments += ["--groups", String(groups)] }
        if expired { arguments.append("--expired") }
        if let baseURL { arguments += ["--base-url", baseURL] }
        let token = try await tokenscope(arguments).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.split(separator: ".").count == 3 else { throw TmuxSession.Failure(description: "mint printed no JWT: \(token.prefix(200))") }
        return token
    }

    /// `tokenscope sandbox info --json` for this session's state dir, parsed.
    func sandboxInfo() async throws -> [String: Any] {
        let json = try await tokenscope(["sandbox", "info", "--state-dir", stateDirectory, "--json"]).stdout
        guard let info = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw TmuxSession.Failure(description: "sandbox info --json is not an object: \(json.prefix(200))")
        }
        return info
    }

    /// The demo app `name` from `sandbox info --json`.
    func app(_ name: String) async throws -> [String: Any] {
        guard let apps = try await sandboxInfo()["apps"] as? [[String: Any]], let app = apps.first(where: { $0["name"] as? String == name }) else {
            throw TmuxSession.Failure(description: "no app \(name) in sandbox info")
        }
        return app
    }

    /// Every client secret of every demo app (`sandbox info --json`), expired ones included.
    func allSecrets() async throws -> [String] {
        let apps = try await sandboxInfo()["apps"] as? [[String: Any]] ?? []
        let secrets = apps.flatMap { ($0["secrets"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String } }
        guard !secrets.isEmpty else { throw TmuxSession.Failure(description: "no secrets in sandbox info") }
        return secrets
    }

    /// The secret, or its second half, in `text` (a redaction that kept a recognisable part counts).
    static func leaks(_ secrets: [String], in text: String) -> [String] {
        secrets.filter { text.contains($0) || text.contains(String($0.suffix($0.count / 2))) }
    }

    // MARK: Terminal state

    /// The terminal was handed back: the alternate screen is off, bracketed paste was turned off
    /// after it was last turned on, and the cursor was shown again after it was last hidden.
    ///
    /// The cursor is judged from the bytes written (`civis` / `cnorm` both contain `ESC[?25l` /
    /// `ESC[?25h` in the terminfo entries used here), not from tmux's `#{cursor_flag}`: tmux 3.3a
    /// clears that flag itself when it draws "Pane is dead" over a dead pane, so after the exit it
    /// reads 0 whatever the program did. For tmux's own view of the cursor, keep the pane alive
    /// (`Launch.keepPaneAfterExit`) and use `expectTerminalUsableAfterExit`.
    func expectTerminalRestored(timeout: Duration = .seconds(10), _ sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let state = try await tui.state()
        #expect(state.alternateScreen == false, "still on the alternate screen: \(state)", sourceLocation: sourceLocation)
        let output = try await tui.waitForRawOutput("bracketed paste turned off after it was last turned on", timeout: timeout) { output in
            guard let off = output.range(of: "\u{1b}[?2004l", options: .backwards) else { return false }
            guard let on = output.range(of: "\u{1b}[?2004h", options: .backwards) else { return true }
            return on.lowerBound < off.lowerBound
        }
        #expect(output.contains("\u{1b}[?2004h"), "bracketed paste was never turned on", sourceLocation: sourceLocation)
        let cursor = try await tui.waitForRawOutput("the cursor shown after it was last hidden", timeout: timeout) { output in
            guard let shown = output.range(of: "\u{1b}[?25h", options: .backwards) else { return false }
            guard let hidden = output.range(of: "\u{1b}[?25l", options: .backwards) else { return true }
            return hidden.lowerBound < shown.lowerBound
        }
        // Otherwise the check proves nothing: the explorer hides the cursor whenever no text field has it.
        #expect(cursor.contains("\u{1b}[?25l"), "the cursor was never hidden", sourceLocation: sourceLocation)
    }

    // MARK: Files

    /// The POSIX permission bits of `path`.
    static func mode(_ path: String) throws -> Int {
        guard let bits = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int else {
            throw TmuxSession.Failure(description: "no permission bits for \(path)")
        }
        return bits & 0o777
    }

    /// The export files (`tokenscope-incident-*.md` / `.json`) in `directory`.
    static func exports(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("tokenscope-incident-") }.sorted()
    }

    /// Anything shaped like a signed JWT (header.payload.signature) in `text`.
    static func containsJWT(_ text: String) -> Bool {
        text.range(of: #"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}"#, options: .regularExpression) != nil
    }
}

// MARK: Launching with a prepared home, another terminal type, or a pane that outlives the explorer

extension ExplorerDriver {
    /// How the explorer is started, beyond its arguments and environment.
    struct Launch: Sendable {
        /// Files created in the session's HOME before the explorer starts, by path relative to HOME
        /// (`.config/tokenscope/profiles.yaml`, themes): it reads them at start-up, and HOME is
        /// known only once the session exists. Copied in by the pane's shell (`cp -Rp`, modes kept).
        var homeFiles: [String: String] = [:]
        /// Shell code run just before the explorer, in the pane, with the session's HOME set: e.g.
        /// `export TERM=xterm` — tmux gives every pane the `default-terminal` option as TERM, so a
        /// TERM in `environment` has no effect — or `export XDG_CONFIG_HOME="$HOME/xdg"`.
        var prelude: String = ""
        /// The pane's shell outlives the explorer: it prints `exitNotice` and the status, then runs
        /// `cat -v` on the terminal, so tmux's view of the terminal the explorer left behind can be
        /// read (see `expectTerminalUsableAfterExit`) and a probe can be typed into it. The pane's pid
        /// is then the shell's; `explorerPID()` finds the explorer.
        var keepPaneAfterExit = false
    }

    /// What the pane's shell prints once the explorer has exited (with `keepPaneAfterExit`).
    static let exitNotice = "[tokenscope exited with status"

    /// Like `with(width:height:arguments:environment:_:)`, started the way `launch` says.
    static func with<T>(
        width: Int = 120,
        height: Int = 40,
        arguments: [String] = [],
        environment: [String: String] = [:],
        launch: Launch,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ExplorerDriver) async throws -> T
    ) async throws -> T {
        var seed: String?
        defer { if let seed { try? FileManager.default.removeItem(atPath: seed) } }
        if !launch.homeFiles.isEmpty {
            let directory = "\(Spawn.shortTemporaryBase())/tsui-home-\(UUID().uuidString)"
            seed = directory
            for (path, text) in launch.homeFiles {
                let file = URL(fileURLWithPath: "\(directory)/\(path)")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
        }
        let command = ["/bin/sh", "-c", script(launch, seed: seed), TUITestSupport.tokenscope] + arguments
        return try await session(command, width: width, height: height, environment: environment, body)
    }

    /// The pane's `sh -c` script for `launch`: `$0` is the program, `$@` its arguments, after
    /// `--state-dir "$HOME/state"`. `seed` is a directory whose contents are copied into HOME first.
    static func script(_ launch: Launch, seed: String? = nil) -> String {
        var script = ""
        if let seed { script += #"cp -Rp '\#(seed)/.' "$HOME/" || exit 97; "# }
        if !launch.prelude.isEmpty { script += launch.prelude + "; " }
        if launch.keepPaneAfterExit {
            script += #""$0" --state-dir "$HOME/state" "$@"; status=$?; printf '\n%s %d]\n' '\#(exitNotice)' "$status"; exec cat -v"#
        } else {
            script += #"exec "$0" --state-dir "$HOME/state" "$@""#
        }
        return script
    }

    /// The explorer's pid when the pane's shell outlives it (`keepPaneAfterExit`): the shell's one
    /// child while the explorer runs.
    func explorerPID() async throws -> Int32 {
        let shell = try await tui.panePID()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "(name)": the state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell { return pid }
        }
        throw TmuxSession.Failure(description: "no child process under the pane's shell (pid \(shell)): has the explorer exited?")
    }

    /// Waits for the pane's shell to say the explorer exited (`keepPaneAfterExit`) and returns the
    /// status it reported (the exit code, or 128 + the signal).
    func waitForExitNotice(timeout: Duration = .seconds(15)) async throws -> Int32 {
        let pattern = #"\#(NSRegularExpression.escapedPattern(for: Self.exitNotice)) ([0-9]+)\]"#
        let screen = try await tui.waitFor("the shell's notice that the explorer exited", timeout: timeout) {
            $0.range(of: pattern, options: .regularExpression) != nil
        }
        let range = screen.range(of: pattern, options: .regularExpression)!
        return Int32(screen[range].dropFirst(Self.exitNotice.count + 1).dropLast())!
    }

    /// With the pane kept alive after the explorer exited (`keepPaneAfterExit`), the terminal it
    /// left is the one the user gets back. Checked through tmux, which tracks the terminal's modes:
    /// the normal screen, the cursor visible, no mouse reporting; then by use: a probe line pasted
    /// (tmux brackets a paste only while the program has bracketed paste on) must reach `cat -v`
    /// as the plain line, echoed once by the terminal and printed once by cat — so bracketed paste
    /// is off and the tty is back in cooked mode (echo, line editing, CR→NL). A terminal left with
    /// bracketed paste on shows `^[[200~probe…`; one left raw shows `probe^M` and no echo.
    func expectTerminalUsableAfterExit(_ sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let modes = try await tui.display("#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_sgr_flag}")
        #expect(modes == "0 1 0 0", "alternate screen, cursor visible, mouse reporting, SGR mouse: \(modes) (want 0 1 0 0)", sourceLocation: sourceLocation)
        let probe = "probe-\(UUID().uuidString.prefix(8))"
        try await tui.paste(probe + "\n")
        let screen = try await tui.waitFor("the probe line echoed and printed by cat -v (or mangled)") { screen in
            let rows = Self.rowsAfterExitNotice(screen)
            return rows.filter { $0 == probe }.count >= 2 || rows.contains { $0.contains(probe) && ($0.contains("200~") || $0.contains("^M")) }
        }
        let rows = Self.rowsAfterExitNotice(screen).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(rows == [probe, probe], "after the exit, a pasted line reached the terminal as:\n\(rows.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// The screen rows below the shell's exit notice.
    static func rowsAfterExitNotice(_ screen: String) -> [String] {
        let all = rows(screen)
        guard let notice = all.lastIndex(where: { $0.contains(exitNotice) }) else { return [] }
        return Array(all[(notice + 1)...])
    }
}
