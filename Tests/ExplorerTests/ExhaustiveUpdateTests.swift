@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// `update` checked whole: for every key path of every pane and dialog, the expected state is the
/// state before the key with only the intended fields changed, compared with `==` (so any other
/// change — an unintended side effect — fails), and the returned effects are compared exactly.
///
/// Each row: a state before the key, the key, what the key must change, and the effects. Every
/// `before` carries a stale status message, because every key clears it (`expect` starts from that).
@Suite("Explorer update: whole state and effects for every key path")
struct ExhaustiveUpdateTests {
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

    // MARK: Token pane

    @Test func tokenPaneKeys() {
        let token = Before.token()
        let header = Before.token { $0.token.view = .header; $0.token.rows = ScrollState(selected: 2, offset: 0) }
        let raw = Before.token { $0.token.view = .raw; $0.token.rows = ScrollState(selected: 4, offset: 0) }
        let selected3 = Before.token { $0.token.rows = ScrollState(selected: 3, offset: 0) }
        let pair = Before.tokenResponse()
        let pairSecond = Before.tokenResponse { $0.token.selectedToken = 1; $0.token.rows = ScrollState(selected: 2, offset: 0) }
        check([
            KeyCase("i edits the token text", token, .character("i")) { $0.token.editing = true },
            KeyCase("/ starts the claim search", token, .character("/")) { $0.token.searching = true },
            KeyCase("/ from the header view searches the claims", header, .character("/")) {
                $0.token.searching = true
                $0.token.view = .claims
            },
            KeyCase("v: header view, from the top", selected3, .character("v")) {
                $0.token.view = .header
                $0.token.rows = ScrollState()
            },
            KeyCase("v again: claims", header, .character("v")) {
                $0.token.view = .claims
                $0.token.rows = ScrollState()
            },
            KeyCase("x: raw JSON", selected3, .character("x")) {
                $0.token.view = .raw
                $0.token.rows = ScrollState()
            },
            KeyCase("x again: claims", raw, .character("x")) {
                $0.token.view = .claims
                $0.token.rows = ScrollState()
            },
            KeyCase("x from the header view: raw", header, .character("x")) {
                $0.token.view = .raw
                $0.token.rows = ScrollState()
            },
            KeyCase("] with one token does nothing", selected3, .character("]")) { _ in },
            KeyCase("[ with one token does nothing", selected3, .character("[")) { _ in },
            KeyCase("] shows the next token, from the top", Before.tokenResponse { $0.token.rows = ScrollState(selected: 2, offset: 0) }, .character("]")) {
                $0.token.selectedToken = 1
                $0.token.rows = ScrollState()
            },
            KeyCase("] wraps to the first token", pairSecond, .character("]")) {
                $0.token.selectedToken = 0
                $0.token.rows = ScrollState()
            },
            KeyCase("[ wraps to the last token", pair, .character("[")) {
                $0.token.selectedToken = 1
                $0.token.rows = ScrollState()
            },
            KeyCase("j: next claim", token, .character("j")) { $0.token.rows = ScrollState(selected: 1, offset: 0) },
            KeyCase("↓: next claim", token, .down) { $0.token.rows = ScrollState(selected: 1, offset: 0) },
            KeyCase("k: previous claim", selected3, .character("k")) { $0.token.rows = ScrollState(selected: 2, offset: 0) },
            KeyCase("↑: previous claim", selected3, .up) { $0.token.rows = ScrollState(selected: 2, offset: 0) },
            KeyCase("k at the top stays", token, .character("k")) { _ in },
        ] + ["r", "z", "n", "-", "0", "6"].map { c in
            KeyCase("\(c) does nothing in the token pane", selected3, .character(Character(c))) { _ in }
        } + [Key.delete, .backspace, .left, .right, .insert, .character(" "), .function(2), .control("a")].map { key in
            KeyCase("\(key) does nothing in the token pane", selected3, key) { _ in }
        })
    }

    /// Row movement in a table longer than the screen: the offset follows the selection.
    @Test func tokenRowsPageAndJump() {
        let before = Before.bigToken()
        let count = TokenRows.rows(before).count, visible = Layout.tokenTableHeight(before)
        #expect(count > 2 * visible, "the fixture must overflow the table")
        let atEnd = Before.bigToken { $0.token.rows = ScrollState(selected: count - 1, offset: count - visible) }
        check([
            KeyCase("PgDn: a page down, the window follows", before, .pageDown) { $0.token.rows = ScrollState(selected: visible, offset: 1) },
            KeyCase("G: the last claim", before, .character("G")) { $0.token.rows = ScrollState(selected: count - 1, offset: count - visible) },
            KeyCase("End: the last claim", before, .end) { $0.token.rows = ScrollState(selected: count - 1, offset: count - visible) },
            KeyCase("j at the end stays", atEnd, .character("j")) { _ in },
            KeyCase("k from the end", atEnd, .character("k")) { $0.token.rows = ScrollState(selected: count - 2, offset: count - visible) },
            KeyCase("PgUp from the end", atEnd, .pageUp) { $0.token.rows = ScrollState(selected: count - 1 - visible, offset: count - 1 - visible) },
            KeyCase("g: the first claim", atEnd, .character("g")) { $0.token.rows = ScrollState() },
            KeyCase("Home: the first claim", atEnd, .home) { $0.token.rows = ScrollState() },
        ])
    }

