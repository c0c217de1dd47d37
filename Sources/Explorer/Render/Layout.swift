public import TerminalUI
import TokenScopeCore

/// Screen geometry, shared by `render` and by `update` (which needs page sizes for scrolling).
///
/// Row 0 is the title bar, row 1 the pane tabs, the last row the status bar. Below 120 columns the
/// focused pane fills the body; from 120 columns two panes stand side by side: Token beside
/// Exchange, or Result beside Advice (or Trace) — the result next to what to do about it.
public enum Layout {
    public static let minimumSize = Size(columns: 80, rows: 24)
    public static let wideColumns = 120
    static let tabRow = 1

    static func isWide(_ size: Size) -> Bool { size.columns >= wideColumns }

    static func body(_ size: Size) -> Rect {
        Rect(x: 0, y: 2, width: size.columns, height: max(0, size.rows - 3))
    }

    /// The panes on screen and their frames (borders included).
    public static func panes(_ state: AppState) -> [(pane: Pane, frame: Rect)] {
        let body = body(state.size)
        guard isWide(state.size) else { return [(state.focus, body)] }
        let rightWidth = max(56, body.width * 45 / 100)
        let (left, right) = body.splitRight(rightWidth)
        switch state.focus {
        case .token, .exchange: return [(.token, left), (.exchange, right)]
        case .result: return [(.result, left), (state.companion, right)]
        case .advice, .trace: return [(.result, left), (state.focus, right)]
        }
    }

    static func frame(_ state: AppState, _ pane: Pane) -> Rect {
        panes(state).first { $0.pane == pane }?.frame ?? body(state.size)
    }

    /// Inside the border.
    static func content(_ state: AppState, _ pane: Pane) -> Rect { frame(state, pane).inset(by: 1) }

    static func paneHeight(_ state: AppState, _ pane: Pane) -> Int { max(1, content(state, pane).height) }
    static func paneWidth(_ state: AppState, _ pane: Pane) -> Int { max(10, content(state, pane).width) }

    // MARK: Token pane

    /// Rows above the claims table: input, summary, counts, then up to five findings.
    static func tokenHeaderRows(_ state: AppState) -> Int {
        guard let report = TokenRows.report(state) else { return 2 }
        return 3 + min(5, report.findings.count) + 1
    }

    static let detailRows = 6

    static func tokenTableHeight(_ state: AppState) -> Int {
        let inner = paneHeight(state, .token)
        return max(1, inner - tokenHeaderRows(state) - 1 - detailRows)
    }

    // MARK: Tabs

    struct Tab {
        let pane: Pane
        let columns: Range<Int>
    }

    static func tabs(_ state: AppState) -> [Tab] {
        var x = 1
        return Pane.allCases.map { pane in
            let width = TextWidth.of(tabLabel(pane, state))
            defer { x += width + 1 }
            return Tab(pane: pane, columns: x..<(x + width))
        }
    }

    static func tabLabel(_ pane: Pane, _ state: AppState) -> String {
        var label = " \(pane.rawValue) \(pane.title)"
        if pane == .result, let run = state.shownRun { label += RunText.badge(run) }
        if pane == .advice, let count = state.shownRun?.finished?.advice.count, count > 0 { label += " (\(count))" }
        return label + " "
    }
}
