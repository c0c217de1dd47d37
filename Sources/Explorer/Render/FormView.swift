import TerminalUI
import TokenScopeCore

/// The exchange pane: one row per field, choices as ◂ value ▸, secrets masked, validation below.
enum FormView {
    static let labelWidth = 15

    static func draw(_ state: AppState, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        let rows = state.form.visibleFields
        let focused = state.focus == .exchange && state.overlay == nil
        var y = rect.y
        for (index, field) in rows.enumerated() {
            guard y < rect.maxY else { return }
            let selected = focused && index == state.formSelection
            draw(field, selected: selected, state, theme, Rect(x: rect.x, y: y, width: rect.width, height: 1), &canvas)
            y += 1
        }
        y += 1
        for issue in FormValidation.issues(state) {
            guard y < rect.maxY else { return }
            let role: ThemeRole = issue.severity == .error ? .severityError : .severityWarning
            var b = LineBuilder(width: rect.width)
            b.text(issue.message, role, bullet: (issue.severity == .error ? "✖ " : "⚠ "))
            for line in b.lines {
                guard y < rect.maxY else { return }
                canvas.write(line.first?.text ?? "", x: rect.x, y: y, style: theme.style(role), maxWidth: rect.width)
                y += 1
            }
        }
    }

    static func draw(_ field: FormField, selected: Bool, _ state: AppState, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        let base = theme.style(selected ? .tableSelected : .paneText)
        if selected { canvas.fill(rect, style: base) }
        canvas.write(selected ? "›" : " ", x: rect.x, y: rect.y, style: base)
        if field == .run {
            let running = state.runningRun != nil
            canvas.write(running ? "[ running… Esc cancels ]" : "[ Run exchange  Enter / F5 ]", x: rect.x + 2, y: rect.y,
                         style: selected ? base : theme.style(.paneHeading))
            return
        }
        canvas.write(field.label, x: rect.x + 2, y: rect.y, style: selected ? base : theme.style(.paneMuted), maxWidth: labelWidth)
        let valueRect = Rect(x: rect.x + 2 + labelWidth, y: rect.y, width: max(1, rect.width - 2 - labelWidth), height: 1)
        switch field {
        case .flow:
            canvas.write("◂ \(state.form.flow.title) ▸", x: valueRect.x, y: rect.y, style: base, maxWidth: valueRect.width)
        case .credential:
            canvas.write("◂ \(state.form.credential.title) ▸", x: valueRect.x, y: rect.y, style: base, maxWidth: valueRect.width)
        default:
            let editing = state.editingField == field && state.focus == .exchange && state.overlay == nil
            var value = state.form.fields[field] ?? TextField()
            let style = editing ? theme.style(.inputFocused) : (selected ? base : theme.style(field.isMasked ? .inputMasked : .inputText))
            let revealed = state.revealedField == field
            if field.isMasked, !editing, !revealed, !value.text.isEmpty {
                // Not even the length's shape per character: a fixed mask and the count.
                canvas.write("•••••••• (\(value.text.count) chars, r reveals)", x: valueRect.x, y: rect.y, style: style, maxWidth: valueRect.width)
                return
            }
            // Fields not being edited show their beginning (the cursor sits at the end after a paste).
            if !editing { value.cursor = 0 }
            if field == .authority, !editing, let cloud = FormView.cloudName(value.text, state.target) {
                let shown = value.text + "  (" + cloud + ", ←/→)"
                canvas.write(shown, x: valueRect.x, y: rect.y, style: style, maxWidth: valueRect.width)
                return
            }
            value.render(into: &canvas, at: valueRect, style: style, focused: editing, placeholder: field.placeholder,
                         placeholderStyle: theme.style(.inputPlaceholder), reveal: revealed)
        }
    }

    /// What the authority host is, for the hint beside it.
    static func cloudName(_ host: String, _ target: Target) -> String? {
        if case let .sandbox(url) = target.kind, host == url { return "embedded sandbox" }
        guard let parts = URLParts(host) else { return nil }
        return Cloud.cloud(forHost: parts.host)?.displayName
    }
}
