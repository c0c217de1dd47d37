public import TerminalUI
import TokenScopeCore

/// Keys that act in every pane when no text field has focus.
enum GlobalKeys {
    /// nil when the key is the focused pane's to handle.
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        switch key {
        case .character("q"):
            return ExplorerApp.quit(&state)
        case .character("?"):
            ExplorerApp.openHelp(&state)
            return []
        case .tab:
            focus(&state, state.focus.next)
            return []
        case .backTab:
            focus(&state, state.focus.previous)
            return []
        case let .character(c) where ("1"..."5").contains(c):
            focus(&state, Pane(rawValue: Int(String(c))!)!)
            return []
        case .character("c"):
            return copy(&state)
        case .character("e"):
            return export(&state)
        case .character("t"):
            state.themeIndex = (state.themeIndex + 1) % state.themes.count
            state.status = StatusLine("Theme: \(state.themes[state.themeIndex].name)")
            return []
        case .character("h"):
            guard !state.runs.isEmpty else {
                state.status = StatusLine("No runs yet in this session: press Enter (or F5) to run the exchange")
                return []
            }
            let shown = state.runs.firstIndex { $0.id == state.shownRunID } ?? state.runs.count - 1
            state.overlay = .history(selected: shown)
            return []
        case .character("f"):
            state.overlay = .flowChooser(FlowChooserState())
            return []
        case .character("s"):
            guard !state.presets.isEmpty else {
                state.status = StatusLine("No samples: they come with the embedded sandbox (run tokenscope without --profile/--tenant)")
                return []
            }
            state.overlay = .presets(selected: 0)
            return []
        case .escape:
            if let running = state.runningRun { return RunControl.cancel(&state, running.id) }
            return []
        case .enter where state.focus != .exchange:
            return ExplorerApp.run(&state)
        default:
            return nil
        }
    }

    static func focus(_ state: inout AppState, _ pane: Pane) {
        state.focus = pane
        if pane == .advice || pane == .trace { state.companion = pane }
        state.revealedField = nil
    }

    static func copy(_ state: inout AppState) -> [Effect] {
        let text = Reports.copyText(state)
        guard !text.isEmpty else {
            state.status = StatusLine("Nothing to copy yet: paste a token or run an exchange")
            return []
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        state.status = StatusLine("Copied the redacted \(Reports.copySubject(state)) (\(lines) lines) to the clipboard (OSC 52)")
        return [.copyToClipboard(text)]
    }

    static func export(_ state: inout AppState) -> [Effect] {
        guard state.token.inspected != nil || state.shownRun != nil else {
            state.status = StatusLine("Nothing to export yet: paste a token or run an exchange")
            return []
        }
        state.status = StatusLine("Exporting the redacted incident report…")
        return [.exportReport(IncidentReport.make(state))]
    }
}
