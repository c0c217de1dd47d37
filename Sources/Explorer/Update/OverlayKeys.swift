public import TerminalUI
import TokenScopeCore

/// Keys while a dialog is open: it takes them all; Esc closes it.
enum OverlayKeys {
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case let .help(filter, offset, filtering):
            help(&state, key, filter, offset, filtering: filtering)
        case let .history(selected):
            history(&state, key, selected)
        case let .presets(selected):
            presets(&state, key, selected)
        case let .flowChooser(chooser):
            flowChooser(&state, key, chooser)
        }
        return []
    }

    /// Like a pager: `/` starts a filter (Enter keeps it, Esc clears it), arrows and j/k scroll,
    /// Esc, q, ? or F1 close. While the filter has the keys, letters only type.
    static func help(_ state: inout AppState, _ key: Key, _ filter: TextField, _ offset: Int, filtering: Bool) {
        var filter = filter
        var offset = offset
        var filtering = filtering
        switch (filtering, key) {
        case (_, .function(1)), (false, .escape), (false, .enter), (false, .character("q")), (false, .character("?")):
            state.overlay = nil
            return
        case (true, .escape):
            filtering = false
            filter = TextField()
            offset = 0
        case (true, .enter):
            filtering = false
        case (false, .character("/")):
            filtering = true
        case (_, .down), (false, .character("j")): offset += 1
        case (_, .up), (false, .character("k")): offset = max(0, offset - 1)
        case (_, .pageDown), (false, .character(" ")): offset += 10
        case (_, .pageUp): offset = max(0, offset - 10)
        case (false, .home), (false, .character("g")): offset = 0
        case (false, .end), (false, .character("G")): offset = Int.max / 2
        case (true, _):
            if TextKeys.edit(&filter, key) { offset = 0 }
        default:
            break
        }
        // One line per entry plus a heading per section: the last line is the furthest one can scroll.
        let entries = HelpText.entries(filter: filter.text)
        let lines = entries.count + Set(entries.map(\.section)).count
        state.overlay = .help(filter: filter, offset: min(offset, max(0, lines - 1)), filtering: filtering)
    }

    static func history(_ state: inout AppState, _ key: Key, _ selected: Int) {
        let count = state.runs.count
        switch key {
        case .escape, .character("q"), .character("h"):
            state.overlay = nil
        case .down, .character("j"):
            state.overlay = .history(selected: min(count - 1, selected + 1))
        case .up, .character("k"):
            state.overlay = .history(selected: max(0, selected - 1))
        case .enter:
            guard state.runs.indices.contains(selected) else { return }
            state.shownRunID = state.runs[selected].id
            state.offsets[.result] = 0
            state.offsets[.advice] = 0
            state.offsets[.trace] = 0
            state.overlay = nil
            GlobalKeys.focus(&state, .result)
        default:
            break
        }
    }

    static func presets(_ state: inout AppState, _ key: Key, _ selected: Int) {
        let count = state.presets.count
        switch key {
        case .escape, .character("q"), .character("s"):
            state.overlay = nil
        case .down, .character("j"):
            state.overlay = .presets(selected: min(count - 1, selected + 1))
        case .up, .character("k"):
            state.overlay = .presets(selected: max(0, selected - 1))
        case .enter:
            guard state.presets.indices.contains(selected) else { return }
            apply(&state, state.presets[selected])
        default:
            break
        }
    }

    /// Loads a sample: the form, then the token (inspected under the new form's context).
    static func apply(_ state: inout AppState, _ preset: Preset) {
        state.overlay = nil
        state.form = preset.form
        state.formSelection = 0
        state.editingField = nil
        state.revealedField = nil
        if let token = preset.token {
            state.token.raw = token
            state.token.input = TextField()
            state.token.input.insert(token)
            state.token.editing = false
            state.token.selectedToken = 0
        }
        Inspection.reinspect(&state, resetSelection: true)
        GlobalKeys.focus(&state, preset.token == nil ? .exchange : .token)
        // On the form, Enter acts on the selected row: select Run so that Enter runs, as the status says.
        if preset.token == nil { state.formSelection = state.form.visibleFields.firstIndex(of: .run) ?? 0 }
        state.status = StatusLine("Loaded “\(preset.title)”: Enter runs it")
    }

    static func flowChooser(_ state: inout AppState, _ key: Key, _ chooser: FlowChooserState) {
        var chooser = chooser
        switch (chooser.step, key) {
        case (_, .escape), (_, .character("q")):
            state.overlay = nil
            return
        case (_, .backspace):
            chooser = FlowChooserState()
        case let (.question(question), .down), let (.question(question), .character("j")):
            chooser.selected = min(question.choices.count - 1, chooser.selected + 1)
        case (.question, .up), (.question, .character("k")):
            chooser.selected = max(0, chooser.selected - 1)
        case let (.question(question), .enter):
            let choice = question.choices[min(chooser.selected, question.choices.count - 1)]
            if let answers = try? FlowChooser.answer(question.id, with: choice.id, to: chooser.answers) {
                chooser.answers = answers
                chooser.selected = 0
            }
        case let (.recommendation(recommendation), .enter):
            state.overlay = nil
            if let flow = FlowChoice(recommendation.flow) {
                state.form.flow = flow
                if !state.form.credentialChoices.contains(state.form.credential) { state.form.credential = .secret }
                Inspection.reinspect(&state, resetSelection: false)
                GlobalKeys.focus(&state, .exchange)
                state.status = StatusLine("Flow set to \(flow.title)")
            } else {
                state.status = StatusLine("\(recommendation.title): not a flow TokenScope runs; see the steps shown")
            }
            return
        default:
            break
        }
        state.overlay = .flowChooser(chooser)
    }
}

extension FlowChoice {
    init?(_ recommended: FlowRecommendation.Flow) {
        switch recommended {
        case .onBehalfOf, .longRunningOnBehalfOf: self = .onBehalfOf
        case .clientCredentials: self = .clientCredentials
        case .authCode, .authCodePKCE: self = .authCode
        case .deviceCode: self = .deviceCode
        }
    }
}
