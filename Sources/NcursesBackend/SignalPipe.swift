import Glibc

// Read by the C signal handler, which can capture nothing: a plain global written once at
// install time (before the handlers exist), so reading it from the handler is safe.
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// Async-signal-safe: one write of the signal number; EAGAIN (a full pipe) loses only a duplicate.
private func signalPipeHandler(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    errno = savedErrno
}

/// Turns SIGINT/SIGTERM/SIGHUP and SIGWINCH into bytes on a pipe the run loop polls, so a signal
/// ends the app through its normal path (full terminal teardown, exit status 0) and a resize is
/// handled on the UI thread.
///
/// Call `install()` before `TerminalSession.init`: ncurses installs its own SIGINT/SIGTERM/
/// SIGWINCH handlers only where the disposition is still SIG_DFL, so ours must be there first.
public enum SignalPipe {
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let handled: [Int32] = terminating + [SIGWINCH]

    // Written only by install()/uninstall() on the UI thread.
    nonisolated(unsafe) private static var pipe: PipeFDs?
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]

    public static func install() throws {
        guard pipe == nil else { return }
        let fds = try PipeFDs()
        pipe = fds
        signalPipeWriteFD = fds.write
        for number in handled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = signalPipeHandler
            sigemptyset(&action.sa_mask)
            // SA_RESTART: ncurses' own writes should not see EINTR on every resize; poll()
            // is never restarted, and the pipe wakes it anyway.
            action.sa_flags = SA_RESTART
            var old = sigaction()
            sigaction(number, &action, &old)
            previous[number] = old
        }
        unblockSignals()
    }

    /// Restores the dispositions `install()` replaced (e.g. so Ctrl-C kills a plain CLI phase
    /// that follows the explorer).
    public static func uninstall() {
        guard let fds = pipe else { return }
        for (number, old) in previous {
            var old = old
            sigaction(number, &old, nil)
        }
        previous = [:]
        signalPipeWriteFD = -1
        fds.close()
        pipe = nil
    }

    /// A process started by some harnesses (Foundation.Process → tmux) inherits SIGWINCH,
    /// SIGTERM… blocked: resize and kill would silently do nothing.
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in handled { sigaddset(&set, number) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// The fd the loop polls; -1 (ignored by poll) when not installed.
    static var readFD: Int32 { pipe?.read ?? -1 }

    /// The signals received since the last drain, in arrival order.
    static func drain() -> [Int32] {
        guard let fds = pipe else { return [] }
        return fds.drain().map { Int32($0) }
    }
}
