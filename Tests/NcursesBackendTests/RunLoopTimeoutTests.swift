@testable import NcursesBackend
import Testing

@Suite("RunLoop timeouts")
struct RunLoopTimeoutTests {
    let now = ContinuousClock.now

    @Test("no deadline: wait forever (zero CPU when idle)")
    func idle() {
        #expect(RunLoop.milliseconds(until: nil, now: now) == -1)
    }

    @Test("a deadline rounds up to whole milliseconds and never goes negative")
    func rounding() {
        #expect(RunLoop.milliseconds(until: now + .milliseconds(25), now: now) == 25)
        #expect(RunLoop.milliseconds(until: now + .microseconds(24_100), now: now) == 25)
        #expect(RunLoop.milliseconds(until: now + .nanoseconds(1), now: now) == 1)
        #expect(RunLoop.milliseconds(until: now - .milliseconds(5), now: now) == 0)
        #expect(RunLoop.milliseconds(until: now, now: now) == 0)
    }

    @Test("escape and paste delays")
    func delays() {
        #expect(RunLoop.escapeDelay == .milliseconds(25))
        #expect(RunLoop.pasteTimeout == .milliseconds(500))
    }
}
