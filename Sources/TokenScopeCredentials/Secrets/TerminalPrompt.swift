#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A line read from the controlling terminal with echo turned off. The terminal is put back on
/// every path: normal return, read error, and Ctrl-C (a SIGINT handler restores it, then lets the
/// default action end the process as it would have).
enum TerminalPrompt {
    struct NoTerminal: Error {}

    /// The entered line without its line break; nil on end of input with nothing typed.
    static func readHidden(_ label: String) throws(NoTerminal) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw NoTerminal() }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { throw NoTerminal() }

        writeText(fd, label + ": ")
        var hidden = original
        hidden.c_lflag &= ~tcflag_t(ECHO)
        hidden.c_lflag |= tcflag_t(ECHONL)
        InterruptRestore.install(fd: fd, original: original)
        _ = tcsetattr(fd, TCSAFLUSH, &hidden)
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &original)
            InterruptRestore.uninstall()
        }
        return readLine(fd)
    }

    private static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 65_536 {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 0x0A { break }
            bytes.append(byte)
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeText(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}

/// The SIGINT handler's state. A signal handler cannot capture context, so the terminal to
/// restore lives in globals set just before echo is turned off.
private enum InterruptRestore {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var original = termios()
    nonisolated(unsafe) static var previous = sigaction()

    static func install(fd: Int32, original: termios) {
        Self.fd = fd
        Self.original = original
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = handler
        #else
        action.__sigaction_handler.sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, &previous)
    }

    static func uninstall() {
        sigaction(SIGINT, &previous, nil)
        fd = -1
    }

    /// Only async-signal-safe calls: restore the terminal, then die of SIGINT with the default
    /// action, as Ctrl-C at any password prompt does (even when the program otherwise ignores
    /// SIGINT to handle it on a dispatch source, which a blocking read would never reach).
    private static let handler: @convention(c) (Int32) -> Void = { number in
        if InterruptRestore.fd >= 0 { _ = tcsetattr(InterruptRestore.fd, TCSAFLUSH, &InterruptRestore.original) }
        _ = signal(number, SIG_DFL)
        _ = raise(number)
    }
}
