public import TerminalUI
import TokenScopeCore

extension ExplorerApp {
    /// The whole screen for a state: pure, so snapshot tests see exactly what users see.
    public static func render(_ state: AppState) -> Canvas {
        let theme = state.theme
        var canvas = Canvas(size: state.size, style: theme.style(.paneText))
        if state.size.columns < Layout.minimumSize.columns || state.size.rows < Layout.minimumSize.rows {
            tooSmall(state, theme, &canvas)
            return canvas
        }
        Chrome.titleBar(state, theme, &canvas)
        Chrome.tabBar(state, theme, &canvas)
        for (pane, frame) in Layout.panes(state) {
            Chrome.frame(pane, frame, focused: pane == state.focus && state.overlay == nil, state, theme, &canvas)
            let inner = frame.inset(by: 1)
            switch pane {
            case .token: TokenView.draw(state, theme, inner, &canvas)
            case .exchange: FormView.draw(state, theme, inner, &canvas)
            case .result, .advice, .trace: ScrollView.draw(state, pane, theme, inner, &canvas)
            }
        }
        Chrome.statusBar(state, theme, &canvas)
        if state.overlay != nil { OverlayView.draw(state, theme, &canvas) }
        return canvas
    }

    static func tooSmall(_ state: AppState, _ theme: Theme, _ canvas: inout Canvas) {
        let lines = ["TokenScope needs at least \(Layout.minimumSize.columns)×\(Layout.minimumSize.rows)",
                     "this terminal is \(state.size.columns)×\(state.size.rows)", "enlarge it, or press q to quit"]
        for (i, line) in lines.enumerated() {
            let y = max(0, state.size.rows / 2 - 1 + i)
            let x = max(0, (state.size.columns - TextWidth.of(line)) / 2)
            canvas.write(line, x: x, y: y, style: theme.style(i == 0 ? .severityWarning : .paneText))
        }
    }
}

/// Title bar, tabs, frames and status bar.
enum Chrome {
    static func titleBar(_ state: AppState, _ theme: Theme, _ canvas: inout Canvas) {
        let width = state.size.columns
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: theme.style(.titleBar))
        var x = canvas.write(" TokenScope ", x: 0, y: 0, style: theme.style(.titleBar).with(attributes: .bold))
        let target = state.exchangeTarget
        let targetRole: ThemeRole = target.isSandbox ? .titleSandbox : .titleProduction
        x += canvas.write(" \(target.label) ", x: x, y: 0, style: theme.style(targetRole))
        if let tenant = target.tenantLabel { x += canvas.write(" tenant \(tenant) ", x: x, y: 0, style: theme.style(.titleBar)) }
        let right = " theme \(state.themes[state.themeIndex].name) · ? help "
        let rightWidth = TextWidth.of(right)
        if x + rightWidth < width { canvas.write(right, x: width - rightWidth, y: 0, style: theme.style(.titleBar)) }
    }

    static func tabBar(_ state: AppState, _ theme: Theme, _ canvas: inout Canvas) {
        for tab in Layout.tabs(state) {
            let role: ThemeRole = tab.pane == state.focus ? .tableSelected : .paneMuted
            canvas.write(Layout.tabLabel(tab.pane, state), x: tab.columns.lowerBound, y: Layout.tabRow, style: theme.style(role))
        }
        if !state.presets.isEmpty {
            let hint = "s samples · f which flow? · h history "
            let x = state.size.columns - TextWidth.of(hint)
            if let last = Layout.tabs(state).last, x > last.columns.upperBound + 1 {
                canvas.write(hint, x: x, y: Layout.tabRow, style: theme.style(.paneMuted))
            }
        }
    }

    static func frame(_ pane: Pane, _ rect: Rect, focused: Bool, _ state: AppState, _ theme: Theme, _ canvas: inout Canvas) {
        let title = "\(pane.rawValue) \(pane.title)" + (pane == .token ? tokenTitleSuffix(state) : "")
        canvas.box(rect, style: theme.style(focused ? .frameBorderFocused : .frameBorder), title: title,
                   titleStyle: theme.style(focused ? .frameTitleFocused : .frameTitle))
    }

    static func tokenTitleSuffix(_ state: AppState) -> String {
        guard let count = state.token.inspected?.reports.count, count > 1 else { return "" }
        let field = TokenRows.report(state).map { $0.source.description } ?? ""
        return " · \(state.token.selectedToken + 1) of \(count) (\(field)) [ ] switch"
    }

    static func statusBar(_ state: AppState, _ theme: Theme, _ canvas: inout Canvas) {
        let y = state.size.rows - 1
        canvas.fill(Rect(x: 0, y: y, width: state.size.columns, height: 1), style: theme.style(.statusBar))
        // A message wider than the screen ends in "…", so a cut is never mistaken for the whole.
        if let status = state.status {
            canvas.write(TextWidth.truncate(" " + status.text, to: state.size.columns), x: 0, y: y,
                         style: theme.style(status.kind == .error ? .statusError : .statusMessage), maxWidth: state.size.columns)
        } else {
            canvas.write(TextWidth.truncate(" " + HelpText.hints(state, width: state.size.columns - 1), to: state.size.columns), x: 0, y: y,
                         style: theme.style(.statusKey), maxWidth: state.size.columns)
        }
    }
}

/// Result, Advice and Trace: wrapped lines from `PaneContent`, scrolled.
enum ScrollView {
    static func draw(_ state: AppState, _ pane: Pane, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        let lines = PaneContent.lines(state, pane, width: rect.width)
        let offset = min(state.offsets[pane] ?? 0, max(0, lines.count - rect.height))
        for row in 0..<rect.height {
            let index = offset + row
            guard lines.indices.contains(index) else { break }
            var x = rect.x
            for span in lines[index] {
                let left = rect.maxX - x
                guard left > 0 else { break }
                x += canvas.write(span.text, x: x, y: rect.y + row, style: theme.style(span.role), maxWidth: left)
            }
        }
        if lines.count > rect.height {
            let marker = " \(offset + 1)–\(min(lines.count, offset + rect.height))/\(lines.count) "
            canvas.write(marker, x: rect.maxX - TextWidth.of(marker), y: rect.maxY, style: theme.style(.frameTitle))
        }
    }
}