    // MARK: Exchange form (no field being edited)

    @Test func formKeys() {
        let runRow = Before.form(.run)
        let credentialRow = Before.form(.credential)
        check([
            KeyCase("Enter on a text field edits it", Before.form(.tenant), .enter) { $0.editingField = .tenant },
            KeyCase("Enter on the flow: next flow, re-inspected", Before.form(.flow), .enter) {
                $0.form.flow = .clientCredentials
                Expect.reinspected(&$0)
            },
            KeyCase("→ on the flow: next flow", Before.form(.flow), .right) {
                $0.form.flow = .clientCredentials
                Expect.reinspected(&$0)
            },
            KeyCase("Space on the flow: next flow", Before.form(.flow), .character(" ")) {
                $0.form.flow = .clientCredentials
                Expect.reinspected(&$0)
            },
            KeyCase("← on the flow: previous flow (wraps)", Before.form(.flow), .left) {
                $0.form.flow = .deviceCode
                Expect.reinspected(&$0)
            },
            KeyCase("→ from device code to OBO drops the public client", Before.form(.flow) { $0.form.flow = .deviceCode; $0.form.credential = .none }, .right) {
                $0.form.flow = .onBehalfOf
                $0.form.credential = .secret
                Expect.reinspected(&$0)
            },
            KeyCase("Enter on the credential: next credential (no re-inspection)", credentialRow, .enter) { $0.form.credential = .certificate },
            KeyCase("→ on the credential", credentialRow, .right) { $0.form.credential = .certificate },
            KeyCase("Space on the credential", credentialRow, .character(" ")) { $0.form.credential = .certificate },
            KeyCase("← on the credential wraps within OBO's choices", credentialRow, .left) { $0.form.credential = .assertion },
            KeyCase("→ on the credential wraps to the secret", Before.form(.credential) { $0.form.credential = .assertion }, .right) {
                $0.form.credential = .secret
            },
            KeyCase("→ on the authority: the first Entra cloud", Before.form(.authority), .right) {
                $0.form[.authority] = "https://" + Cloud.allCases[0].loginHost
                Expect.reinspected(&$0)
            },
            KeyCase("← on the authority: the last Entra cloud", Before.form(.authority), .left) {
                $0.form[.authority] = "https://" + Cloud.allCases.last!.loginHost
                Expect.reinspected(&$0)
            },
            KeyCase("→ on a text field does nothing", Before.form(.tenant), .right) { _ in },
            KeyCase("← on a text field does nothing", Before.form(.clientId), .left) { _ in },
            KeyCase("Space on a text field does nothing", Before.form(.scopes), .character(" ")) { _ in },
            KeyCase("r reveals the selected secret", Before.form(.secret), .character("r")) { $0.revealedField = .secret },
            KeyCase("r again hides it", Before.form(.secret) { $0.revealedField = .secret }, .character("r")) { $0.revealedField = nil },
            KeyCase("r on a field that is not masked does nothing", Before.form(.tenant), .character("r")) { _ in },
            KeyCase("Delete clears the tenant and re-inspects", Before.form(.tenant) { $0.form[.tenant] = "contoso" }, .delete) {
                $0.form[.tenant] = ""
                Expect.reinspected(&$0)
            },
            KeyCase("Backspace clears the expected audience and re-inspects", Before.form(.expectedAudience), .backspace) {
                $0.form[.expectedAudience] = ""
                Expect.reinspected(&$0)
            },
            KeyCase("Delete clears the client ID (no re-inspection)", Before.form(.clientId), .delete) { $0.form[.clientId] = "" },
            KeyCase("Delete clears the secret", Before.form(.secret), .delete) { $0.form[.secret] = "" },
            KeyCase("Delete on a choice does nothing", Before.form(.flow), .delete) { _ in },
            KeyCase("Delete on Run does nothing", runRow, .delete) { _ in },
            KeyCase("j: next row, reveal ends", Before.form(.secret) { $0.revealedField = .secret }, .character("j")) {
                $0.formSelection += 1
                $0.revealedField = nil
            },
            KeyCase("↓: next row", Before.form(.tenant), .down) { $0.formSelection += 1 },
            KeyCase("k: previous row, reveal ends", Before.form(.secret) { $0.revealedField = .secret }, .character("k")) {
                $0.formSelection -= 1
                $0.revealedField = nil
            },
            KeyCase("↑: previous row", Before.form(.tenant), .up) { $0.formSelection -= 1 },
            KeyCase("k on the first row stays", Before.form(.flow), .character("k")) { _ in },
            KeyCase("j on Run stays", runRow, .character("j")) { _ in },
            KeyCase("g: first row", Before.form(.scopes), .character("g")) { $0.formSelection = 0 },
            KeyCase("Home: first row", Before.form(.scopes), .home) { $0.formSelection = 0 },
            KeyCase("G: the Run row", Before.form(.scopes), .character("G")) { $0.formSelection = $0.form.visibleFields.count - 1 },
            KeyCase("End: the Run row", Before.form(.scopes), .end) { $0.formSelection = $0.form.visibleFields.count - 1 },
            KeyCase("Enter on Run runs", runRow, .enter, effects: [.runExchange(runID: 1, job: Before.oboJob)]) { Expect.started(&$0) },
            KeyCase("Esc on the form with nothing running does nothing", Before.form(.tenant), .escape) { _ in },
        ] + ["i", "/", "v", "x", "]", "[", "z", "9"].map { c in
            KeyCase("\(c) does nothing on the form", Before.form(.tenant), .character(Character(c))) { _ in }
        })
    }

