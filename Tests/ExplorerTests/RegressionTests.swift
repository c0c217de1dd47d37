import Foundation
@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// Bugs found by the whole-state update tables, fixed, and kept as tests: each one failed before
/// its fix (the test's name says what was wrong).
@Suite("Explorer: regressions")
struct RegressionTests {
    /// Below 80×24 only the size message shows, and it says "press q to quit"; F5 is checked
    /// before the size, so it sends an exchange the user cannot see.
    @Test("was: F5 below 80×24 runs the exchange (handleKey checks F5 before the minimum size)")
    func f5DoesNothingBelowTheMinimumSize() {
        for size in [Size(columns: 79, rows: 24), Size(columns: 80, rows: 23)] {
            check([KeyCase("F5 at \(size.columns)×\(size.rows)", Before.token(size: size), .function(5)) { _ in }])
        }
    }

    /// F1 is also checked before the size: it opens a help the user cannot see, and then `q` —
    /// which the size message says quits — closes that invisible help instead of quitting.
    @Test("was: F1 below 80×24 opens an invisible help, and q then closes it instead of quitting")
    func f1DoesNothingAndQStillQuitsBelowTheMinimumSize() {
        let size = Size(columns: 79, rows: 24)
        check([KeyCase("F1 at 79×24", Before.token(size: size), .function(1)) { _ in }])
        var state = Before.token(size: size)
        Fixture.keys(&state, .function(1))
        #expect(Fixture.keys(&state, .character("q")) == [.quit], "the size message promises that q quits")
    }

    /// The same with help opened at 80×24 and the terminal then shrunk by one column.
    @Test("was: a dialog open when the terminal shrinks below 80×24 takes q (closes) instead of quitting")
    func qQuitsBelowTheMinimumSizeEvenWithADialogOpen() {
        var state = Before.token(size: Size(columns: 80, rows: 24))
        Fixture.keys(&state, .character("?"))
        Fixture.send(&state, .resized(Size(columns: 79, rows: 24)))
        #expect(Fixture.keys(&state, .character("q")) == [.quit])
    }

    /// ←/→/Home/End move the cursor in the token field; the text is unchanged, yet every such key
    /// re-inspects the whole paste (a 16 KB token on every arrow key) and jumps the claims table
    /// back to its first row. `TextKeys.tokenKey` re-inspects whenever `edit` returns true.
    @Test("was: cursor keys in the token field re-inspect the token and reset the claim selection")
    func cursorKeysInTheTokenFieldOnlyMoveTheCursor() {
        let editing = Before.token { $0.token.editing = true; $0.token.rows = ScrollState(selected: 3, offset: 0) }
        check([Key.left, .right, .home, .end, .control("a"), .control("e")].map { key in
            KeyCase("\(key) in the token field", editing, key) { _ = $0.token.input.handle(key) }
        })
    }

    /// With --mouse, clicking a tab while a form field is being edited moves the focus but leaves
    /// `editingField` set: the tenant is not committed (no re-inspection), and on coming back to
    /// the form (`2`) the keys type into the field again without Enter. Tab commits first.
    @Test("was: a mouse click on a tab leaves the form field (or the token field) in edit mode")
    func clickingATabLeavesTheFieldLikeTab() {
        let tenant = Before.form(.tenant) { $0.mouseEnabled = true; $0.editingField = .tenant; $0.form[.tenant] = "contoso" }
        var state = tenant
        let resultTab = Layout.tabs(state).first { $0.pane == .result }!
        Fixture.send(&state, .input(.mouse(MouseEvent(kind: .press(button: 0), x: resultTab.columns.lowerBound, y: 1))))
        var expected = tenant
        expected.status = nil
        expected.editingField = nil
        Inspection.reinspect(&expected, resetSelection: false)
        expected.focus = .result
        let same = state == expected
        #expect(same, "\(StateDiff.describe(state, expected))")

        var token = Before.token { $0.mouseEnabled = true; $0.token.editing = true }
        let exchangeTab = Layout.tabs(token).first { $0.pane == .exchange }!
        Fixture.send(&token, .input(.mouse(MouseEvent(kind: .press(button: 0), x: exchangeTab.columns.lowerBound, y: 1))))
        #expect(!token.token.editing)
        Fixture.keys(&token, .character("1"))
        #expect(!token.isEditingText, "back on the Token pane, letters are commands again")
    }

    /// The inspection context includes the authority (`InspectionContext.authority`: a
    /// `/common` or `/organizations` authority is a finding for OBO), but only the tenant and
    /// the expected audience re-inspect when committed or cleared; ←/→ on the authority row do.
    /// Editing the authority by hand (Enter, type, Enter) or clearing it (Delete) leaves stale findings.
    @Test("was: committing or clearing the Authority field does not re-inspect the token")
    func editingTheAuthorityReinspects() {
        // Tenant /organizations and no authority yet: no multi-tenant authority finding.
        let noAuthority = Before.form(.authority) { $0.form[.tenant] = "organizations"; $0.form[.authority] = ""; Inspection.reinspect(&$0, resetSelection: false) }
        #expect(!Self.findings(noAuthority).contains(.multiTenantAuthority))
        var state = noAuthority
        Fixture.keys(&state, .enter)
        Fixture.type(&state, Fixture.sandboxURL)
        Fixture.keys(&state, .enter)
        #expect(state.form[.authority] == Fixture.sandboxURL)
        #expect(Self.findings(state).contains(.multiTenantAuthority), "typed authority + /organizations: the finding appears")

        // And clearing the authority again takes it away.
        var cleared = Before.form(.authority) { $0.form[.tenant] = "organizations"; Inspection.reinspect(&$0, resetSelection: false) }
        #expect(Self.findings(cleared).contains(.multiTenantAuthority))
        Fixture.keys(&cleared, .delete)
        #expect(!Self.findings(cleared).contains(.multiTenantAuthority))
    }

    /// A dialog takes every key: F5 behind help, history, samples or the flow chooser started a run
    /// out of sight, and a click on the tab row switched the pane behind the dialog.
    @Test("was: F5 and tab clicks acted behind an open dialog")
    func dialogsKeepF5AndClicksFromThePanesBehind() {
        for open in [Key.character("?"), .character("f")] {
            var state = Before.token { $0.mouseEnabled = true }
            Fixture.keys(&state, open)
            let overlay = state.overlay
            #expect(overlay != nil)
            #expect(Fixture.keys(&state, .function(5)).isEmpty, "F5 behind \(open) runs nothing")
            #expect(state.runs.isEmpty && state.overlay == overlay)
            let resultTab = Layout.tabs(state).first { $0.pane == .result }!
            Fixture.send(&state, .input(.mouse(MouseEvent(kind: .press(button: 0), x: resultTab.columns.lowerBound, y: 1))))
            #expect(state.focus == .token && state.overlay == overlay, "a click behind \(open) changes nothing")
        }
    }

    static func findings(_ state: AppState) -> [FindingID] {
        state.token.inspected?.reports.first?.findings.map(\.id) ?? []
    }
}
