import Glibc
public import TerminalUI

/// The UI loop: everything on the calling thread, asleep in poll(2) when nothing happens.
public enum RunLoop {
    /// How long a lone ESC (or an incomplete sequence) waits for the rest before it is taken as
    /// typed: terminals send a sequence in one write, a human cannot type ESC-[ in 25 ms.
    static let escapeDelay: Duration = .milliseconds(25)
    /// How long an open bracketed paste waits for more bytes before it is delivered anyway, so a
    /// lost end marker cannot swallow all further input.
    static let pasteTimeout: Duration = .milliseconds(500)

    /// Renders, then waits (poll on stdin, the wakeup pipe and the signal pipe; timeout = the next
    /// tick or the escape/paste delay, -1 otherwise so idle CPU is zero), drains everything,
    /// hands it to `handle` (return false to stop; the rest of the batch is dropped), renders
    /// once per batch. Within a batch: `.resized` first (so input is read against the new
    /// layout), then `.input`, `.wake`, `.tick`, `.terminate` last. Call `SignalPipe.install()`
    /// first, or resizes and signals go unseen. Blocks the calling thread until `handle` says stop:
    /// call it from the main thread, never from a task on the cooperative pool.
    public static func run(
        session: TerminalSession,
        wakeup: Wakeup,
        tickMilliseconds: () -> Int?,
        handle: (LoopEvent) -> Bool,
        render: (Size) -> Canvas
    ) {
        let clock = ContinuousClock()
        var decoder = InputDecoder()
        var input = TTYInput()
        var inputOpen = true
        var lastInput = clock.now
        var nextTick: ContinuousClock.Instant?

        session.draw(render(session.size))
        while true {
            if let interval = tickMilliseconds() {
                if nextTick == nil { nextTick = clock.now + .milliseconds(max(1, interval)) }
            } else {
                nextTick = nil
            }
            var deadline = nextTick
            if decoder.isInPaste {
                deadline = earliest(deadline, lastInput + pasteTimeout)
            } else if decoder.hasPendingInput {
                deadline = earliest(deadline, lastInput + escapeDelay)
            }

            var fds = [
                pollfd(fd: inputOpen ? input.fd : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeup.readFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalPipe.readFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), milliseconds(until: deadline, now: clock.now))
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                // poll itself is broken (EFAULT/EINVAL/ENOMEM): spinning would burn a core.
                _ = handle(.terminate(signal: SIGHUP))
                return
            }

            var resized = false
            var terminateSignal: Int32?
            if fds[2].revents != 0 {
                for number in SignalPipe.drain() {
                    if number == SIGWINCH {
                        resized = true
                    } else if terminateSignal == nil {
                        terminateSignal = number
                    }
                }
            }

            var inputEvents: [InputEvent] = []
            if inputOpen && fds[0].revents != 0 {
                let (bytes, ended) = input.readAvailable()
                if !bytes.isEmpty {
                    inputEvents += decoder.feed(bytes)
                    lastInput = clock.now
                }
                if ended {
                    // EOF / hang-up: stop polling fd 0 (it would be readable forever) and quit.
                    inputOpen = false
                    if terminateSignal == nil { terminateSignal = SIGHUP }
                }
            }
            let now = clock.now
            if decoder.isInPaste {
                if now - lastInput >= pasteTimeout { inputEvents += decoder.flushPaste() }
            } else if decoder.hasPendingInput, now - lastInput >= escapeDelay {
                inputEvents += decoder.flushPending()
            }

            var batch: [LoopEvent] = []
            if resized { batch.append(.resized(session.applyResize())) }
            if !inputEvents.isEmpty { batch.append(.input(inputEvents)) }
            if fds[1].revents != 0 && wakeup.drain() { batch.append(.wake) }
            if let due = nextTick, now >= due {
                batch.append(.tick)
                nextTick = nil
            }
            if let terminateSignal { batch.append(.terminate(signal: terminateSignal)) }

            guard !batch.isEmpty else { continue }
            for event in batch where !handle(event) { return }
            session.draw(render(session.size))
        }
    }

    private static func earliest(_ a: ContinuousClock.Instant?, _ b: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let a else { return b }
        return min(a, b)
    }

    /// poll's timeout: -1 without a deadline, otherwise the whole milliseconds left, rounded up
    /// so the loop never wakes a hair early and spins once more.
    static func milliseconds(until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Int32 {
        guard let deadline else { return -1 }
        let left = now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}