    // MARK: Text fields: letters type, only Enter/Esc/Tab leave

    @Test func tokenFieldKeys() {
        let editing = Before.token { $0.token.editing = true; $0.token.rows = ScrollState(selected: 2, offset: 0) }
        func typed(_ text: String) -> (inout AppState) -> Void {
            { state in
                state.token.input.insert(text)
                state.token.raw = state.token.input.text
                Expect.reinspected(&state, resetSelection: true)
            }
        }
        check([
            KeyCase("a letter types and re-inspects from the top", editing, .character("a"), expect: typed("a")),
            KeyCase("q types, it does not quit", editing, .character("q"), expect: typed("q")),
            KeyCase("? types, it does not open help", editing, .character("?"), expect: typed("?")),
            KeyCase("1 types, it does not switch panes", editing, .character("1"), expect: typed("1")),
            KeyCase("Backspace deletes and re-inspects", editing, .backspace) {
                _ = $0.token.input.handle(.backspace)
                $0.token.raw = $0.token.input.text
                Expect.reinspected(&$0, resetSelection: true)
            },
            KeyCase("Enter leaves the field", editing, .enter) { $0.token.editing = false },
            KeyCase("Esc leaves the field", editing, .escape) { $0.token.editing = false },
            KeyCase("Tab leaves the field for the next pane", editing, .tab) {
                $0.token.editing = false
                $0.focus = .exchange
            },
            KeyCase("Shift-Tab leaves the field for the previous pane", editing, .backTab) {
                $0.token.editing = false
                $0.focus = .trace
                $0.companion = .trace
            },
            KeyCase("F2 means nothing to a field", editing, .function(2)) { _ in },
            KeyCase("Ctrl-C quits even while editing", editing, .control("c"), effects: [.quit]) { _ in },
            KeyCase("F1 opens help even while editing", editing, .function(1)) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("F5 runs from inside the field", editing, .function(5), effects: [.runExchange(runID: 1, job: Before.oboJob)]) {
                $0.token.editing = false
                Expect.started(&$0)
            },
        ])
    }

    @Test func formFieldKeys() {
        let tenant = Before.form(.tenant) { $0.editingField = .tenant; $0.form[.tenant] = "cont" }
        let clientId = Before.form(.clientId) { $0.editingField = .clientId }
        func typed(_ field: FormField, _ text: String) -> (inout AppState) -> Void {
            { state in state.form.fields[field]!.insert(text) }
        }
        check([
            KeyCase("a letter types into the field", tenant, .character("o"), expect: typed(.tenant, "o")),
            KeyCase("q types into the field", tenant, .character("q"), expect: typed(.tenant, "q")),
            KeyCase("s types into the field", tenant, .character("s"), expect: typed(.tenant, "s")),
            KeyCase("Space types into the field", clientId, .character(" "), expect: typed(.clientId, " ")),
            KeyCase("Ctrl-U deletes to the start", tenant, .control("u")) { _ = $0.form.fields[.tenant]!.handle(.control("u")) },
            KeyCase("Enter commits the tenant and re-inspects", tenant, .enter) {
                $0.editingField = nil
                Expect.reinspected(&$0)
            },
            KeyCase("Esc commits the tenant too", tenant, .escape) {
                $0.editingField = nil
                Expect.reinspected(&$0)
            },
            KeyCase("Enter commits the client ID (no re-inspection)", clientId, .enter) { $0.editingField = nil },
            KeyCase("Tab commits and moves on", tenant, .tab) {
                $0.editingField = nil
                Expect.reinspected(&$0)
                $0.focus = .result
            },
            KeyCase("Shift-Tab commits and moves back", clientId, .backTab) {
                $0.editingField = nil
                $0.focus = .token
            },
            KeyCase("F5 commits and runs", clientId, .function(5), effects: [.runExchange(runID: 1, job: Before.oboJob)]) {
                $0.editingField = nil
                Expect.started(&$0)
            },
            KeyCase("F10 quits from a field", clientId, .function(10), effects: [.quit]) { _ in },
        ])
    }

