@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

@Suite("Explorer update: the exchange form")
struct FormUpdateTests {
    @Test func rowsFollowTheFlowAndCredential() {
        var form = ExchangeForm(flow: .onBehalfOf, credential: .secret)
        #expect(form.visibleFields == [.flow, .credential, .authority, .tenant, .clientId, .scopes, .expectedAudience, .secret, .run])
        form.credential = .certificate
        form.flow = .authCode
        #expect(form.visibleFields == [.flow, .credential, .authority, .tenant, .clientId, .scopes, .certificate, .key, .password, .redirectURI, .loginHint, .run])
        form.flow = .refresh
        form.credential = .none
        #expect(form.visibleFields == [.flow, .credential, .authority, .tenant, .clientId, .scopes, .refreshToken, .run])
    }

    @Test func choicesCycleAndPublicClientsOnlyWhereAllowed() {
        var state = Fixture.state()
        state.focus = .exchange
        Fixture.keys(&state, .down) // credential row
        Fixture.keys(&state, .right, .right, .right)
        #expect(state.form.credential == .secret) // secret → certificate → assertion → secret (no public client for OBO)
        Fixture.keys(&state, .up, .left) // flow: OBO ← device code
        #expect(state.form.flow == .deviceCode)
        Fixture.keys(&state, .down, .left)
        #expect(state.form.credential == .none)
        Fixture.keys(&state, .up, .right) // back to OBO: `none` is not allowed, secret it is
        #expect(state.form.flow == .onBehalfOf)
        #expect(state.form.credential == .secret)
    }

    @Test func enterEditsATextFieldAndEnterCommits() {
        var state = Fixture.state()
        state.focus = .exchange
        let row = state.form.visibleFields.firstIndex(of: .tenant)!
        for _ in 0..<row { Fixture.keys(&state, .character("j")) }
        Fixture.keys(&state, .enter)
        #expect(state.editingField == .tenant)
        Fixture.type(&state, "contoso.onmicrosoft.com")
        Fixture.keys(&state, .enter)
        #expect(state.editingField == nil)
        #expect(state.form[.tenant] == "contoso.onmicrosoft.com")
        Fixture.keys(&state, .delete)
        #expect(state.form[.tenant].isEmpty)
    }

    @Test func revealLastsOnlyWhileTheFieldStaysSelected() {
        var state = Fixture.state()
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .secret)!
        Fixture.keys(&state, .character("r"))
        #expect(state.revealedField == .secret)
        Fixture.keys(&state, .up)
        #expect(state.revealedField == nil)
        // `r` on a field that is not secret does nothing.
        Fixture.keys(&state, .character("r"))
        #expect(state.revealedField == nil)
    }

    @Test func theSecretIsMaskedUnlessRevealed() {
        var state = Fixture.state()
        state.focus = .exchange
        let masked = ExplorerApp.render(state).plainText
        #expect(!masked.contains(Fixture.secret))
        state.formSelection = state.form.visibleFields.firstIndex(of: .secret)!
        Fixture.keys(&state, .character("r"))
        #expect(ExplorerApp.render(state).plainText.contains(String(Fixture.secret.prefix(20))))
    }

    @Test func enterOnTheRunRowRuns() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        state.focus = .exchange
        Fixture.keys(&state, .character("G"))
        #expect(state.form.visibleFields[state.formSelection] == .run)
        #expect(Fixture.keys(&state, .enter).count == 1)
    }
}
