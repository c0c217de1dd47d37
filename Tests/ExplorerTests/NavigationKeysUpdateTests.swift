@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// The movement keys of every pane and dialog (j/k, arrows, PgUp/PgDn, Space, g/G, Home/End), the
/// history dialog's selection and the mouse wheel: each key's effect on the state, and its limits.
@Suite("Explorer update: navigation keys")
struct NavigationKeysUpdateTests {
    /// A token with 150 groups: far more claim rows than the table shows.
    static let bigToken = TestToken.v2AccessToken().with("groups", .array((0..<150).map { .string("group-\($0)") }))
        .with("roles", .array((0..<40).map { .string("Role.\($0)") })).signed()

    static func tokenState() -> (AppState, count: Int, visible: Int) {
        var state = Fixture.state(size: Size(columns: 80, rows: 24))
        _ = Fixture.paste(&state, bigToken)
        return (state, TokenRows.rows(state).count, Layout.tokenTableHeight(state))
    }

    @Test func tokenRowsMoveByLineAndPageAndStopAtBothEnds() {
        var (state, count, visible) = Self.tokenState()
        #expect(count > 2 * visible, "the fixture must overflow the table")
        #expect(state.token.rows.selected == 0)
        Fixture.keys(&state, .character("j"), .down, .down)
        #expect(state.token.rows.selected == 3)
        Fixture.keys(&state, .character("k"), .up)
        #expect(state.token.rows.selected == 1)
        Fixture.keys(&state, .pageDown)
        #expect(state.token.rows.selected == 1 + visible)
        #expect(state.token.rows.offset <= state.token.rows.selected && state.token.rows.selected < state.token.rows.offset + visible)
        Fixture.keys(&state, .pageUp)
        #expect(state.token.rows.selected == 1)
        Fixture.keys(&state, .pageUp, .character("k"))
        #expect(state.token.rows.selected == 0 && state.token.rows.offset == 0)
        Fixture.keys(&state, .end)
        #expect(state.token.rows.selected == count - 1)
        #expect(state.token.rows.offset == count - visible)
        Fixture.keys(&state, .down, .pageDown)
        #expect(state.token.rows.selected == count - 1)
        Fixture.keys(&state, .home)
        #expect(state.token.rows.selected == 0 && state.token.rows.offset == 0)
        Fixture.keys(&state, .character("G"))
        #expect(state.token.rows.selected == count - 1)
        Fixture.keys(&state, .character("g"))
        #expect(state.token.rows.selected == 0)
    }