    @Test func claimSearchKeys() {
        let searching = Before.token { $0.token.searching = true; $0.token.search.insert("ti"); $0.token.rows = ScrollState(selected: 1, offset: 0) }
        check([
            KeyCase("a letter filters, from the top", searching, .character("d")) {
                $0.token.search.insert("d")
                $0.token.rows = ScrollState()
            },
            KeyCase("q filters, it does not quit", searching, .character("q")) {
                $0.token.search.insert("q")
                $0.token.rows = ScrollState()
            },
            KeyCase("Enter keeps the filter", searching, .enter) {
                $0.token.searching = false
                $0.token.rows = ScrollState()
            },
            KeyCase("Esc clears the filter", searching, .escape) {
                $0.token.searching = false
                $0.token.search = TextField()
                $0.token.rows = ScrollState()
            },
            KeyCase("↓ means nothing to the filter", searching, .down) { _ in },
        ])
    }

    // MARK: Scrolling panes (after a refusal whose advice and trace overflow a 100×24 screen)

    @Test func scrollPaneKeys() async {
        let advice = await Before.refused { $0.focus = .advice }
        let lines = PaneContent.lines(advice, .advice, width: Layout.paneWidth(advice, .advice)).count
        let height = Layout.paneHeight(advice, .advice)
        let last = lines - height, page = height - 1
        #expect(last > page + 2, "the advice must overflow by more than a page")
        let scrolled = await Before.refused { $0.focus = .advice; $0.offsets[.advice] = 5 }
        let bottom = await Before.refused { $0.focus = .advice; $0.offsets[.advice] = last }
        let trace = await Before.refused { GlobalKeys.focus(&$0, .trace) }
        let traceLast = PaneContent.lines(trace, .trace, width: Layout.paneWidth(trace, .trace)).count - Layout.paneHeight(trace, .trace)
        #expect(traceLast > 0, "the trace overflows too")
        check([
            KeyCase("j scrolls a line", advice, .character("j")) { $0.offsets[.advice] = 1 },
            KeyCase("↓ scrolls a line", advice, .down) { $0.offsets[.advice] = 1 },
            KeyCase("k scrolls back", scrolled, .character("k")) { $0.offsets[.advice] = 4 },
            KeyCase("↑ scrolls back", scrolled, .up) { $0.offsets[.advice] = 4 },
            KeyCase("k at the top stays", advice, .character("k")) { _ in },
            KeyCase("Space pages", advice, .character(" ")) { $0.offsets[.advice] = page },
            KeyCase("PgDn pages", advice, .pageDown) { $0.offsets[.advice] = page },
            KeyCase("PgUp pages back, not above the top", scrolled, .pageUp) { $0.offsets[.advice] = 0 },
            KeyCase("G: the last page", advice, .character("G")) { $0.offsets[.advice] = last },
            KeyCase("End: the last page", advice, .end) { $0.offsets[.advice] = last },
            KeyCase("j at the bottom stays", bottom, .character("j")) { _ in },
            KeyCase("g: the top", bottom, .character("g")) { $0.offsets[.advice] = 0 },
            KeyCase("Home: the top", bottom, .home) { $0.offsets[.advice] = 0 },
            KeyCase("j in Trace scrolls Trace only", trace, .character("j")) { $0.offsets[.trace] = min(1, traceLast) },
        ] + ["i", "/", "v", "x", "]", "r", "z"].map { c in
            KeyCase("\(c) does nothing in a scroll pane", scrolled, .character(Character(c))) { _ in }
        } + [Key.delete, .backspace, .left, .right].map { key in
            KeyCase("\(key) does nothing in a scroll pane", scrolled, key) { _ in }
        })
    }

    // MARK: Help overlay

