public import TerminalUI
public import TokenScopeCore

/// Everything that can happen to the explorer. Effects' results come back as messages.
public enum Msg: Sendable {
    case input(InputEvent)
    case resized(Size)
    /// About ten times a second while something animates.
    case tick
    /// A line the runner wants shown while it works (a device code, a sign-in URL).
    case exchangeProgress(runID: Int, line: String)
    case exchangeFinished(runID: Int, outcome: ExchangeOutcome)
    /// The runner could not build the request (a certificate file missing, a bad key password…).
    case exchangeFailedToStart(runID: Int, message: String)
    /// The embedded sandbox answers at `baseURL`; its samples and the default form come with it.
    case sandboxStarted(baseURL: String, form: ExchangeForm, presets: [Preset])
    case sandboxFailed(message: String)
    case exported(paths: [String])
    case exportFailed(message: String)
}
