import Glibc
@testable import NcursesBackend
import Testing

extension ProcessWide {
    @Suite("SignalPipe")
    struct SignalPipeTests {
        @Test("SIGWINCH and SIGTERM become bytes on the pipe instead of killing the process")
        func signalsArrive() throws {
            try SignalPipe.install()
            defer { SignalPipe.uninstall() }
            try SignalPipe.install() // idempotent
            raise(SIGWINCH)
            raise(SIGTERM)
            #expect(isReadable(SignalPipe.readFD, within: 1000))
            #expect(SignalPipe.drain() == [SIGWINCH, SIGTERM])
            #expect(SignalPipe.drain().isEmpty)
        }

        @Test("install unblocks an inherited mask")
        func unblocks() throws {
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGWINCH)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            try SignalPipe.install()
            defer { SignalPipe.uninstall() }
            var current = sigset_t()
            pthread_sigmask(SIG_SETMASK, nil, &current)
            #expect(sigismember(&current, SIGWINCH) == 0)
        }

        @Test("uninstall restores the previous disposition")
        func uninstall() throws {
            var before = sigaction()
            sigaction(SIGHUP, nil, &before)
            try SignalPipe.install()
            SignalPipe.uninstall()
            var after = sigaction()
            sigaction(SIGHUP, nil, &after)
            #expect(unsafeBitCast(after.__sigaction_handler, to: Int.self) == unsafeBitCast(before.__sigaction_handler, to: Int.self))
            #expect(SignalPipe.readFD == -1)
        }
    }
}