    @Test func helpKeys() {
        let lines = HelpText.all.count + Set(HelpText.all.map(\.section)).count
        let open = Before.token { $0.overlay = .help(filter: TextField(), offset: 3, filtering: false) }
        check([
            KeyCase("F1 closes help", open, .function(1)) { $0.overlay = nil },
            KeyCase("Esc closes help", open, .escape) { $0.overlay = nil },
            KeyCase("Enter closes help", open, .enter) { $0.overlay = nil },
            KeyCase("q closes help (does not quit)", open, .character("q")) { $0.overlay = nil },
            KeyCase("? closes help", open, .character("?")) { $0.overlay = nil },
            KeyCase("/ starts the filter", open, .character("/")) { $0.overlay = .help(filter: TextField(), offset: 3, filtering: true) },
            KeyCase("j scrolls", open, .character("j")) { $0.overlay = .help(filter: TextField(), offset: 4, filtering: false) },
            KeyCase("↓ scrolls", open, .down) { $0.overlay = .help(filter: TextField(), offset: 4, filtering: false) },
            KeyCase("k scrolls back", open, .character("k")) { $0.overlay = .help(filter: TextField(), offset: 2, filtering: false) },
            KeyCase("↑ scrolls back", open, .up) { $0.overlay = .help(filter: TextField(), offset: 2, filtering: false) },
            KeyCase("Space pages", open, .character(" ")) { $0.overlay = .help(filter: TextField(), offset: 13, filtering: false) },
            KeyCase("PgDn pages", open, .pageDown) { $0.overlay = .help(filter: TextField(), offset: 13, filtering: false) },
            KeyCase("PgUp pages back to the top", open, .pageUp) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("g: top", open, .character("g")) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("Home: top", open, .home) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("G: the last line", open, .character("G")) { $0.overlay = .help(filter: TextField(), offset: lines - 1, filtering: false) },
            KeyCase("End: the last line", open, .end) { $0.overlay = .help(filter: TextField(), offset: lines - 1, filtering: false) },
            KeyCase("Ctrl-C quits from help", open, .control("c"), effects: [.quit]) { _ in },
        ] + ["c", "e", "t", "h", "f", "s", "1", "i", "x"].map { c in
            KeyCase("\(c) does nothing behind help", open, .character(Character(c))) { _ in }
        } + [Key.tab, .backTab, .delete, .left].map { key in
            KeyCase("\(key) does nothing in help", open, key) { _ in }
        })
    }

    @Test func helpFilterKeys() {
        var th = TextField()
        th.insert("th")
        let filtering = Before.token { $0.overlay = .help(filter: th, offset: 1, filtering: true) }
        let entries = HelpText.entries(filter: "th")
        let lines = entries.count + Set(entries.map(\.section)).count
        #expect(lines > 3)
        func filter(_ text: String) -> TextField {
            var field = TextField()
            field.insert(text)
            return field
        }
        check([
            KeyCase("a letter filters, from the top", filtering, .character("e")) { $0.overlay = .help(filter: filter("the"), offset: 0, filtering: true) },
            KeyCase("q filters, it neither closes nor quits", filtering, .character("q")) { $0.overlay = .help(filter: filter("thq"), offset: 0, filtering: true) },
            KeyCase("/ types", filtering, .character("/")) { $0.overlay = .help(filter: filter("th/"), offset: 0, filtering: true) },
            KeyCase("Backspace deletes", filtering, .backspace) { $0.overlay = .help(filter: filter("t"), offset: 0, filtering: true) },
            KeyCase("Enter keeps the filter", filtering, .enter) { $0.overlay = .help(filter: th, offset: 1, filtering: false) },
            KeyCase("Esc clears the filter", filtering, .escape) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("F1 closes even while filtering", filtering, .function(1)) { $0.overlay = nil },
            KeyCase("↓ scrolls while filtering", filtering, .down) { $0.overlay = .help(filter: th, offset: 2, filtering: true) },
            KeyCase("↑ scrolls while filtering", filtering, .up) { $0.overlay = .help(filter: th, offset: 0, filtering: true) },
            KeyCase("F10 quits while filtering", filtering, .function(10), effects: [.quit]) { _ in },
        ])
    }

    // MARK: History

    @Test func historyKeys() {
        let atSecond = Before.withTwoRuns { $0.overlay = .history(selected: 1) }
        let atFirst = Before.withTwoRuns { $0.overlay = .history(selected: 0) }
        check([
            KeyCase("Esc closes", atSecond, .escape) { $0.overlay = nil },
            KeyCase("q closes (does not quit)", atSecond, .character("q")) { $0.overlay = nil },
            KeyCase("h closes", atSecond, .character("h")) { $0.overlay = nil },
            KeyCase("k selects the previous run", atSecond, .character("k")) { $0.overlay = .history(selected: 0) },
            KeyCase("↑ selects the previous run", atSecond, .up) { $0.overlay = .history(selected: 0) },
            KeyCase("k on the first stays", atFirst, .character("k")) { _ in },
            KeyCase("j selects the next run", atFirst, .character("j")) { $0.overlay = .history(selected: 1) },
            KeyCase("↓ on the last stays", atSecond, .down) { _ in },
            KeyCase("F1 opens help in place of the history", atSecond, .function(1)) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("Enter re-opens the run on Result, scrolled to the top", atFirst, .enter) {
                $0.overlay = nil
                $0.shownRunID = 1
                $0.offsets = [.result: 0, .advice: 0, .trace: 0]
                $0.focus = .result
            },
        ] + ["c", "e", "s", "f", "1", "x", "?"].map { c in
            KeyCase("\(c) does nothing in the history", atSecond, .character(Character(c))) { _ in }
        } + [Key.tab, .backTab, .left, .delete, .backspace].map { key in
            KeyCase("\(key) does nothing in the history", atSecond, key) { _ in }
        })
    }

