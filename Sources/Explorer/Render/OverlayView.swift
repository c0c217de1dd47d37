import TerminalUI
import TokenScopeCore

/// Dialogs drawn over the panes: help, history, samples, the flow chooser.
enum OverlayView {
    static func draw(_ state: AppState, _ theme: Theme, _ canvas: inout Canvas) {
        guard let overlay = state.overlay else { return }
        let width = min(state.size.columns - 4, 100)
        let height = min(state.size.rows - 4, 30)
        let rect = Rect(size: state.size).centered(width: width, height: height)
        canvas.fill(rect, style: theme.style(.dialogText))
        let title: String
        var b = LineBuilder(width: rect.width - 4)
        var offset = 0
        switch overlay {
        case let .help(filter, top, filtering):
            title = filtering ? "Help — type to filter · Enter keeps · Esc clears" : "Help — / filters · j/k scroll · Esc closes"
            help(filter, filtering: filtering, theme, rect, &canvas)
            offset = top
            var section = ""
            for entry in HelpText.entries(filter: filter.text) {
                if entry.section != section {
                    section = entry.section
                    b.text(section, .dialogTitle)
                }
                b.spans([Span("  " + entry.keys.padded(to: 26), .dialogKey), Span(entry.action, .dialogText)])
            }
        case let .history(selected):
            title = "History of this session — Enter re-opens · Esc closes"
            for (index, run) in state.runs.enumerated() {
                let marker = index == selected ? "› " : "  "
                let line = "\(marker)\(run.id). \(run.job.flow.title) · client \(run.job.clientId.prefix(8))… · \(RunText.status(run))"
                b.spans([Span(line, index == selected ? .selectionText : .dialogText)])
            }
            offset = max(0, selected - (rect.height - 4))
        case let .presets(selected):
            title = "Samples (embedded sandbox) — Enter loads · Esc closes"
            for (index, preset) in state.presets.enumerated() {
                b.spans([Span((index == selected ? "› " : "  ") + preset.title, index == selected ? .selectionText : .dialogText)])
                if index == selected { b.text(preset.summary, .dialogText, indent: 4) }
            }
            offset = max(0, selected - (rect.height - 6))
        case let .flowChooser(chooser):
            title = "Which flow do I need? — Enter answers · Backspace restarts · Esc closes"
            flow(chooser, &b)
        }
        canvas.box(rect, style: theme.style(.dialogFrame), title: title, titleStyle: theme.style(.dialogTitle))
        let top = overlay.hasFilterRow ? 2 : 1
        let visible = rect.height - top - 1
        for (row, line) in b.lines.dropFirst(min(offset, max(0, b.lines.count - 1))).prefix(visible).enumerated() {
            var x = rect.x + 2
            for span in line { x += canvas.write(span.text, x: x, y: rect.y + top + row, style: theme.style(span.role), maxWidth: rect.maxX - 2 - x) }
        }
    }

    static func help(_ filter: TextField, filtering: Bool, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        canvas.write("/ ", x: rect.x + 2, y: rect.y + 1, style: theme.style(.dialogKey))
        filter.render(into: &canvas, at: Rect(x: rect.x + 4, y: rect.y + 1, width: rect.width - 6, height: 1),
                      style: theme.style(filtering ? .inputFocused : .inputText), focused: filtering,
                      placeholder: "press / to filter keys and actions", placeholderStyle: theme.style(.inputPlaceholder), reveal: true)
    }

    static func flow(_ chooser: FlowChooserState, _ b: inout LineBuilder) {
        switch chooser.step {
        case let .question(question):
            b.text(question.text, .dialogTitle)
            b.text(question.help, .dialogText)
            b.blank()
            for (index, choice) in question.choices.enumerated() {
                b.spans([Span((index == chooser.selected ? "› " : "  ") + choice.label, index == chooser.selected ? .selectionText : .dialogText)])
            }
        case let .recommendation(r):
            b.text(r.title, .dialogTitle)
            b.text(r.summary, .dialogText)
            b.blank()
            b.text("Credential: " + r.credential, .dialogText)
            for (i, step) in r.steps.enumerated() { b.text(step, .dialogText, bullet: "\(i + 1). ") }
            for line in r.avoid { b.text(line, .dialogText, bullet: "✖ ") }
            b.text("MSAL.NET: " + r.msalNet, .dialogText)
            b.blank()
            b.text(FlowChoice(r.flow) != nil ? "Enter sets this flow in the Exchange pane." : "Esc closes.", .dialogKey)
        }
    }
}

extension Overlay {
    var hasFilterRow: Bool {
        if case .help = self { return true }
        return false
    }
}
