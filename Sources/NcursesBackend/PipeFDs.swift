import Glibc

/// A pipe whose ends are non-blocking and close-on-exec: writers (a signal handler, another
/// thread) must never block, and the reader drains until EAGAIN.
struct PipeFDs: Sendable {
    let read: Int32
    let write: Int32

    init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw TerminalError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        }
        read = fds[0]
        write = fds[1]
    }

    /// Reads everything currently in the pipe.
    func drain() -> [UInt8] {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = Glibc.read(read, &buffer, buffer.count)
            if n > 0 {
                collected += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return collected // EAGAIN (empty) or closed
            }
        }
    }

    func close() {
        _ = Glibc.close(read)
        _ = Glibc.close(write)
    }
}
