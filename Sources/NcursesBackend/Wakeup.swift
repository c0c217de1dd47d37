import Glibc

/// Lets background work (effects run in `Task.detached`) wake the UI loop out of `poll`: the
/// result goes into the app's own mailbox, then `signal()` makes the loop report `.wake`.
public final class Wakeup: Sendable {
    let fds: PipeFDs

    public init() throws {
        fds = try PipeFDs()
    }

    deinit {
        fds.close()
    }

    /// Safe from any thread. A full pipe (EAGAIN) already means a wake-up is pending.
    public func signal() {
        var byte: UInt8 = 1
        while Glibc.write(fds.write, &byte, 1) < 0 && errno == EINTR {}
    }

    /// The fd the loop polls.
    var readFD: Int32 { fds.read }

    /// Empties the pipe; true when at least one signal() had happened.
    @discardableResult
    func drain() -> Bool {
        !fds.drain().isEmpty
    }
}
