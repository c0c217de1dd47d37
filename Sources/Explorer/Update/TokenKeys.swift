public import TerminalUI
import TokenScopeCore

/// The token pane without a focused field: browse the claims, switch views, start editing.
enum TokenKeys {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        let count = TokenRows.rows(state).count
        let visible = max(1, Layout.tokenTableHeight(state))
        switch key {
        case .character("i"):
            state.token.editing = true
        case .character("/"):
            state.token.searching = true
            state.token.view = .claims
        case .character("v"):
            state.token.view = state.token.view == .header ? .claims : .header
            state.token.rows = ScrollState(selected: 0, offset: 0)
        case .character("x"):
            state.token.view = state.token.view == .raw ? .claims : .raw
            state.token.rows = ScrollState(selected: 0, offset: 0)
        case .character("]"), .character("["):
            let tokens = state.token.inspected?.reports.count ?? 0
            guard tokens > 1 else { return [] }
            state.token.selectedToken = (state.token.selectedToken + (key == .character("]") ? 1 : tokens - 1)) % tokens
            state.token.rows = ScrollState(selected: 0, offset: 0)
        case .down, .character("j"): state.token.rows.move(by: 1, count: count, visible: visible)
        case .up, .character("k"): state.token.rows.move(by: -1, count: count, visible: visible)
        case .pageDown: state.token.rows.move(by: visible, count: count, visible: visible)
        case .pageUp: state.token.rows.move(by: -visible, count: count, visible: visible)
        case .home, .character("g"): state.token.rows.move(by: -count, count: count, visible: visible)
        case .end, .character("G"): state.token.rows.move(by: count, count: count, visible: visible)
        default:
            break
        }
        return []
    }
}

/// The scrolling panes (Result, Advice, Trace): line-wise and page-wise.
enum ScrollKeys {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        let pane = state.focus
        let page = max(1, Layout.paneHeight(state, pane) - 1)
        switch key {
        case .down, .character("j"): state.scroll(pane, by: 1)
        case .up, .character("k"): state.scroll(pane, by: -1)
        case .pageDown, .character(" "): state.scroll(pane, by: page)
        case .pageUp: state.scroll(pane, by: -page)
        case .home, .character("g"): state.offsets[pane] = 0
        case .end, .character("G"): state.offsets[pane] = Int.max / 2
        default: break
        }
        // Clamp against the content so End and over-scrolling stop at the last page.
        let lines = PaneContent.lines(state, pane, width: Layout.paneWidth(state, pane)).count
        state.offsets[pane] = min(state.offsets[pane] ?? 0, max(0, lines - Layout.paneHeight(state, pane)))
        return []
    }
}
