public import TerminalUI
public import TokenScopeCore

/// The explorer's behaviour: one pure function from (state, message) to (new state, effects).
/// The shell feeds it keys, pastes, resizes, ticks and effect results; it never does I/O.
public enum ExplorerApp {
    public static func update(_ state: inout AppState, _ msg: Msg, now: Int64) -> [Effect] {
        state.now = now
        switch msg {
        case let .input(event):
            return handleInput(&state, event)
        case let .resized(size):
            state.size = size
            return []
        case .tick:
            if state.isAnimating { state.tick &+= 1 }
            return []
        case let .exchangeProgress(id, line):
            state.updateRun(id) { $0.progress.append(line) }
            return []
        case let .exchangeFinished(id, outcome):
            finish(&state, runID: id, outcome: outcome)
            return []
        case let .exchangeFailedToStart(id, message):
            state.updateRun(id) { run in
                guard run.isRunning else { return }
                run.status = .failedToStart(message)
                run.finishedAt = now
            }
            state.status = StatusLine("Not sent: \(message)", kind: .error)
            return []
        case let .sandboxStarted(baseURL, form, presets):
            state.target.kind = .sandbox(baseURL: baseURL)
            state.presets = presets
            // Keep what the user already typed; an untouched form gets the sandbox's defaults.
            if state.form == ExchangeForm() || state.form[.authority].isEmpty {
                state.form = form
                Inspection.reinspect(&state, resetSelection: false)
            }
            if state.status == nil || state.status?.text.hasPrefix("Starting") == true {
                state.status = StatusLine("Embedded sandbox at \(baseURL) · paste a token, or press s for samples · ? help")
            }
            return []
        case let .sandboxFailed(message):
            state.status = StatusLine("The embedded sandbox did not start: \(message)", kind: .error)
            return []
        case let .exported(paths):
            state.status = StatusLine(exportedText(paths))
            return []
        case let .exportFailed(message):
            state.status = StatusLine("Export failed: \(message)", kind: .error)
            return []
        }
    }

    /// "Exported the redacted incident report: NAME.md + .json in DIR": short enough that the
    /// names and the directory fit the status bar.
    static func exportedText(_ paths: [String]) -> String {
        guard let first = paths.first, let slash = first.lastIndex(of: "/"), let dot = first.lastIndex(of: "."), dot > slash else {
            return "Exported the redacted incident report: \(paths.joined(separator: ", "))"
        }
        let directory = String(first[..<slash])
        let stem = String(first[..<dot])
        let extensions = paths.map { $0.hasPrefix(stem + ".") ? String($0.dropFirst(stem.count)) : $0 }
        let names = String(first[first.index(after: slash)...]) + extensions.dropFirst().map { " + " + $0 }.joined()
        return "Exported the redacted incident report: \(names) in \(directory.isEmpty ? "/" : directory)"
    }

    static func handleInput(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
        switch event {
        case let .paste(text):
            state.status = nil
            return handlePaste(&state, text)
        case let .key(key):
            // A status message stays until the next key.
            state.status = nil
            return handleKey(&state, key)
        case let .mouse(mouse):
            guard state.mouseEnabled else { return [] }
            // A click or a wheel turn is input like a key: the status message has been seen.
            state.status = nil
            return handleMouse(&state, mouse)
        }
    }

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        // No command uses Alt: an Esc typed (or scripted) just before a letter arrives as Alt+letter,
        // and meant Esc, then the letter.
        if case let .alt(character) = key {
            return handleKey(&state, .escape) + handleKey(&state, .character(character))
        }
        // Always available, even in a text field: they are not letters.
        if key == .control("c") || key == .function(10) { return quit(&state) }
        if state.size.columns < Layout.minimumSize.columns || state.size.rows < Layout.minimumSize.rows {
            // Too small to show anything but the size message (which says "press q to quit"): only
            // quitting makes sense, whatever dialog was open when the terminal shrank.
            if key == .character("q") { return quit(&state) }
            return []
        }
        switch key {
        case .function(1) where !isHelpOpen(state):
            openHelp(&state)
            return []
        case .function(5) where state.overlay == nil:
            // Not behind a dialog: it takes every key, and the run would start out of sight.
            return run(&state)
        default:
            break
        }
        if state.overlay != nil { return OverlayKeys.handle(&state, key) }
        if state.isEditingText { return TextKeys.handle(&state, key) }
        if let effects = GlobalKeys.handle(&state, key) { return effects }
        switch state.focus {
        case .token: return TokenKeys.handle(&state, key)
        case .exchange: return FormKeys.handle(&state, key)
        case .result, .advice, .trace: return ScrollKeys.handle(&state, key)
        }
    }

    static func isHelpOpen(_ state: AppState) -> Bool {
        if case .help = state.overlay { return true }
        return false
    }

    static func openHelp(_ state: inout AppState) {
        state.overlay = .help(filter: TextField(), offset: 0, filtering: false)
    }

    /// Quitting cancels a running exchange first so nothing is left in flight.
    static func quit(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if let running = state.runningRun {
            effects.append(.cancelExchange(runID: running.id))
            state.updateRun(running.id) { $0.status = .cancelled }
        }
        effects.append(.quit)
        return effects
    }
}

extension AppState {
    mutating func updateRun(_ id: Int, _ change: (inout RunRecord) -> Void) {
        guard let index = runs.firstIndex(where: { $0.id == id }) else { return }
        change(&runs[index])
    }

    mutating func scroll(_ pane: Pane, by delta: Int) {
        offsets[pane] = max(0, (offsets[pane] ?? 0) + delta)
    }
}
