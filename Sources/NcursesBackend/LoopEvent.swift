public import TerminalUI

/// What the run loop reports to the app, one batch per wake-up.
public enum LoopEvent: Hashable, Sendable {
    /// Every input event decoded from the bytes available at once (a non-bracketed paste of
    /// 3,000 characters is one batch, so the app renders once).
    case input([InputEvent])
    /// The terminal's new size; ncurses has already been resized.
    case resized(Size)
    /// `Wakeup.signal()` was called at least once since the last batch.
    case wake
    /// The interval returned by `tickMilliseconds` elapsed.
    case tick
    /// SIGINT, SIGTERM or SIGHUP arrived, or the terminal went away (reported as SIGHUP). The app
    /// should quit through its normal path so `TerminalSession.end()` restores the terminal.
    case terminate(signal: Int32)
}
