import TerminalUI

/// The key reference shown by `?` / F1 — also the status bar's source of hints.
struct HelpEntry: Equatable {
    let keys: String
    let action: String
    let section: String
}

enum HelpText {
    static let all: [HelpEntry] = [
        HelpEntry(keys: "? / F1", action: "this help (/ filters it)", section: "Everywhere"),
        HelpEntry(keys: "q / F10 / Ctrl-C", action: "quit (cancels a running exchange)", section: "Everywhere"),
        HelpEntry(keys: "Tab / Shift-Tab", action: "next / previous pane", section: "Everywhere"),
        HelpEntry(keys: "1 2 3 4 5", action: "Token, Exchange, Result, Advice, Trace", section: "Everywhere"),
        HelpEntry(keys: "Enter / F5", action: "run the exchange (F5 works inside a field too)", section: "Everywhere"),
        HelpEntry(keys: "Esc", action: "leave a field, close a dialog, cancel a running exchange", section: "Everywhere"),
        HelpEntry(keys: "j k ↑ ↓ PgUp PgDn g G", action: "move and scroll", section: "Everywhere"),
        HelpEntry(keys: "c", action: "copy the redacted report of what is shown (OSC 52)", section: "Everywhere"),
        HelpEntry(keys: "e", action: "export an incident report (Markdown + JSON, redacted)", section: "Everywhere"),
        HelpEntry(keys: "t", action: "next theme", section: "Everywhere"),
        HelpEntry(keys: "h", action: "history of this session's runs", section: "Everywhere"),
        HelpEntry(keys: "f", action: "which flow do I need?", section: "Everywhere"),
        HelpEntry(keys: "s", action: "samples and failure scenarios (embedded sandbox)", section: "Everywhere"),
        HelpEntry(keys: "paste", action: "a pasted token lands in the Token pane and is inspected at once", section: "Token"),
        HelpEntry(keys: "i", action: "edit the token text (Enter or Esc to finish)", section: "Token"),
        HelpEntry(keys: "/", action: "search claims by name, value or meaning", section: "Token"),
        HelpEntry(keys: "v", action: "header view on/off", section: "Token"),
        HelpEntry(keys: "x", action: "raw JSON on/off", section: "Token"),
        HelpEntry(keys: "[ ]", action: "previous / next token of a token response", section: "Token"),
        HelpEntry(keys: "Enter", action: "edit the selected field; on a choice, next value; on Run, run", section: "Exchange"),
        HelpEntry(keys: "← → Space", action: "change flow or credential; ← → on the authority: sandbox or an Entra cloud", section: "Exchange"),
        HelpEntry(keys: "r", action: "reveal the selected masked value (hidden again when you move)", section: "Exchange"),
        HelpEntry(keys: "Delete", action: "clear the selected field", section: "Exchange"),
        HelpEntry(keys: "Ctrl-A Ctrl-E Ctrl-U Ctrl-K", action: "start / end of field, delete to start / end", section: "Fields"),
        HelpEntry(keys: "Enter", action: "re-open the selected run (history)", section: "Dialogs"),
        HelpEntry(keys: "Backspace", action: "start the flow chooser again", section: "Dialogs"),
    ]

    static func entries(filter: String) -> [HelpEntry] {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return all }
        return all.filter { "\($0.keys) \($0.action) \($0.section)".lowercased().contains(needle) }
    }

    /// `hints(state)` cut to `width` columns by dropping whole hints, least useful first (the ones
    /// just before the last two: `? help` and `q quit` always stay), never by cutting one in half.
    static func hints(_ state: AppState, width: Int) -> String {
        var items = hints(state).split(separator: " · ").map(String.init)
        func text() -> String { items.joined(separator: " · ") }
        while TextWidth.of(text()) > width, items.count > 2 { items.remove(at: items.count - 3) }
        return text()
    }

    /// The status bar's hints for the focused pane.
    static func hints(_ state: AppState) -> String {
        if case let .help(_, _, filtering) = state.overlay {
            return filtering ? "type to filter keys · Enter keep · Esc clear" : "/ filter · j/k/PgUp/PgDn scroll · Esc/q close"
        }
        if state.isEditingText {
            return state.focus == .token && state.token.searching
                ? "type to filter claims · Enter keep · Esc clear"
                : "editing · Enter/Esc done · Tab next pane · F5 run · Ctrl-C quit"
        }
        switch state.focus {
        case .token: return "i edit · / search · v header · x raw · j/k claims · Enter run · s samples · ? help · q quit"
        case .exchange: return "j/k field · Enter edit/run · ←/→ choose · r reveal · f which flow? · ? help · q quit"
        case .result, .advice, .trace:
            return state.runningRun != nil
                ? "Esc cancel · j/k scroll · h history · ? help · q quit"
                : "j/k/PgUp/PgDn scroll · h history · c copy · e export · t theme · ? help · q quit"
        }
    }
}
