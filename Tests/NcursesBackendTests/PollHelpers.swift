import Glibc

/// Whether `fd` becomes readable within `milliseconds`.
func isReadable(_ fd: Int32, within milliseconds: Int32 = 0) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while true {
        let result = poll(&entry, 1, milliseconds)
        if result < 0 && errno == EINTR { continue }
        return result > 0 && entry.revents & Int16(POLLIN) != 0
    }
}
