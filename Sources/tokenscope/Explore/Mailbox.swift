import Explorer
import NcursesBackend
import Synchronization

/// Where background work leaves messages for the UI loop, which it wakes through the self-pipe.
/// Background tasks never touch curses or the state: they only post here.
final class Mailbox: Sendable {
    private let queue = Mutex<[Msg]>([])
    private let wakeup: Wakeup

    init(wakeup: Wakeup) { self.wakeup = wakeup }

    func post(_ msg: Msg) {
        queue.withLock { $0.append(msg) }
        wakeup.signal()
    }

    func drain() -> [Msg] {
        queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}
