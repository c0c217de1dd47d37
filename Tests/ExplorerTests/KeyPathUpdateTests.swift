@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// The remaining key paths: leaving fields, scrolling, dialogs' own keys, the authority row.
@Suite("Explorer update: more key paths")
struct KeyPathUpdateTests {
    @Test func tabFromAFieldCommitsAndMovesOn() {
        var state = Fixture.state()
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .tenant)!
        Fixture.keys(&state, .enter)
        Fixture.type(&state, "contoso")
        Fixture.keys(&state, .tab)
        #expect(state.editingField == nil)
        #expect(state.form[.tenant] == "contoso")
        #expect(state.focus == .result)
        Fixture.keys(&state, .character("1"), .character("i"))
        Fixture.type(&state, "abc")
        Fixture.keys(&state, .backTab)
        #expect(!state.token.editing)
        #expect(state.focus == .trace)
    }

    @Test func escInAFieldKeepsWhatWasTyped() {
        var state = Fixture.state()
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .tenant)!
        Fixture.keys(&state, .enter)
        Fixture.type(&state, "fabrikam")
        Fixture.keys(&state, .escape)
        #expect(state.editingField == nil)
        #expect(state.form[.tenant] == "fabrikam")
    }

    @Test func theAuthorityRowCyclesSandboxAndClouds() {
        var state = Fixture.state()
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .authority)!
        Fixture.keys(&state, .right)
        #expect(state.form[.authority] == "https://login.microsoftonline.com")
        Fixture.keys(&state, .right)
        #expect(state.form[.authority] == "https://" + Cloud.allCases[1].loginHost)
        Fixture.keys(&state, .left, .left)
        #expect(state.form[.authority] == Fixture.sandboxURL)
        Fixture.keys(&state, .left)
        #expect(state.form[.authority] == "https://" + Cloud.allCases.last!.loginHost)
    }

    /// The title bar says where the next run goes: switching the authority to a real cloud must not
    /// leave it saying "sandbox" (runs would go to real Entra under a sandbox badge).
    @Test func theTitleBarFollowsTheAuthorityRow() {
        var state = Fixture.state()
        func titleLine() -> String { String(ExplorerApp.render(state).plainText.split(separator: "\n").first ?? "") }
        #expect(state.exchangeTarget == state.target)
        #expect(titleLine().contains("sandbox \(Fixture.sandboxURL)"))
        #expect(titleLine().contains("tenant contoso"))
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .authority)!
        Fixture.keys(&state, .right)
        #expect(state.exchangeTarget == Target(kind: .entra(cloudName: "Azure public cloud")))
        #expect(titleLine().contains("Azure public cloud"))
        #expect(!titleLine().contains("sandbox"))
        // Drawn in the production style, not the sandbox badge's.
        let canvas = ExplorerApp.render(state)
        let column = Array(titleLine()).firstIndex(of: "A")!
        #expect(canvas[column, 0].style == state.theme.style(.titleProduction))
        state.form[.tenant] = "fabrikam.onmicrosoft.com"
        #expect(titleLine().contains("tenant fabrikam.onmicrosoft.com"))
        Fixture.keys(&state, .right)
        #expect(state.exchangeTarget.label == Cloud.allCases[1].displayName)
        Fixture.keys(&state, .left, .left)
        #expect(state.exchangeTarget.kind == .sandbox(baseURL: Fixture.sandboxURL))
        state.form[.authority] = "https://login.example.org"
        #expect(state.exchangeTarget == Target(kind: .entra(cloudName: "authority login.example.org"), tenantLabel: "fabrikam.onmicrosoft.com"))
        state.form[.authority] = "http://127.0.0.1:9999"
        #expect(state.exchangeTarget.isSandbox)
    }

    @Test func resultScrollsAndStopsAtTheLastPage() async {
        var state = Fixture.state(size: Size(columns: 100, rows: 24))
        _ = Fixture.paste(&state, TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed())
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)))
        Fixture.keys(&state, .character("4"))
        let lines = PaneContent.lines(state, .advice, width: Layout.paneWidth(state, .advice)).count
        let page = Layout.paneHeight(state, .advice)
        #expect(lines > page)
        Fixture.keys(&state, .character("j"), .character("j"))
        #expect(state.offsets[.advice] == 2)
        Fixture.keys(&state, .pageDown)
        #expect(state.offsets[.advice] == min(2 + page - 1, lines - page))
        Fixture.keys(&state, .character("G"))
        #expect(state.offsets[.advice] == lines - page)
        Fixture.keys(&state, .character("j"))
        #expect(state.offsets[.advice] == lines - page)
        Fixture.keys(&state, .character("g"))
        #expect(state.offsets[.advice] == 0)
        Fixture.keys(&state, .up)
        #expect(state.offsets[.advice] == 0)
    }

    @Test func pasteIntoTheHelpFilterFilters() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("?"))
        _ = Fixture.paste(&state, "theme\n")
        guard case let .help(filter, _, filtering) = state.overlay else { Issue.record("help closed"); return }
        #expect(filter.text == "theme")
        #expect(filtering)
        #expect(HelpText.entries(filter: "theme").map(\.keys) == ["t"])
    }

    @Test func dialogsIgnorePastes() {
        var state = Fixture.state(presets: [Preset(id: "x", title: "x", summary: "x", token: nil, form: ExchangeForm())])
        Fixture.keys(&state, .character("s"))
        _ = Fixture.paste(&state, Fixture.accessToken)
        #expect(state.token.inspected == nil)
        #expect(state.overlay == .presets(selected: 0))
    }

    @Test func theFlowChooserRestartsWithBackspaceAndClosesWithEsc() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("f"), .enter)
        guard case let .flowChooser(chooser) = state.overlay else { Issue.record("closed"); return }
        #expect(chooser.answers.caller == .webAPI)
        Fixture.keys(&state, .backspace)
        #expect(state.overlay == .flowChooser(FlowChooserState()))
        Fixture.keys(&state, .escape)
        #expect(state.overlay == nil)
    }

    @Test func qClosesHistoryAndSamplesInsteadOfQuitting() {
        var state = Fixture.state(presets: [Preset(id: "x", title: "x", summary: "x", token: nil, form: ExchangeForm())])
        Fixture.keys(&state, .character("s"))
        #expect(Fixture.keys(&state, .character("q")).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test func theSandboxArrivingFillsAnUntouchedFormOnly() {
        var state = AppState(size: Size(columns: 120, rows: 40), target: Target(kind: .sandboxStarting))
        #expect(state.target.label == "sandbox starting…")
        let form = Fixture.oboForm
        Fixture.send(&state, .sandboxStarted(baseURL: Fixture.sandboxURL, form: form, presets: []))
        #expect(state.target.kind == .sandbox(baseURL: Fixture.sandboxURL))
        #expect(state.form == form)
        var edited = AppState(size: Size(columns: 120, rows: 40), target: Target(kind: .sandboxStarting),
                              form: ExchangeForm(values: [.authority: "https://login.microsoftonline.com", .clientId: "mine"]))
        Fixture.send(&edited, .sandboxStarted(baseURL: Fixture.sandboxURL, form: form, presets: []))
        #expect(edited.form[.clientId] == "mine")
        Fixture.send(&edited, .sandboxFailed(message: "port in use"))
        #expect(edited.status == StatusLine("The embedded sandbox did not start: port in use", kind: .error))
    }

    @Test func exportFailureIsReported() {
        var state = Fixture.state()
        Fixture.send(&state, .exportFailed(message: "cannot write /ro/x.md"))
        #expect(state.status == StatusLine("Export failed: cannot write /ro/x.md", kind: .error))
    }
}

@Suite("Explorer update: Alt")
struct AltKeyTests {
    @Test func altLetterIsEscThenTheLetter() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("?"))
        // Esc closes help, then `q` quits: what a user typing Esc q quickly meant.
        #expect(Fixture.keys(&state, .alt("q")) == [.quit])
        #expect(state.overlay == nil)
    }
}
