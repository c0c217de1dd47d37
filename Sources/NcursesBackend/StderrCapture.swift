import Glibc

// Plain globals so the crash handler can use them; written only on the UI thread while no
// crash handler is armed, or by the crash handler itself.
nonisolated(unsafe) private var savedStderrFD: Int32 = -1
nonisolated(unsafe) private var captureFD: Int32 = -1
nonisolated(unsafe) private var replayBuffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)

/// Puts fd 2 back and copies what was written to it during the session to the real stderr.
/// Async-signal-safe (dup2, pread, write, close only), so the crash handler can call it: that is
/// how a `fatalError` message, written while the alternate screen was up, still reaches the user.
func restoreStderr() {
    guard savedStderrFD >= 0 else { return }
    let saved = savedStderrFD
    let capture = captureFD
    savedStderrFD = -1
    captureFD = -1
    _ = dup2(saved, STDERR_FILENO)
    _ = close(saved)
    if let base = replayBuffer.baseAddress {
        var offset: off_t = 0
        while true {
            let n = pread(capture, base, replayBuffer.count, offset)
            if n <= 0 { break }
            var written = 0
            while written < n {
                let w = write(STDERR_FILENO, base + written, n - written)
                if w <= 0 { break }
                written += w
            }
            offset += off_t(n)
        }
    }
    _ = close(capture)
}

/// While the screen is up, anything a library writes to stderr (a log line, a runtime warning,
/// the message of a `fatalError`) would scribble over the frame and then vanish with the
/// alternate screen. So stderr goes to an unlinked temporary file for the session and is replayed
/// when the terminal is restored. Only when stderr is the terminal: redirected stderr (a log file)
/// keeps streaming as before.
enum StderrCapture {
    static func begin() {
        guard savedStderrFD < 0, isatty(STDERR_FILENO) == 1 else { return }
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/tokenscope-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { return } // no temp space: leave stderr alone
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(file, F_SETFD, FD_CLOEXEC)
        let saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            if saved >= 0 { _ = close(saved) }
            _ = close(file)
            return
        }
        if replayBuffer.baseAddress == nil {
            replayBuffer = .allocate(byteCount: 4096, alignment: 1)
        }
        captureFD = file
        savedStderrFD = saved
    }

    static func end() {
        restoreStderr()
    }
}