    // MARK: Samples

    @Test func samplesKeys() {
        let open = Before.empty { $0.presets = Before.presets; $0.overlay = .presets(selected: 0) }
        let onSecond = Before.empty { $0.presets = Before.presets; $0.overlay = .presets(selected: 1) }
        let oboSample = Before.presets[0], ccSample = Before.presets[1]
        check([
            KeyCase("Esc closes", open, .escape) { $0.overlay = nil },
            KeyCase("q closes (does not quit)", open, .character("q")) { $0.overlay = nil },
            KeyCase("s closes", open, .character("s")) { $0.overlay = nil },
            KeyCase("j selects the next sample", open, .character("j")) { $0.overlay = .presets(selected: 1) },
            KeyCase("↓ on the last stays", onSecond, .down) { _ in },
            KeyCase("k selects the previous sample", onSecond, .character("k")) { $0.overlay = .presets(selected: 0) },
            KeyCase("↑ on the first stays", open, .up) { _ in },
            KeyCase("Enter loads a sample with a token: form, token, inspected, on the Token pane", open, .enter) {
                $0.overlay = nil
                $0.form = oboSample.form
                $0.formSelection = 0
                $0.token.raw = oboSample.token!
                $0.token.input.insert(oboSample.token!)
                Expect.reinspected(&$0, resetSelection: true)
                $0.status = StatusLine("Loaded “\(oboSample.title)”: Enter runs it")
            },
            KeyCase("Enter loads a sample without a token: the form, Run selected", onSecond, .enter) {
                $0.overlay = nil
                $0.form = ccSample.form
                Expect.reinspected(&$0, resetSelection: true)
                $0.focus = .exchange
                $0.formSelection = ccSample.form.visibleFields.firstIndex(of: .run)!
                $0.status = StatusLine("Loaded “\(ccSample.title)”: Enter runs it")
            },
        ] + ["c", "e", "h", "f", "1", "x", "?"].map { c in
            KeyCase("\(c) does nothing in the samples", open, .character(Character(c))) { _ in }
        } + [Key.tab, .left, .delete].map { key in
            KeyCase("\(key) does nothing in the samples", open, key) { _ in }
        })
    }

    // MARK: Flow chooser

    @Test func flowChooserKeys() throws {
        let open = Before.empty { $0.overlay = .flowChooser(FlowChooserState()) }
        guard case let .question(first) = FlowChooserState().step else { Issue.record("the chooser starts with a question"); return }
        let answered = try FlowChooser.answer(first.id, with: first.choices[0].id, to: FlowChooser.Answers())
        var second = FlowChooserState()
        second.selected = 1
        var afterFirst = FlowChooserState()
        afterFirst.answers = answered
        // Daemon, then Enter on every following question: a recommendation.
        var recommended = FlowChooserState()
        recommended.answers = try FlowChooser.answer(first.id, with: first.choices[1].id, to: FlowChooser.Answers())
        while case let .question(q) = recommended.step { recommended.answers = try FlowChooser.answer(q.id, with: q.choices[0].id, to: recommended.answers) }
        guard case let .recommendation(r) = recommended.step else { Issue.record("no recommendation"); return }
        #expect(r.flow == .clientCredentials)
        check([
            KeyCase("Esc closes", open, .escape) { $0.overlay = nil },
            KeyCase("q closes (does not quit)", open, .character("q")) { $0.overlay = nil },
            KeyCase("j selects the next answer", open, .character("j")) { $0.overlay = .flowChooser(second) },
            KeyCase("↓ selects the next answer", open, .down) { $0.overlay = .flowChooser(second) },
            KeyCase("k on the first stays", open, .character("k")) { _ in },
            KeyCase("↑ back to the first", Before.empty { $0.overlay = .flowChooser(second) }, .up) { $0.overlay = .flowChooser(FlowChooserState()) },
            KeyCase("Enter answers and moves to the next question", open, .enter) { $0.overlay = .flowChooser(afterFirst) },
            KeyCase("Backspace starts again", Before.empty { $0.overlay = .flowChooser(afterFirst) }, .backspace) { $0.overlay = .flowChooser(FlowChooserState()) },
            KeyCase("Enter on the recommendation sets the flow and focuses the form", Before.empty { $0.overlay = .flowChooser(recommended) }, .enter) {
                $0.overlay = nil
                $0.form.flow = .clientCredentials
                Expect.reinspected(&$0)
                $0.focus = .exchange
                $0.status = StatusLine("Flow set to Client credentials")
            },
            KeyCase("j on the recommendation does nothing", Before.empty { $0.overlay = .flowChooser(recommended) }, .character("j")) { _ in },
        ] + ["c", "e", "h", "s", "f", "1", "?"].map { c in
            KeyCase("\(c) does nothing in the chooser", open, .character(Character(c))) { _ in }
        } + [Key.tab, .left, .delete].map { key in
            KeyCase("\(key) does nothing in the chooser", open, key) { _ in }
        })
    }

