@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// `update` checked whole (see `Support/KeyTable.swift`): the expected state is the state before the
/// key with only the intended fields changed, compared with `==`, and the effects compared exactly.
@Suite("Explorer update, whole state: panes and text fields")
struct WholeStatePaneKeysTests {
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
}
