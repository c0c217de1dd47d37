import Glibc

/// Reads the raw bytes the terminal sent, without ever blocking and without O_NONBLOCK on
/// stdin (that flag lives on the shared tty description and would leak to the shell after exit):
/// each read(2) is guarded by poll(2).
struct TTYInput {
    let fd: Int32
    /// Keeps one batch bounded so a flood of input cannot starve rendering and signals.
    var maxBatch = 1 << 20
    private var buffer: [UInt8]

    init(fd: Int32 = STDIN_FILENO, chunkSize: Int = 64 * 1024) {
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Everything available now. Call only after poll reported the fd readable (or hung up).
    /// `endOfInput` is set on EOF, hang-up or a read error: the terminal is gone.
    mutating func readAvailable() -> (bytes: [UInt8], endOfInput: Bool) {
        var bytes: [UInt8] = []
        while bytes.count < maxBatch {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes += buffer[0..<n]
            } else if n == 0 {
                return (bytes, true)
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else {
                return (bytes, true)
            }
            guard Self.isReadable(fd) else { break }
        }
        return (bytes, false)
    }

    static func isReadable(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, 0)
            if result < 0 && errno == EINTR { continue }
            return result > 0 && entry.revents != 0
        }
    }
}
