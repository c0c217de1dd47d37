public import TerminalUI
import TokenScopeCore

/// Everything the explorer shows, as one value. `update` is the only thing that changes it and
/// `render` the only thing that reads it for the screen.
public struct AppState: Equatable, Sendable {
    public var size: Size
    public var focus: Pane = .token
    /// Which of Advice and Trace shows beside Result in the wide layout.
    public var companion: Pane = .advice
    public var overlay: Overlay?
    public var target: Target
    public var themes: [Theme]
    public var themeIndex = 0
    public var colorDepth: ColorDepth
    public var token = TokenPaneState()
    public var form: ExchangeForm
    public var formSelection = 0
    public var editingField: FormField?
    /// The masked field shown in clear while it stays selected (`r`).
    public var revealedField: FormField?
    public var runs: [RunRecord] = []
    /// The run the Result, Advice and Trace panes show.
    public var shownRunID: Int?
    public var nextRunID = 1
    /// Line offsets of the scrolling panes.
    public var offsets: [Pane: Int] = [:]
    public var presets: [Preset]
    public var status: StatusLine?
    public var mouseEnabled: Bool
    /// Bumped on every tick while something animates (the spinner).
    public var tick = 0
    /// Milliseconds since 1970, as of the last message (the shell's clock; tests set it).
    public var now: Int64 = 0
    /// Bumped whenever the inspection context changes, so a re-inspection is a new value.
    var inspectionGeneration = 0

    public init(size: Size, target: Target, themes: [Theme] = [Theme.fallback], themeIndex: Int = 0, colorDepth: ColorDepth = .full,
                form: ExchangeForm = ExchangeForm(), presets: [Preset] = [], mouseEnabled: Bool = false) {
        self.size = size
        self.target = target
        self.themes = themes.isEmpty ? [Theme.fallback] : themes
        self.themeIndex = min(max(0, themeIndex), self.themes.count - 1)
        self.colorDepth = colorDepth
        self.form = form
        self.presets = presets
        self.mouseEnabled = mouseEnabled
    }

    public var theme: Theme { themes[themeIndex].adapted(to: colorDepth) }

    public var runningRun: RunRecord? { runs.last { $0.isRunning } }

    public var shownRun: RunRecord? {
        guard let id = shownRunID else { return nil }
        return runs.first { $0.id == id }
    }

    /// True while typed letters must go into a text field rather than act as commands.
    public var isEditingText: Bool {
        if case .help(_, _, true) = overlay { return true }
        if overlay != nil { return false }
        switch focus {
        case .token: return token.editing || token.searching
        case .exchange: return editingField != nil
        default: return false
        }
    }

    /// Whether the shell should send ticks (a spinner is turning).
    public var isAnimating: Bool { runningRun != nil }
}
