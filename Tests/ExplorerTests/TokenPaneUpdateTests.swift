@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

@Suite("Explorer update: the token pane")
struct TokenPaneUpdateTests {
    @Test func pasteAnywhereLandsInTheTokenPaneAndIsInspectedAtOnce() {
        var state = Fixture.state()
        state.focus = .advice
        let effects = Fixture.paste(&state, "Authorization: Bearer " + Fixture.accessToken)
        #expect(effects.isEmpty)
        #expect(state.focus == .token)
        #expect(state.token.editing == false)
        #expect(state.token.raw == "Authorization: Bearer " + Fixture.accessToken)
        let report = try! #require(state.token.inspected?.reports.first)
        #expect(report.kind == .accessToken)
        #expect(report.token.raw == Fixture.accessToken)
        #expect(state.status?.text.hasPrefix("Pasted \(22 + Fixture.accessToken.count) characters: access token (delegated), v2.0") == true)
    }

    @Test func aPastedTokenWrappedOverLinesJoinsUpInTheField() {
        var state = Fixture.state()
        let token = Fixture.accessToken
        let wrapped = String(token.prefix(40)) + "\r\n" + String(token.dropFirst(40))
        _ = Fixture.paste(&state, wrapped)
        #expect(state.token.input.text == token)
        #expect(state.token.inspected?.reports.first?.token.raw == token)
    }

    @Test func anIDTokenForOBOIsFlaggedUnderTheFormsFlow() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.idToken)
        let ids = state.token.inspected?.reports.first?.findings.map(\.id) ?? []
        #expect(ids.contains(.idToken))
        #expect(state.token.inspected?.reports.first?.findings.first { $0.id == .idToken }?.severity == .error)
        // After an auth-code sign-in an ID token is expected: the same finding is only information.
        state.focus = .exchange
        state.formSelection = 0
        Fixture.keys(&state, .right, .right)
        #expect(state.form.flow == .authCode)
        #expect(state.token.inspected?.reports.first?.findings.first { $0.id == .idToken }?.severity == .info)
    }

    @Test func lettersTypedIntoTheTokenFieldNeverAct() {
        var state = Fixture.state()
        Fixture.keys(&state, .character("i"))
        #expect(state.token.editing)
        let effects = Fixture.type(&state, "qetchfs?123")
        #expect(effects.isEmpty)
        #expect(state.overlay == nil)
        #expect(state.focus == .token)
        #expect(state.token.input.text == "qetchfs?123")
        #expect(state.themeIndex == 0)
        Fixture.keys(&state, .escape)
        #expect(!state.token.editing)
        #expect(state.token.inspected?.problem != nil)
    }

    @Test func searchFiltersClaimsAndEscClearsIt() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        let all = TokenRows.rows(state).count
        Fixture.keys(&state, .character("/"))
        #expect(state.token.searching)
        Fixture.type(&state, "tid")
        #expect(TokenRows.rows(state).map(\.name) == ["tid"])
        Fixture.keys(&state, .enter)
        #expect(!state.token.searching)
        #expect(TokenRows.rows(state).count == 1)
        Fixture.keys(&state, .character("/"), .escape)
        #expect(TokenRows.rows(state).count == all)
    }

    @Test func jAndKMoveTheClaimSelectionWithinBounds() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        let count = TokenRows.rows(state).count
        Fixture.keys(&state, .character("j"), .character("j"))
        #expect(state.token.rows.selected == 2)
        #expect(TokenRows.selectedClaim(state)?.name == TokenRows.rows(state)[2].name)
        Fixture.keys(&state, .character("G"))
        #expect(state.token.rows.selected == count - 1)
        Fixture.keys(&state, .down)
        #expect(state.token.rows.selected == count - 1)
        Fixture.keys(&state, .character("g"), .up)
        #expect(state.token.rows.selected == 0)
    }

    @Test func headerAndRawViewsToggle() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .character("v"))
        #expect(state.token.view == .header)
        #expect(TokenRows.rows(state).map(\.name) == ["typ", "alg", "kid"])
        Fixture.keys(&state, .character("x"))
        #expect(state.token.view == .raw)
        #expect(TokenRows.rows(state).contains { $0.value.contains("\"aud\"") })
        Fixture.keys(&state, .character("x"))
        #expect(state.token.view == .claims)
    }

    @Test func aTokenResponseShowsEachTokenInTurn() {
        var state = Fixture.state()
        let response = "{\"access_token\":\"\(Fixture.accessToken)\",\"id_token\":\"\(Fixture.idToken)\",\"token_type\":\"Bearer\"}"
        _ = Fixture.paste(&state, response)
        #expect(state.token.inspected?.reports.count == 2)
        #expect(TokenRows.report(state)?.kind == .accessToken)
        Fixture.keys(&state, .character("]"))
        #expect(TokenRows.report(state)?.kind == .idToken)
        Fixture.keys(&state, .character("]"))
        #expect(state.token.selectedToken == 0)
    }

    @Test func pasteWhileEditingAFormFieldGoesIntoThatField() {
        var state = Fixture.state()
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .scopes)!
        Fixture.keys(&state, .enter, .control("u"))
        _ = Fixture.paste(&state, "api://downstream-api/.default\n")
        #expect(state.form[.scopes] == "api://downstream-api/.default")
        #expect(state.token.inspected == nil)
    }
}
