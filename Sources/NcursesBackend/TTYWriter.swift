import Glibc

/// Writes control sequences straight to the terminal with write(2): they are terminal modes
/// (bracketed paste, mouse, clipboard), not screen contents, so they bypass ncurses' buffer.
enum TTYWriter {
    static func write(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return // the terminal is gone or refuses: nothing useful left to do
                }
            }
        }
    }

    static func write(_ text: String, to fd: Int32 = STDOUT_FILENO) {
        write(Array(text.utf8), to: fd)
    }
}
