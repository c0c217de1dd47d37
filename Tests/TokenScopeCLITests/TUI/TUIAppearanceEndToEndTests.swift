import Foundation
import Glibc
import Testing

/// The explorer under tmux as the terminal and the user's files shape its look (issue 6): `NO_COLOR`
/// and an 8-colour terminal, `--mouse`, user themes (broken and renamed).
///
/// Nothing here reaches a real host: every exchange that runs goes to the embedded sandbox on
/// 127.0.0.1. Run alone: `swift test --skip-build --filter TUIAppearanceEndToEndTests`. Skipped without tmux.
@Suite("TUIAppearanceEndToEnd: colours, mouse and themes under tmux", .tags(.explorerEndToEnd),
       .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct TUIAppearanceEndToEndTests {
    typealias App = ExplorerDriver

    // MARK: Colour

    enum Terminal: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case colours256 = "256 colours (tmux-256color)"
        case colours8 = "8 colours (TERM=xterm)"
        case noColor = "NO_COLOR=1"
        var testDescription: String { rawValue }
    }

    /// Every theme (`t` cycles all six) as drawn on each terminal, read back through
    /// `capture-pane -e`. With `NO_COLOR` no colour at all, only attributes; with 8 colours only the
    /// eight basic ones (no 256-colour index, no bright 9x/10x); and the 256-colour terminal does use
    /// 256-colour indexes (default) and bright colours (high-contrast), so the other two checks could
    /// fail.
    @Test(arguments: Terminal.allCases)
    func coloursFollowTheTerminal(_ terminal: Terminal) async throws {
        var launch = App.Launch()
        var environment: [String: String] = [:]
        switch terminal {
        case .colours256: break
        // tmux sets TERM from default-terminal: only the pane's shell can change it.
        case .colours8: launch.prelude = "TERM=xterm; export TERM"
        case .noColor: environment["NO_COLOR"] = "1"
        }
        try await App.with(environment: environment, launch: launch) { app in
            let tui = app.tui
            try await app.waitForSandbox()
            var used: [String: SGR] = ["default": SGR(try await tui.styledScreen())]
            var previous = "default"
            for _ in 0..<5 {
                try await tui.sendKeys("t")
                let screen = try await app.waitForSettled("the theme after \(previous)") { screen in
                    guard let name = App.statusBar(screen).firstMatch(of: #/^ Theme: (\S+)$/#)?.1 else { return false }
                    return String(name) != previous && App.titleBar(screen).contains("theme \(name) · ? help")
                }
                previous = String(App.statusBar(screen).firstMatch(of: #/^ Theme: (\S+)$/#)!.1)
                used[previous] = SGR(try await tui.styledScreen())
            }
            #expect(Set(used.keys) == ["default", "light", "high-contrast", "solarized-dark", "mono", "colorblind"], "themes: \(used.keys.sorted())")
            for (theme, sgr) in used.sorted(by: { $0.key < $1.key }) {
                switch terminal {
                case .colours256:
                    break
                case .colours8:
                    #expect(sgr.indexed.isEmpty && sgr.bright.isEmpty && sgr.direct == 0,
                            "\(theme) on 8 colours: 256-colour indexes \(sgr.indexed.sorted()), bright \(sgr.bright.sorted()), direct \(sgr.direct)")
                    if theme != "mono" { #expect(sgr.basic.count >= 2, "\(theme) on 8 colours drew no colour: \(sgr)") }
                case .noColor:
                    #expect(sgr.hasNoColour, "\(theme) with NO_COLOR drew colours: \(sgr)")
                    #expect(sgr.attributes.isSuperset(of: [1, 7]), "\(theme) with NO_COLOR: no bold or reverse: \(sgr)")
                }
            }
            if terminal == .colours256 {
                #expect(used["default"]?.indexed.contains { $0 >= 16 } == true, "default drew no 256-colour index: \(String(describing: used["default"]))")
                #expect(used["high-contrast"]?.bright.isEmpty == false, "high-contrast drew no bright colour: \(String(describing: used["high-contrast"]))")
                #expect(used["mono"]?.hasNoColour == true, "mono drew colours")
            }
        }
    }

    /// The SGR parameters a `capture-pane -e` screen uses.
    struct SGR: CustomStringConvertible {
        /// Colours 0–7: 30–37 / 40–47, or an index below 8.
        var basic: Set<Int> = []
        /// Colours 8–15: 90–97 / 100–107, or an index 8–15.
        var bright: Set<Int> = []
        /// 256-colour indexes 16–255 (38;5;N, 48;5;N, 58;5;N).
        var indexed: Set<Int> = []
        /// 24-bit colours (38;2;R;G;B …), and colours in a form not decoded here.
        var direct = 0
        /// Everything else but 39/49 (the terminal's default colours): 0, bold, dim, underline, …
        var attributes: Set<Int> = []

        var hasNoColour: Bool { basic.isEmpty && bright.isEmpty && indexed.isEmpty && direct == 0 }

        init(_ styled: String) {
            for match in styled.matches(of: #/\x1b\[([0-9;:]*)m/#) {
                let fields = match.1.split(separator: ";", omittingEmptySubsequences: false)
                // The colon form (38:5:N, 38:2::R:G:B) is not what tmux writes; should it ever, count
                // it as a colour, so a colour check fails rather than passes without looking.
                for field in fields where field.contains(":") {
                    if ["38", "48", "58"].contains(field.split(separator: ":").first.map(String.init) ?? "") { direct += 1 }
                }
                let parameters = fields.map { Int($0) ?? 0 }
                var i = 0
                while i < parameters.count {
                    let p = parameters[i]
                    switch p {
                    case 38, 48, 58:
                        if i + 2 < parameters.count, parameters[i + 1] == 5 {
                            let n = parameters[i + 2]
                            if n < 8 { basic.insert(n) } else if n < 16 { bright.insert(n - 8) } else { indexed.insert(n) }
                            i += 3
                        } else {
                            direct += 1
                            i += parameters.count > i + 1 && parameters[i + 1] == 2 ? 5 : 2
                        }
                        continue
                    case 30...37: basic.insert(p - 30)
                    case 40...47: basic.insert(p - 40)
                    case 90...97: bright.insert(p - 90)
                    case 100...107: bright.insert(p - 100)
                    case 39, 49, 59: break
                    default: attributes.insert(p)
                    }
                    i += 1
                }
            }
        }

        var description: String {
            "basic \(basic.sorted()), bright \(bright.sorted()), indexed \(indexed.sorted()), direct \(direct), attributes \(attributes.sorted())"
        }
    }

    // MARK: Mouse

    /// A click on the "3 Result" tab, as the terminal reports it once mouse reporting is on (SGR
    /// 1006: `ESC[<0;X;YM` press, `…m` release, 1-based), typed into the pane. With `--mouse` the
    /// explorer asks for the reports (tmux's mouse flags say so) and the click focuses Result;
    /// without it the terminal is never asked and the same bytes change nothing — not even as
    /// keys (the digits in them would focus panes, `[`/`]` switch tokens). The `t` sent afterwards
    /// marks that the click was read (keys are read in order).
    @Test(arguments: [true, false])
    func aClickOnATabFocusesItOnlyWithMouse(_ mouse: Bool) async throws {
        try await App.with(arguments: mouse ? ["--mouse"] : []) { app in
            let tui = app.tui
            let before = try await app.waitForSettled("the sandbox up and the first frame settled") { App.sandboxURL(in: $0) != nil && App.statusBar($0).hasPrefix(" Embedded sandbox at ") }
            let flags = try await tui.display("#{mouse_any_flag} #{mouse_sgr_flag}")
            #expect(flags == (mouse ? "1 1" : "0 0"), "tmux's mouse reporting and SGR flags: \(flags)")
            #expect(App.frameTitles(before) == ["1 Token", "2 Exchange"])
            let tabs = App.tabBar(before)
            let tab = try #require(tabs.range(of: " 3 Result "), "tab bar: \(tabs)")
            let column = tabs.distance(from: tabs.startIndex, to: tab.lowerBound) + 4   // 1-based: the "R" of " 3 Result "
            try await tui.type("\u{1b}[<0;\(column);2M\u{1b}[<0;\(column);2m")
            try await tui.sendKeys("t")
            let screen = try await app.waitForSettled("the t after the click read (Theme: …)") { App.statusBar($0).hasPrefix(" Theme: ") }
            if mouse {
                #expect(App.frameTitles(screen).first == "3 Result", "the click did not focus Result: \(App.frameTitles(screen))")
                #expect(screen.contains("No exchange yet."))
            } else {
                #expect(App.frameTitles(screen) == ["1 Token", "2 Exchange"], "frames: \(App.frameTitles(screen))")
                // Exchange has focus when its rows show the › marker.
                let exchange = try #require(App.pane("2 Exchange", in: screen)?.rows)
                #expect(!exchange.contains { $0.hasPrefix("›") }, "focus moved to Exchange:\n\(exchange.joined(separator: "\n"))")
                #expect(App.pane("1 Token", in: screen)?.rows.first == App.pane("1 Token", in: before)?.rows.first, "the input row changed")
                #expect(App.tabBar(screen) == tabs)
            }
        }
    }

    // MARK: User themes

    /// A broken `mine.yaml` in `$XDG_CONFIG_HOME/tokenscope/themes` asked for by `--theme mine`:
    /// the status bar names the file, the line and the key and says the default is used; the title
    /// bar says `theme default`. A valid `mine.yaml` in `~/.config/tokenscope/themes` (named
    /// "decoy") is there to fail the test if XDG_CONFIG_HOME were ignored. 240 columns: the whole
    /// message fits (see the 120-column test below).
    @Test func aBrokenUserThemeIsReportedAndTheDefaultUsed() async throws {
        try await App.with(width: 240, arguments: ["--theme", "mine"], launch: Self.brokenThemeLaunch) { app in
            let screen = try await app.waitForSettled("the sandbox up, the theme error still shown") { App.sandboxURL(in: $0) != nil && App.statusBar($0).contains("mine.yaml") }
            let status = App.statusBar(screen)
            // The home directory is shown as ~ (HOME is the session's scratch directory).
            #expect(status == " Using the default theme: ~/xdg/tokenscope/themes/mine.yaml:3: frame.bordr: unknown key; valid keys in `frame`: border, borderFocused, title, titleFocused",
                    "status bar: \(status)")
            #expect(App.titleBar(screen).hasSuffix(" theme default · ? help"), "title bar: \(App.titleBar(screen))")
            #expect(!screen.contains("decoy"), "the ~/.config theme was used although XDG_CONFIG_HOME is set")
            // Drawn with the default theme: its title bar colours.
            let styledTitle = App.titleBar(try await app.tui.styledScreen())
            #expect(styledTitle.contains("\u{1b}[48;5;236m"), "the title bar is not in the default theme's colours: \(styledTitle.debugDescription)")
        }
    }

    /// The same at 80×24, the smallest size: the outcome the user most needs comes first, so it is
    /// visible however narrow the terminal; what does not fit ends with "…". (It was: cut at the
    /// right edge before a trailing "; using default", with no ellipsis.)
    @Test func aBrokenUserThemeErrorShowsItsOutcomeOnANarrowStatusBar() async throws {
        try await App.with(width: 80, height: 24, arguments: ["--theme", "mine"], launch: Self.brokenThemeLaunch) { app in
            let screen = try await app.waitForSettled("the sandbox up, the theme error still shown") { App.sandboxURL(in: $0) != nil && App.statusBar($0).contains("mine.yaml") }
            let status = App.statusBar(screen)
            #expect(status.hasPrefix(" Using the default theme: ~/xdg/tokenscope/themes/mine.yaml:3: frame.bordr"), "status bar: \(status)")
            #expect(status.hasSuffix("…"), "status bar: \(status)")
        }
    }

    static let brokenThemeLaunch = App.Launch(
        homeFiles: [
            "xdg/tokenscope/themes/mine.yaml": "name: mine\nframe:\n  bordr: {fg: red}\n",
            ".config/tokenscope/themes/mine.yaml": "name: decoy\nframe:\n  border: {fg: red}\n",
        ],
        prelude: #"XDG_CONFIG_HOME="$HOME/xdg"; export XDG_CONFIG_HOME"#)

    enum ThemeChoice: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case flag = "--theme nord", variable = "TOKENSCOPE_THEME=nord"
        var testDescription: String { rawValue }
    }

    /// A valid user theme `nord.yaml` whose `name:` is "Arctic Nord" is selected by its file name
    /// (`--theme nord` or `TOKENSCOPE_THEME=nord`): the title bar shows its name and its colours
    /// (title.bar bg "#88c0d0" → xterm-256 index 110). A broken `mine.yaml` beside it, not asked
    /// for, is reported as not loaded.
    @Test(arguments: ThemeChoice.allCases)
    func aUserThemeIsSelectedByItsFileName(_ choice: ThemeChoice) async throws {
        let nord = """
            name: Arctic Nord
            description: a user theme whose name is not its file name
            palette:
              frost: "#88c0d0"
            frame:
              border: {fg: frost}
            title:
              bar: {fg: "#2e3440", bg: frost}

            """
        let launch = App.Launch(homeFiles: [".config/tokenscope/themes/nord.yaml": nord,
                                            ".config/tokenscope/themes/mine.yaml": "frame:\n  bordr: {fg: red}\n"])
        try await App.with(width: 240, arguments: choice == .flag ? ["--theme", "nord"] : [],
                           environment: choice == .variable ? ["TOKENSCOPE_THEME": "nord"] : [:], launch: launch) { app in
            let screen = try await app.waitForSettled("the sandbox up") { App.sandboxURL(in: $0) != nil }
            #expect(App.titleBar(screen).hasSuffix(" theme Arctic Nord · ? help"), "title bar: \(App.titleBar(screen))")
            let styledTitle = App.titleBar(try await app.tui.styledScreen())
            #expect(styledTitle.contains("\u{1b}[48;5;110m"), "the title bar is not in the theme's frost: \(styledTitle.debugDescription)")
            let status = App.statusBar(screen)
            #expect(status.hasPrefix(" Theme not loaded: ~/.config/tokenscope/themes/mine.yaml:2: frame.bordr: unknown key"), "status bar: \(status)")
        }
    }
}