    // MARK: Messages other than keys

    @Test func messages() async {
        let running = Before.running()
        let refused = await CannedTransport.outcome(for: Before.oboJob, status: 400, body: CannedTransport.wrongAudienceError)
        let cases: [(String, AppState, Msg, (inout AppState) -> Void)] = [
            ("a tick turns the spinner", running, .tick, { $0.tick = 1 }),
            ("a tick with nothing running changes nothing", Before.token(), .tick, { _ in }),
            ("a resize is kept", Before.token(), .resized(Size(columns: 90, rows: 30)), { $0.size = Size(columns: 90, rows: 30) }),
            ("progress is added to the run", running, .exchangeProgress(runID: 1, line: "Open https://example/devicelogin"), {
                $0.runs[0].progress = ["Open https://example/devicelogin"]
            }),
            ("progress for an unknown run is dropped", running, .exchangeProgress(runID: 9, line: "x"), { _ in }),
            ("a start failure ends the run", running, .exchangeFailedToStart(runID: 1, message: "no such file"), {
                $0.runs[0].status = .failedToStart("no such file")
                $0.runs[0].finishedAt = Fixture.now
                $0.status = StatusLine("Not sent: no such file", kind: .error)
            }),
            ("the outcome finishes the run, diagnosed", running, .exchangeFinished(runID: 1, outcome: refused), {
                $0.runs[0].status = .finished(FinishedRun(runID: 1, outcome: refused, advice: []))
                $0.runs[0].finishedAt = Fixture.now
                $0.status = StatusLine("Run 1: HTTP 400 invalid_grant AADSTS500131 — advice in pane 4", kind: .error)
            }),
            ("an export is reported", Before.token(), .exported(paths: ["/tmp/x/r.md", "/tmp/x/r.json"]), {
                $0.status = StatusLine("Exported the redacted incident report: r.md + .json in /tmp/x")
            }),
            ("an export failure is reported", Before.token(), .exportFailed(message: "read-only"), {
                $0.status = StatusLine("Export failed: read-only", kind: .error)
            }),
            ("a failed sandbox is reported", Before.token(), .sandboxFailed(message: "port in use"), {
                $0.status = StatusLine("The embedded sandbox did not start: port in use", kind: .error)
            }),
        ]
        for (name, before, msg, change) in cases {
            var state = before
            let effects = ExplorerApp.update(&state, msg, now: Fixture.now)
            var expected = before
            change(&expected)
            #expect(effects.isEmpty, "\(name)")
            let same = state == expected
            #expect(same, "\(name): \(StateDiff.describe(state, expected))")
        }
    }
}

// MARK: - The table's machinery

/// One row of a key table.
struct KeyCase {
    let name: String
    let before: AppState
    let key: Key
    let effects: [Effect]
    let expect: (inout AppState) -> Void

    init(_ name: String, _ before: AppState, _ key: Key, effects: [Effect] = [], expect: @escaping (inout AppState) -> Void) {
        self.name = name
        self.before = before
        self.key = key
        self.effects = effects
        self.expect = expect
    }
}

/// Applies each row's key to its state and compares the whole state and the effects.
func check(_ cases: [KeyCase], sourceLocation: SourceLocation = #_sourceLocation) {
    for c in cases {
        var state = c.before
        let effects = ExplorerApp.update(&state, .input(.key(c.key)), now: Fixture.now)
        var expected = c.before
        expected.now = Fixture.now
        // Every key clears the status message; a row that sets one says so.
        expected.status = nil
        c.expect(&expected)
        #expect(effects == c.effects, "\(c.name): effects", sourceLocation: sourceLocation)
        // A Bool, so a failure prints the differing fields rather than two whole states.
        let unchangedElsewhere = state == expected
        #expect(unchangedElsewhere, "\(c.name): \(StateDiff.describe(state, expected))", sourceLocation: sourceLocation)
    }
}

/// Names the fields that differ, so a failing row says what changed that should not have.
enum StateDiff {
    static func describe(_ actual: AppState, _ expected: AppState) -> String {
        let lines = differences(actual, expected, path: "")
        return lines.isEmpty ? "(equal by description; compare custom equality)" : lines.joined(separator: "\n")
    }

