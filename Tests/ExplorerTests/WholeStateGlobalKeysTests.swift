@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// `update` checked whole (see `Support/KeyTable.swift`): the expected state is the state before the
/// key with only the intended fields changed, compared with `==`, and the effects compared exactly.
@Suite("Explorer update, whole state: global keys")
struct WholeStateGlobalKeysTests {
    // MARK: Global keys (focus on the Token pane, a token pasted, nothing being edited)

    @Test func globalKeys() throws {
        let token = Before.token()
        let empty = Before.empty()
        let running = Before.running()
        let companionTrace = Before.token { $0.companion = .trace }
        let light = try ThemeParser.parse(try #require(BuiltinThemes.yaml(named: "light")), source: "light")
        let themed = Before.token { $0.themes = [Theme.fallback, light] }
        let withRuns = Before.withTwoRuns()
        let withPresets = Before.empty { $0.presets = Before.presets }
        let report = try #require(token.token.inspected?.reports.first)
        let copied = HumanReport(colour: false).render(report)
        let copiedLines = copied.split(separator: "\n", omittingEmptySubsequences: false).count

        check([
            KeyCase("? opens help", token, .character("?")) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("F1 opens help", token, .function(1)) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("q quits", token, .character("q"), effects: [.quit]) { _ in },
            KeyCase("F10 quits", token, .function(10), effects: [.quit]) { _ in },
            KeyCase("Ctrl-C quits", token, .control("c"), effects: [.quit]) { _ in },
            KeyCase("Tab: next pane", token, .tab) { $0.focus = .exchange },
            KeyCase("Shift-Tab: previous pane (Trace becomes the companion)", token, .backTab) {
                $0.focus = .trace
                $0.companion = .trace
            },
            KeyCase("1 on Token: nothing moves", companionTrace, .character("1")) { _ in },
            KeyCase("2 focuses Exchange", companionTrace, .character("2")) { $0.focus = .exchange },
            KeyCase("3 focuses Result, the companion stays", companionTrace, .character("3")) { $0.focus = .result },
            KeyCase("4 focuses Advice and makes it the companion", companionTrace, .character("4")) {
                $0.focus = .advice
                $0.companion = .advice
            },
            KeyCase("5 focuses Trace", token, .character("5")) {
                $0.focus = .trace
                $0.companion = .trace
            },
            KeyCase("Enter runs the exchange", token, .enter, effects: [.runExchange(runID: 1, job: Before.oboJob)]) { Expect.started(&$0) },
            KeyCase("F5 runs the exchange", token, .function(5), effects: [.runExchange(runID: 1, job: Before.oboJob)]) { Expect.started(&$0) },
            KeyCase("Enter with an ID token: refused before sending, on the flow row", Before.token(Fixture.idToken) { $0.formSelection = 3 }, .enter) {
                $0.focus = .exchange
                $0.formSelection = 0
                $0.status = StatusLine("Not sent — An ID token is pasted: OBO needs the access token the client got for the middle tier (AADSTS50013)", kind: .error)
            },
            KeyCase("Enter while a run is running: says so, runs nothing", running, .enter) {
                $0.status = StatusLine("Run 1 is still running: Esc cancels it", kind: .error)
            },
            KeyCase("F5 while a run is running: says so, runs nothing", running, .function(5)) {
                $0.status = StatusLine("Run 1 is still running: Esc cancels it", kind: .error)
            },
            KeyCase("Esc with nothing running does nothing", token, .escape) { _ in },
            KeyCase("Esc cancels the running exchange", running, .escape, effects: [.cancelExchange(runID: 1)]) {
                $0.runs[0].status = .cancelled
                $0.runs[0].finishedAt = Fixture.now
                $0.status = StatusLine("Run 1 cancelled")
            },
            KeyCase("c copies the token report", token, .character("c"), effects: [.copyToClipboard(copied)]) {
                $0.status = StatusLine("Copied the redacted token report (\(copiedLines) lines) to the clipboard (OSC 52)")
            },
            KeyCase("c with nothing to copy says so", empty, .character("c")) {
                $0.status = StatusLine("Nothing to copy yet: paste a token or run an exchange")
            },
            KeyCase("e exports the incident report", token, .character("e"), effects: [.exportReport(IncidentReport.make(token))]) {
                $0.status = StatusLine("Exporting the redacted incident report…")
            },
            KeyCase("e with nothing to export says so", empty, .character("e")) {
                $0.status = StatusLine("Nothing to export yet: paste a token or run an exchange")
            },
            KeyCase("t: next theme", themed, .character("t")) {
                $0.themeIndex = 1
                $0.status = StatusLine("Theme: light")
            },
            KeyCase("t wraps around", Before.token { $0.themes = [Theme.fallback, light]; $0.themeIndex = 1 }, .character("t")) {
                $0.themeIndex = 0
                $0.status = StatusLine("Theme: \(Theme.fallback.name)")
            },
            KeyCase("h without runs says so", token, .character("h")) {
                $0.status = StatusLine("No runs yet in this session: press Enter (or F5) to run the exchange")
            },
            KeyCase("h opens the history on the shown run", withRuns, .character("h")) { $0.overlay = .history(selected: 1) },
            KeyCase("f opens the flow chooser", token, .character("f")) { $0.overlay = .flowChooser(FlowChooserState()) },
            KeyCase("s without samples says why", token, .character("s")) {
                $0.status = StatusLine("No samples: they come with the embedded sandbox (run tokenscope without --profile/--tenant)")
            },
            KeyCase("s opens the samples", withPresets, .character("s")) { $0.overlay = .presets(selected: 0) },
            KeyCase("Alt-q is Esc then q", token, .alt("q"), effects: [.quit]) { _ in },
        ])
    }

    /// Global keys from the other panes: the same meaning, and Enter is the form's own key there.
    @Test func globalKeysFromOtherPanes() {
        let onSecret = Before.form(.secret) { $0.revealedField = .secret }
        let result = Before.token { $0.focus = .result }
        check([
            KeyCase("Tab from the form hides a revealed secret", onSecret, .tab) {
                $0.focus = .result
                $0.revealedField = nil
            },
            KeyCase("1 from the form hides a revealed secret", onSecret, .character("1")) {
                $0.focus = .token
                $0.revealedField = nil
            },
            KeyCase("Tab from Trace wraps to Token", Before.token { $0.focus = .trace; $0.companion = .trace }, .tab) { $0.focus = .token },
            KeyCase("Shift-Tab from Token wraps to Trace", Before.token(), .backTab) {
                $0.focus = .trace
                $0.companion = .trace
            },
            KeyCase("Enter on Result runs", result, .enter, effects: [.runExchange(runID: 1, job: Before.oboJob)]) { Expect.started(&$0) },
            KeyCase("q on the form quits", Before.form(.tenant), .character("q"), effects: [.quit]) { _ in },
            KeyCase("Esc on the form cancels the running exchange", Before.running { $0.focus = .exchange }, .escape,
                    effects: [.cancelExchange(runID: 1)]) {
                $0.runs[0].status = .cancelled
                $0.runs[0].finishedAt = Fixture.now
                $0.status = StatusLine("Run 1 cancelled")
            },
        ])
    }

    /// Quitting cancels the running exchange first. (Unlike Esc, it leaves the cancelled run's
    /// `finishedAt` unset: harmless, the state ends with the app.)
    @Test func quittingWhileRunningCancelsFirst() {
        for key in [Key.character("q"), .function(10), .control("c")] {
            var state = Before.running()
            var expected = state
            let effects = Fixture.keys(&state, key)
            expected.status = nil
            expected.runs[0].status = .cancelled
            #expect(effects == [.cancelExchange(runID: 1), .quit], "\(key)")
            let same = state == expected
            #expect(same, "\(key): \(StateDiff.describe(state, expected))")
        }
    }
}
