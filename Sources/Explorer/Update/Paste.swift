import TerminalUI
import TokenScopeCore
/// A bracketed paste arrives whole. It goes into the focused text field; with none focused it is
/// a token (the main thing people paste), so it lands in the token pane and is inspected at once.
extension ExplorerApp {
    static func handlePaste(_ state: inout AppState, _ text: String) -> [Effect] {
        if case let .help(filter, _, _) = state.overlay {
            // Pasted into help, text can only be meant as a filter.
            var field = filter
            field.insert(singleLine(text))
            state.overlay = .help(filter: field, offset: 0, filtering: true)
            return []
        }
        if state.overlay != nil { return [] }
        if state.focus == .exchange, let field = state.editingField {
            var value = state.form.fields[field] ?? TextField()
            value.insert(singleLine(text))
            state.form.fields[field] = value
            return []
        }
        if state.focus == .token, state.token.searching {
            state.token.search.insert(singleLine(text))
            return []
        }
        // A token: replace what was there, inspect, and leave editing so j/k browse the claims.
        state.focus = .token
        state.token.raw = text
        state.token.input = TextField()
        state.token.input.insert(singleLine(text))
        state.token.editing = false
        state.token.selectedToken = 0
        Inspection.reinspect(&state, resetSelection: true)
        if let report = state.token.inspected?.reports.first {
            let errors = report.findings.filter { $0.severity == .error }.count
            state.status = StatusLine("Pasted \(text.count) characters: \(report.summary)" + (errors > 0 ? " — \(errors) error finding\(errors == 1 ? "" : "s")" : ""))
        }
        return []
    }

    /// Field text is one line: line breaks inside a pasted value become nothing (a token wrapped
    /// over lines joins back up), tabs become spaces.
    static func singleLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r", "\n": continue
            case "\t": out.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
