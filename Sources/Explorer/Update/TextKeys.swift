public import TerminalUI

/// Keys while a text field has focus: everything printable is text. Enter and Esc leave the
/// field, Tab leaves it and moves on; nothing else acts.
enum TextKeys {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.focus {
        case .token where state.token.searching:
            searchKey(&state, key)
        case .token:
            tokenKey(&state, key)
        case .exchange:
            formKey(&state, key)
        default:
            break
        }
        return []
    }

    static func tokenKey(_ state: inout AppState, _ key: Key) {
        switch key {
        case .enter, .escape:
            state.token.editing = false
        case .tab, .backTab:
            leaveField(&state)
            GlobalKeys.focus(&state, key == .tab ? state.focus.next : state.focus.previous)
        default:
            let before = state.token.input.text
            // Cursor keys change no text: inspecting a 16 KB token again per arrow key would be waste
            // (and would send the claims table back to its first row).
            guard edit(&state.token.input, key), state.token.input.text != before else { return }
            state.token.raw = state.token.input.text
            Inspection.reinspect(&state, resetSelection: true)
        }
    }

    static func searchKey(_ state: inout AppState, _ key: Key) {
        switch key {
        case .enter:
            state.token.searching = false
        case .escape:
            state.token.searching = false
            state.token.search = TextField()
        default:
            guard edit(&state.token.search, key) else { return }
        }
        state.token.rows = ScrollState(selected: 0, offset: 0)
    }

    static func formKey(_ state: inout AppState, _ key: Key) {
        guard let field = state.editingField else { return }
        switch key {
        case .enter, .escape:
            commit(&state, field)
        case .tab, .backTab:
            leaveField(&state)
            GlobalKeys.focus(&state, key == .tab ? state.focus.next : state.focus.previous)
        default:
            var text = state.form.fields[field] ?? TextField()
            guard edit(&text, key) else { return }
            state.form.fields[field] = text
        }
    }

    static func commit(_ state: inout AppState, _ field: FormField) {
        state.editingField = nil
        if field.shapesInspection { Inspection.reinspect(&state, resetSelection: false) }
    }

    /// Whatever field has the keys gives them back, as Enter would (Tab, and a click on a tab).
    static func leaveField(_ state: inout AppState) {
        if state.focus == .token {
            state.token.editing = false
            state.token.searching = false
        }
        if state.focus == .exchange, let field = state.editingField { commit(&state, field) }
    }

    /// Applies a key to a field; false when the key means nothing to it.
    static func edit(_ field: inout TextField, _ key: Key) -> Bool {
        if case let .character(c) = key {
            field.insert(String(c))
            return true
        }
        return field.handle(key)
    }
}
