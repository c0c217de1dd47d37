import CNcursesw
import Glibc

// State for the C handler, which captures nothing. Allocated once at install and never freed:
// a crash can come at any time, including during teardown.
nonisolated(unsafe) private var crashArmed = false
nonisolated(unsafe) private var crashRestoreBytes = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
nonisolated(unsafe) private var crashPrevious = UnsafeMutablePointer<sigaction>.allocate(capacity: 6)

private func crashHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if crashArmed {
        crashArmed = false
        if let base = crashRestoreBytes.baseAddress {
            _ = write(STDOUT_FILENO, base, crashRestoreBytes.count)
        }
        // Not async-signal-safe, but the process is dying anyway; leaving the terminal in the
        // alternate screen with echo off is worse than the small risk.
        endwin()
        restoreStderr() // after endwin: the fatalError message lands on the normal screen
    }
    if let index = crashSignalIndex(signal) {
        sigaction(signal, crashPrevious + index, nil)
    }
    // A fault raised by the CPU (si_code > 0) happens again when we return, now reaching the
    // previous handler (Swift's backtracer) with the real fault address.
    let isFault = (info?.pointee.si_code ?? 0) > 0
    if isFault && signal != SIGTRAP { return } // x86 reports SIGTRAP after the int3: no repeat
    // A sent signal (kill, abort()) would not repeat: run the previous handler now…
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signal)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    raise(signal)
    // …and if it returned (the backtracer does, expecting a fault to recur; the process would
    // otherwise carry on with its terminal torn down), die of the signal for real.
    var fallback = sigaction()
    fallback.__sigaction_handler.sa_handler = SIG_DFL
    sigaction(signal, &fallback, nil)
    raise(signal)
}

/// The slot in `crashPrevious`; a switch rather than an array search so the handler touches no
/// Swift collections.
private func crashSignalIndex(_ signal: Int32) -> Int? {
    switch signal {
    case SIGSEGV: 0
    case SIGILL: 1
    case SIGTRAP: 2
    case SIGABRT: 3
    case SIGBUS: 4
    case SIGFPE: 5
    default: nil
    }
}

/// Restores the terminal when the process crashes, then hands the signal to whoever handled it
/// before (Swift's backtracer prints a readable trace on a sane terminal).
enum CrashHandler {
    /// In the order of `crashSignalIndex`.
    static let signals: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE]

    /// After the screen is set up, so the previous handlers saved are the runtime's.
    static func install() {
        if crashRestoreBytes.baseAddress == nil {
            let bytes = Array(TerminalModes.allOff.utf8)
            crashRestoreBytes = .allocate(capacity: bytes.count)
            _ = crashRestoreBytes.initialize(from: bytes)
        }
        for (index, number) in signals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crashHandler
            sigemptyset(&action.sa_mask)
            // SA_ONSTACK: a stack overflow can only be handled on the alternate stack the
            // runtime set up. SA_SIGINFO: to tell a CPU fault from a sent signal.
            action.sa_flags = SA_ONSTACK | SA_SIGINFO
            sigaction(number, &action, crashPrevious + index)
        }
        crashArmed = true
    }

    static func uninstall() {
        guard crashArmed else { return }
        crashArmed = false
        for (index, number) in signals.enumerated() {
            sigaction(number, crashPrevious + index, nil)
        }
    }
}