    static func differences(_ actual: Any, _ expected: Any, path: String, depth: Int = 0) -> [String] {
        let a = Mirror(reflecting: actual), e = Mirror(reflecting: expected)
        guard depth < 2, a.displayStyle == .struct, !a.children.isEmpty else {
            let da = String(describing: actual), de = String(describing: expected)
            return da == de ? [] : ["\(path): got \(da.prefix(240)) · expected \(de.prefix(240))"]
        }
        var out: [String] = []
        for (ca, ce) in zip(a.children, e.children) {
            out += differences(ca.value, ce.value, path: path + (path.isEmpty ? "" : ".") + (ca.label ?? "?"), depth: depth + 1)
        }
        return out
    }
}

/// States before a key, each with a stale status message (every key clears it).
enum Before {
    static let stale = StatusLine("a message from before this key")

    /// The job Enter sends for the pasted access token and the fixture's OBO form.
    static let oboJob = ExchangeJob(flow: .onBehalfOf, authorityHost: Fixture.sandboxURL, tenant: TestToken.tenant, clientId: TestToken.middleTier,
                                    scopes: ["api://downstream-api/Data.Read"], credential: .secret(Fixture.secret),
                                    userAssertion: Fixture.accessToken, expectedAudiences: [TestToken.middleTier])

    static let presets = [
        Preset(id: "obo", title: "OBO that works", summary: "the middle tier swaps the user's token", token: Fixture.accessToken, form: Fixture.oboForm),
        Preset(id: "cc", title: "Client credentials", summary: "a daemon", token: nil,
               form: ExchangeForm(flow: .clientCredentials, values: [
                   .authority: Fixture.sandboxURL, .tenant: TestToken.tenant, .clientId: TestToken.client,
                   .scopes: "api://downstream-api/.default", .secret: "s",
               ])),
    ]

    static func empty(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        var state = Fixture.state()
        state.status = stale
        change(&state)
        return state
    }

    /// The access token pasted (Token pane focused, claims view, first row).
    static func token(_ text: String = Fixture.accessToken, size: Size = Size(columns: 120, rows: 40), _ change: (inout AppState) -> Void = { _ in }) -> AppState {
        var state = Fixture.state(size: size)
        _ = Fixture.paste(&state, text)
        state.status = stale
        change(&state)
        return state
    }

    static func tokenResponse(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token("{\"access_token\":\"\(Fixture.accessToken)\",\"id_token\":\"\(Fixture.idToken)\",\"token_type\":\"Bearer\"}", size: Size(columns: 120, rows: 40), change)
    }

    static func bigToken(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token(NavigationKeysUpdateTests.bigToken, size: Size(columns: 80, rows: 24), change)
    }

    /// The Exchange pane focused with `field`'s row selected.
    static func form(_ field: FormField, _ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token { state in
            state.focus = .exchange
            change(&state)
            state.formSelection = state.form.visibleFields.firstIndex(of: field)!
        }
    }

    /// Run 1 running, Result focused.
    static func running(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token { state in
            Fixture.keys(&state, .enter)
            change(&state)
        }
    }

    /// Two runs that failed to start (run 2 shown), Advice focused and scrolled.
    static func withTwoRuns(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token { state in
            for id in 1...2 {
                Fixture.keys(&state, .character("1"), .enter)
                Fixture.send(&state, .exchangeFailedToStart(runID: id, message: "the certificate file /x.pem does not exist."))
            }
            GlobalKeys.focus(&state, .advice)
            state.offsets = [.result: 4, .advice: 2, .trace: 1]
            change(&state)
        }
    }

    /// A wrong-audience refusal at 100×24 (a narrow screen: one pane, long advice).
    static func refused(_ change: (inout AppState) -> Void = { _ in }) async -> AppState {
        var state = token(TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed(), size: Size(columns: 100, rows: 24))
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { return state }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)))
        state.status = stale
        change(&state)
        return state
    }
}

/// Changes several keys share, spelled out once.
enum Expect {
    /// The pasted text inspected again under the current form (a new inspection generation).
    static func reinspected(_ state: inout AppState, resetSelection: Bool = false) {
        Inspection.reinspect(&state, resetSelection: resetSelection)
    }

    /// Run 1 of the fixture's OBO job started: shown on Result, scroll positions reset.
    static func started(_ state: inout AppState) {
        state.runs.append(RunRecord(id: 1, job: Before.oboJob, startedAt: Fixture.now, status: .running))
        state.nextRunID = 2
        state.shownRunID = 1
        state.offsets[.result] = 0
        state.offsets[.advice] = 0
        state.offsets[.trace] = 0
        state.focus = .result
        state.revealedField = nil
    }
}