    static func refusedState() async -> AppState {
        var state = Fixture.state(size: Size(columns: 100, rows: 24))
        _ = Fixture.paste(&state, TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed())
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { return state }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)))
        return state
    }

    @Test func scrollPanesTakeKSpaceHomeEndAndPageUp() async {
        var state = await Self.refusedState()
        var overflowing = 0
        for pane in [Pane.result, .advice, .trace] {
            GlobalKeys.focus(&state, pane)
            let lines = PaneContent.lines(state, pane, width: Layout.paneWidth(state, pane)).count
            let height = Layout.paneHeight(state, pane)
            let last = max(0, lines - height)
            guard last > 1 else {
                // Content that fits never scrolls, whatever the key.
                Fixture.keys(&state, .character(" "), .end, .character("j"))
                #expect(state.offsets[pane] ?? 0 == last, "\(pane) fits: it stays put")
                continue
            }
            overflowing += 1
            let page = max(1, height - 1)
            Fixture.keys(&state, .character(" "))
            #expect(state.offsets[pane] == min(page, last), "Space pages down in \(pane)")
            Fixture.keys(&state, .character("k"))
            #expect(state.offsets[pane] == min(page, last) - 1, "k scrolls up in \(pane)")
            Fixture.keys(&state, .end)
            #expect(state.offsets[pane] == last, "End shows the last page of \(pane)")
            Fixture.keys(&state, .pageUp)
            #expect(state.offsets[pane] == max(0, last - page))
            Fixture.keys(&state, .home)
            #expect(state.offsets[pane] == 0)
            Fixture.keys(&state, .pageUp, .up)
            #expect(state.offsets[pane] == 0, "nothing above the top")
        }
        #expect(overflowing >= 2, "the advice and the trace of a refusal overflow a 24-row screen")
    }

    @Test func formRowsMoveWithJKAndJumpWithHomeEnd() {
        var state = Fixture.state()
        GlobalKeys.focus(&state, .exchange)
        let rows = state.form.visibleFields
        state.formSelection = 0
        Fixture.keys(&state, .character("j"), .down)
        #expect(state.formSelection == 2)
        Fixture.keys(&state, .character("k"))
        #expect(state.formSelection == 1)
        Fixture.keys(&state, .end)
        #expect(state.formSelection == rows.count - 1 && rows.last == .run)
        Fixture.keys(&state, .down, .character("j"))
        #expect(state.formSelection == rows.count - 1)
        Fixture.keys(&state, .home)
        #expect(state.formSelection == 0)
        Fixture.keys(&state, .up, .character("k"))
        #expect(state.formSelection == 0)
        Fixture.keys(&state, .character("G"), .character("g"))
        #expect(state.formSelection == 0)
    }

    @Test func historySelectionMovesWithJKArrowsAndStaysInRange() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        for id in 1...3 {
            Fixture.keys(&state, .character("1"), .enter)
            Fixture.send(&state, .exchangeFailedToStart(runID: id, message: "x"))
        }
        #expect(state.runs.count == 3)
        Fixture.keys(&state, .character("h"))
        #expect(state.overlay == .history(selected: 2))
        Fixture.keys(&state, .character("k"))
        #expect(state.overlay == .history(selected: 1))
        Fixture.keys(&state, .up, .up, .character("k"))
        #expect(state.overlay == .history(selected: 0))
        Fixture.keys(&state, .character("j"))
        #expect(state.overlay == .history(selected: 1))
        Fixture.keys(&state, .down, .down, .character("j"))
        #expect(state.overlay == .history(selected: 2))
        Fixture.keys(&state, .character("k"), .enter)
        #expect(state.overlay == nil)
        #expect(state.shownRunID == 2)
        #expect(state.focus == .result)
    }

    @Test func theMouseWheelScrollsTheFocusedPaneOnlyWhenEnabledAndNoDialogIsOpen() async {
        var (state, _, _) = Self.tokenState()
        let down = MouseEvent(kind: .scrollDown, x: 10, y: 10), up = MouseEvent(kind: .scrollUp, x: 10, y: 10)
        Fixture.send(&state, .input(.mouse(down)))
        #expect(state.token.rows.selected == 0, "off without --mouse")
        state.mouseEnabled = true
        Fixture.send(&state, .input(.mouse(down)), .input(.mouse(down)))
        #expect(state.token.rows.selected == 2)
        Fixture.send(&state, .input(.mouse(up)))
        #expect(state.token.rows.selected == 1)
        Fixture.keys(&state, .character("?"))
        Fixture.send(&state, .input(.mouse(down)))
        #expect(state.token.rows.selected == 1, "a dialog keeps the wheel from the pane behind it")
        Fixture.keys(&state, .escape, .character("i"))
        Fixture.send(&state, .input(.mouse(down)))
        #expect(state.token.rows.selected == 1, "not while editing text")
        Fixture.keys(&state, .escape)

        var refused = await Self.refusedState()
        refused.mouseEnabled = true
        GlobalKeys.focus(&refused, .advice)
        Fixture.send(&refused, .input(.mouse(down)), .input(.mouse(down)), .input(.mouse(down)), .input(.mouse(up)))
        #expect(refused.offsets[.advice] == 2)
        GlobalKeys.focus(&refused, .exchange)
        let before = refused.formSelection
        Fixture.send(&refused, .input(.mouse(down)))
        #expect(refused.formSelection == min(before + 1, refused.form.visibleFields.count - 1))
    }
}
