import Foundation
@testable import NcursesBackend
import Testing

@Suite("Wakeup")
struct WakeupTests {
    @Test("signal makes the pipe readable; drain empties it")
    func signalThenDrain() throws {
        let wakeup = try Wakeup()
        #expect(!isReadable(wakeup.readFD))
        wakeup.signal()
        wakeup.signal()
        #expect(isReadable(wakeup.readFD))
        #expect(wakeup.drain())
        #expect(!isReadable(wakeup.readFD))
        #expect(!wakeup.drain())
    }

    @Test("signal never blocks, even with the pipe full")
    func fullPipe() throws {
        let wakeup = try Wakeup()
        for _ in 0..<200_000 { wakeup.signal() } // far beyond the 64 KiB pipe buffer
        #expect(wakeup.drain())
        #expect(!isReadable(wakeup.readFD))
    }

    /// The signalling side is a plain thread, not a task: this test blocks its own thread in
    /// poll(2), and under a full parallel test run the cooperative pool (one thread per core) may
    /// have no thread left to run a task on — which is exactly why the explorer's loop runs on
    /// the main thread.
    @Test("another thread wakes a poll blocked on this one")
    func crossThread() throws {
        let wakeup = try Wakeup()
        let thread = Thread {
            usleep(20_000)
            wakeup.signal()
        }
        thread.start()
        #expect(isReadable(wakeup.readFD, within: 5000))
        #expect(wakeup.drain())
    }
}
