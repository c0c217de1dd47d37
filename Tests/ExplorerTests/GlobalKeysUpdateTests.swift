@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

@Suite("Explorer update: keys that work everywhere")
struct GlobalKeysUpdateTests {
    @Test func qF10AndCtrlCQuit() {
        for key in [Key.character("q"), .function(10), .control("c")] {
            var state = Fixture.state()
            #expect(Fixture.keys(&state, key) == [.quit])
        }
    }

    @Test func ctrlCQuitsEvenWhileEditingAndCancelsARunningExchange() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .enter)
        Fixture.keys(&state, .character("1"), .character("i"))
        #expect(state.isEditingText)
        #expect(Fixture.keys(&state, .control("c")) == [.cancelExchange(runID: 1), .quit])
        #expect(state.runs[0].status == .cancelled)
    }

    @Test func tabShiftTabAndNumbersMoveBetweenPanes() {
        var state = Fixture.state()
        Fixture.keys(&state, .tab)
        #expect(state.focus == .exchange)
        Fixture.keys(&state, .backTab, .backTab)
        #expect(state.focus == .trace)
        #expect(state.companion == .trace)
        Fixture.keys(&state, .character("3"))
        #expect(state.focus == .result)
        #expect(Layout.panes(state).map(\.pane) == [.result, .trace])
        Fixture.keys(&state, .character("4"))
        #expect(Layout.panes(state).map(\.pane) == [.result, .advice])
    }

    @Test func narrowTerminalsShowOnlyTheFocusedPane() {
        var state = Fixture.state(size: Size(columns: 100, rows: 30))
        Fixture.keys(&state, .character("2"))
        #expect(Layout.panes(state).map(\.pane) == [.exchange])
    }

    @Test func themeCyclesThroughTheLoadedThemes() throws {
        let light = try ThemeParser.parse(try #require(BuiltinThemes.yaml(named: "light")), source: "light")
        var state = AppState(size: Size(columns: 120, rows: 40), target: Target(kind: .entra(cloudName: "Azure public cloud")),
                             themes: [Theme.fallback, light])
        Fixture.keys(&state, .character("t"))
        #expect(state.themeIndex == 1)
        #expect(state.status?.text == "Theme: light")
        #expect(state.theme == light)
        Fixture.keys(&state, .character("t"))
        #expect(state.themeIndex == 0)
    }

    @Test func helpOpensFiltersWithSlashWithoutActingAndCloses() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("?"))
        #expect(state.overlay == .help(filter: TextField(), offset: 0, filtering: false))
        // `/` starts the filter; the letters that follow only type, `q` included.
        #expect(Fixture.keys(&state, .character("/")).isEmpty)
        #expect(Fixture.type(&state, "quit").isEmpty)
        guard case let .help(filter, offset, filtering) = state.overlay else { Issue.record("help closed by typing"); return }
        #expect(filter.text == "quit")
        #expect(offset == 0 && filtering)
        #expect(HelpText.entries(filter: filter.text).map(\.keys) == ["q / F10 / Ctrl-C"])
        #expect(HelpText.hints(state) == "type to filter keys · Enter keep · Esc clear")
        #expect(HelpText.hints(state, width: 30) == "Enter keep · Esc clear", "whole hints are dropped, the last two stay")
        #expect(HelpText.hints(state, width: 5) == "Enter keep · Esc clear", "the last two stay whatever the width")
        // Enter keeps the filter and gives the keys back to the pager; Esc then closes.
        Fixture.keys(&state, .enter)
        guard case let .help(kept, _, stillFiltering) = state.overlay else { Issue.record("Enter closed help"); return }
        #expect(kept.text == "quit" && !stillFiltering)
        #expect(HelpText.hints(state) == "/ filter · j/k/PgUp/PgDn scroll · Esc/q close")
        Fixture.keys(&state, .escape)
        #expect(state.overlay == nil)
        Fixture.keys(&state, .function(1))
        #expect(state.overlay == .help(filter: TextField(), offset: 0, filtering: false))
        Fixture.keys(&state, .function(1))
        #expect(state.overlay == nil)
    }

    @Test func escInTheHelpFilterClearsItAndASecondEscCloses() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("?"), .character("/"))
        _ = Fixture.type(&state, "theme")
        Fixture.keys(&state, .escape)
        #expect(state.overlay == .help(filter: TextField(), offset: 0, filtering: false))
        #expect(Fixture.keys(&state, .escape).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.focus == .token)
    }

    @Test func helpClosesWithQAndQuestionMarkWhenNotFiltering() {
        for close in [Key.character("q"), .character("?"), .enter] {
            var state = Fixture.state()
            Fixture.keys(&state, .character("?"))
            #expect(Fixture.keys(&state, close).isEmpty, "\(close) closes help, it does not quit")
            #expect(state.overlay == nil)
        }
    }

    @Test func helpScrollsLikeAPagerAndStopsAtTheLastLine() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("?"))
        func offset() -> Int? {
            guard case let .help(_, offset, _) = state.overlay else { return nil }
            return offset
        }
        let lines = HelpText.all.count + Set(HelpText.all.map(\.section)).count
        Fixture.keys(&state, .character("j"), .down)
        #expect(offset() == 2)
        Fixture.keys(&state, .character("k"))
        #expect(offset() == 1)
        Fixture.keys(&state, .pageDown)
        #expect(offset() == 11)
        Fixture.keys(&state, .pageUp, .pageUp)
        #expect(offset() == 0)
        Fixture.keys(&state, .character(" "))
        #expect(offset() == 10)
        Fixture.keys(&state, .character("G"))
        #expect(offset() == lines - 1)
        Fixture.keys(&state, .down)
        #expect(offset() == lines - 1)
        Fixture.keys(&state, .character("g"))
        #expect(offset() == 0)
        Fixture.keys(&state, .end)
        #expect(offset() == lines - 1)
        Fixture.keys(&state, .home)
        #expect(offset() == 0)
        // Typing a filter goes back to the top of what is left.
        Fixture.keys(&state, .pageDown, .character("/"), .character("t"))
        #expect(offset() == 0)
    }

    @Test func historyListsRunsAndReopensOne() async {
        var state = Fixture.state()
        Fixture.keys(&state, .character("h"))
        #expect(state.overlay == nil)
        #expect(state.status?.text.hasPrefix("No runs yet") == true)
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .enter)
        Fixture.send(&state, .exchangeFailedToStart(runID: 1, message: "x"))
        Fixture.keys(&state, .character("1"), .enter)
        #expect(state.runs.count == 2)
        #expect(state.shownRunID == 2)
        Fixture.keys(&state, .escape, .character("h"))
        #expect(state.overlay == .history(selected: 1))
        Fixture.keys(&state, .up, .enter)
        #expect(state.overlay == nil)
        #expect(state.shownRunID == 1)
        #expect(state.focus == .result)
    }

    @Test func samplesLoadTheTokenAndTheForm() {
        let preset = Preset(id: "cc", title: "Client credentials", summary: "daemon", token: Fixture.accessToken,
                            form: ExchangeForm(flow: .clientCredentials, values: [.clientId: TestToken.client]))
        var state = Fixture.state(presets: [preset])
        Fixture.keys(&state, .character("s"))
        #expect(state.overlay == .presets(selected: 0))
        Fixture.keys(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.form.flow == .clientCredentials)
        #expect(state.form[.clientId] == TestToken.client)
        #expect(state.token.inspected?.reports.first?.token.raw == Fixture.accessToken)
        #expect(state.status?.text == "Loaded “Client credentials”: Enter runs it")
    }

    @Test func aSampleWithoutATokenSelectsRunSoEnterRunsIt() {
        let preset = Preset(id: "cc", title: "Client credentials", summary: "daemon", token: nil,
                            form: ExchangeForm(flow: .clientCredentials, values: [
                                .authority: Fixture.sandboxURL, .tenant: TestToken.tenant, .clientId: TestToken.client,
                                .scopes: "api://downstream-api/.default", .secret: "s",
                            ]))
        var state = Fixture.state(presets: [preset])
        Fixture.keys(&state, .character("s"), .enter)
        #expect(state.focus == .exchange)
        #expect(state.form.visibleFields[state.formSelection] == .run)
        guard case let .runExchange(_, job)? = Fixture.keys(&state, .enter).first else { Issue.record("Enter did not run"); return }
        #expect(job.flow == .clientCredentials)
    }

    @Test func noSamplesOutsideTheSandboxSaysWhy() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("s"))
        #expect(state.overlay == nil)
        #expect(state.status?.text.hasPrefix("No samples") == true)
    }

    @Test func theFlowChooserEndsInARecommendationThatSetsTheFlow() {
        var state = Fixture.state(form: ExchangeForm(flow: .deviceCode, credential: .none))
        Fixture.keys(&state, .character("f"))
        // Caller: the second choice is the daemon.
        Fixture.keys(&state, .down, .enter)
        guard case let .flowChooser(chooser) = state.overlay else { Issue.record("chooser closed"); return }
        #expect(chooser.answers.caller == .daemon)
        while case let .flowChooser(c) = state.overlay, case .question = c.step { Fixture.keys(&state, .enter) }
        guard case let .flowChooser(done) = state.overlay, case let .recommendation(r) = done.step else { Issue.record("no recommendation"); return }
        #expect(r.flow == .clientCredentials)
        Fixture.keys(&state, .enter)
        #expect(state.form.flow == .clientCredentials)
        #expect(state.form.credential == .secret)
        #expect(state.focus == .exchange)
    }

    @Test func resizeIsTrackedAndTooSmallOnlyAllowsQuitting() {
        var state = Fixture.state()
        Fixture.send(&state, .resized(Size(columns: 70, rows: 20)))
        #expect(state.size == Size(columns: 70, rows: 20))
        #expect(Fixture.keys(&state, .character("2")).isEmpty)
        #expect(state.focus == .token)
        #expect(Fixture.keys(&state, .character("q")) == [.quit])
    }

    @Test func ticksTurnTheSpinnerOnlyWhileRunning() {
        var state = Fixture.state()
        Fixture.send(&state, .tick)
        #expect(state.tick == 0)
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .enter)
        Fixture.send(&state, .tick, .tick)
        #expect(state.tick == 2)
    }

    @Test func mouseIsIgnoredUnlessEnabled() {
        var state = Fixture.state()
        let click = MouseEvent(kind: .press(button: 0), x: Layout.tabs(state)[1].columns.lowerBound, y: 1)
        Fixture.send(&state, .input(.mouse(click)))
        #expect(state.focus == .token)
        state.mouseEnabled = true
        Fixture.send(&state, .input(.mouse(click)))
        #expect(state.focus == .exchange)
    }
}
