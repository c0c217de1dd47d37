public import TerminalUI
import TokenScopeCore

/// The exchange form without a focused field: move between rows, cycle choices, start editing.
enum FormKeys {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        let rows = state.form.visibleFields
        state.formSelection = min(state.formSelection, rows.count - 1)
        let field = rows[state.formSelection]
        switch key {
        case .down, .character("j"):
            select(&state, min(rows.count - 1, state.formSelection + 1))
        case .up, .character("k"):
            select(&state, max(0, state.formSelection - 1))
        case .home, .character("g"):
            select(&state, 0)
        case .end, .character("G"):
            select(&state, rows.count - 1)
        case .enter:
            if field == .run { return ExplorerApp.run(&state) }
            if field.isChoice {
                cycle(&state, field, by: 1)
            } else {
                state.editingField = field
            }
        case .right where field.isChoice, .character(" ") where field.isChoice:
            cycle(&state, field, by: 1)
        case .left where field.isChoice:
            cycle(&state, field, by: -1)
        case .right where field == .authority, .left where field == .authority:
            cycleHost(&state, by: key == .right ? 1 : -1)
        case .character("r") where field.isMasked:
            state.revealedField = state.revealedField == field ? nil : field
        case .delete where field.isText, .backspace where field.isText:
            state.form[field] = ""
            if field.shapesInspection { Inspection.reinspect(&state, resetSelection: false) }
        default:
            break
        }
        return []
    }

    static func select(_ state: inout AppState, _ row: Int) {
        state.formSelection = row
        // Revealing lasts only while the field stays selected.
        state.revealedField = nil
    }

    /// ←/→ on the authority row: the embedded sandbox, then each Entra cloud's login host.
    static func cycleHost(_ state: inout AppState, by step: Int) {
        var hosts: [String] = []
        if case let .sandbox(url) = state.target.kind { hosts.append(url) }
        hosts += Cloud.allCases.map { "https://" + $0.loginHost }
        let current = hosts.firstIndex(of: state.form.value(.authority)) ?? (step > 0 ? -1 : 0)
        state.form[.authority] = hosts[(current + step + hosts.count) % hosts.count]
        Inspection.reinspect(&state, resetSelection: false)
    }

    static func cycle(_ state: inout AppState, _ field: FormField, by step: Int) {
        let selected = state.form.visibleFields[state.formSelection]
        switch field {
        case .flow:
            let all = FlowChoice.allCases
            let index = all.firstIndex(of: state.form.flow)!
            state.form.flow = all[(index + step + all.count) % all.count]
            if !state.form.credentialChoices.contains(state.form.credential) { state.form.credential = .secret }
            Inspection.reinspect(&state, resetSelection: false)
        case .credential:
            let all = state.form.credentialChoices
            let index = all.firstIndex(of: state.form.credential) ?? 0
            state.form.credential = all[(index + step + all.count) % all.count]
        default:
            return
        }
        // Rows come and go with the flow and credential: keep the same row selected.
        state.formSelection = state.form.visibleFields.firstIndex(of: selected) ?? 0
    }
}
