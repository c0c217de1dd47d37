import Testing
@testable import TerminalUI

@Suite("Themes: selection")
struct ThemeSelectionTests {
    @Test func flagBeatsEnvironmentBeatsDefault() {
        #expect(ThemeSelection.requestedName(flag: "light", environment: ["TOKENSCOPE_THEME": "mono"]) == "light")
        #expect(ThemeSelection.requestedName(flag: nil, environment: ["TOKENSCOPE_THEME": "mono"]) == "mono")
        #expect(ThemeSelection.requestedName(flag: "", environment: ["TOKENSCOPE_THEME": ""]) == "default")
    }

    @Test func userThemePaths() {
        #expect(ThemeSelection.userThemePath(named: "nord", environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"]) == "/cfg/tokenscope/themes/nord.yaml")
        #expect(ThemeSelection.userThemePath(named: "nord", environment: ["HOME": "/home/u/"]) == "/home/u/.config/tokenscope/themes/nord.yaml")
        #expect(ThemeSelection.userThemePath(named: "nord", environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/tokenscope/themes/nord.yaml")
        #expect(ThemeSelection.userThemePath(named: "nord", environment: [:]) == nil)
        #expect(ThemeSelection.userThemePath(named: "..", environment: ["HOME": "/h"]) == nil)
        #expect(ThemeSelection.userThemePath(named: "./mine.yaml", environment: [:]) == "./mine.yaml")
        #expect(ThemeSelection.userThemePath(named: "mine.yaml", environment: [:]) == "mine.yaml")
    }

    @Test func noColorForcesNone() {
        #expect(ThemeSelection.colorDepth(detected: .full, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ThemeSelection.colorDepth(detected: .full, environment: ["NO_COLOR": ""]) == .full)
        #expect(ThemeSelection.colorDepth(detected: .eight, environment: [:]) == .eight)
    }

    @Test func resolveUserFileBuiltinOrFallback() throws {
        let user = ThemeSelection.resolve(name: "light", userFile: ("/t/light.yaml", "name: mine\npane:\n  text: {fg: red}\n"))
        #expect(user.error == nil)
        #expect(user.theme.name == "mine")
        let builtin = ThemeSelection.resolve(name: "solarized-dark", userFile: nil)
        #expect(builtin.theme.name == "solarized-dark" && builtin.error == nil)
        let broken = ThemeSelection.resolve(name: "x", userFile: ("/t/x.yaml", "pane:\n  text:\n    fg: #123456\n"))
        #expect(broken.theme == .fallback)
        #expect(broken.error?.key == "pane.text.fg")
        #expect(broken.error?.source == "/t/x.yaml")
        let unknown = ThemeSelection.resolve(name: "nope", userFile: nil)
        #expect(unknown.theme == .fallback)
        #expect(unknown.error?.message.contains("no theme named `nope`") == true)
    }
}
