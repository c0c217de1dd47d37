import Dispatch
import Foundation
import Synchronization

/// Waits for SIGINT or SIGTERM without a C signal handler: the signals are ignored at the process
/// level and delivered to a dispatch source, so `serve` can stop the server gracefully and remove
/// `server.json` instead of dying mid-request.
final class SignalWaiter: Sendable {
    private struct State {
        var waiting: CheckedContinuation<Int32, Never>?
        var received: Int32?
    }
    // One lock for both, so a signal cannot slip between "none yet" and "waiting".
    private let state = Mutex(State())
    // The sources must stay alive as long as we listen; they are only touched here and on `queue`.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "tokenscope.sandbox.signals")

    init(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
            sources.append(source)
        }
    }

    private func deliver(_ number: Int32) {
        let waiting = state.withLock { s -> CheckedContinuation<Int32, Never>? in
            if s.received == nil { s.received = number }
            defer { s.waiting = nil }
            return s.waiting
        }
        waiting?.resume(returning: number)
    }

    /// The first signal received (at once if one already arrived).
    func next() async -> Int32 {
        await withCheckedContinuation { c in
            let already = state.withLock { s -> Int32? in
                if s.received == nil { s.waiting = c }
                return s.received
            }
            if let already { c.resume(returning: already) }
        }
    }
}

/// Runs `action` on the first SIGINT (Ctrl-C) until stopped, then restores the default handling:
/// a long poll (device code) stops cleanly and prints what it has instead of dying.
final class InterruptWatcher: Sendable {
    private nonisolated(unsafe) var source: (any DispatchSourceSignal)?
    private let queue = DispatchQueue(label: "tokenscope.interrupt")

    init(_ action: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: queue)
        source.setEventHandler(handler: action)
        source.resume()
        self.source = source
    }

    func stop() {
        source?.cancel()
        source = nil
        signal(SIGINT, SIG_DFL)
    }
}
