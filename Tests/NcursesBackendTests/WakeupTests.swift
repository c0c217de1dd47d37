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

    @Test("a detached task wakes a poll blocked on the main side")
    func crossThread() async throws {
        let wakeup = try Wakeup()
        let task = Task.detached {
            try await Task.sleep(for: .milliseconds(20))
            wakeup.signal()
        }
        #expect(isReadable(wakeup.readFD, within: 5000))
        try await task.value
        #expect(wakeup.drain())
    }
}
