import Glibc
import NcursesBackend
import Testing

@Suite("TerminalSession")
struct TerminalSessionTests {
    // Only meaningful (and only safe: it would take over the terminal) without a tty, as under
    // `swift test` in CI or redirected.
    @Test(
        "without a terminal, init throws a clear error instead of exiting",
        .enabled(if: isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0)
    )
    func notATerminal() {
        #expect {
            _ = try TerminalSession(options: TerminalOptions())
        } throws: { error in
            (error as? TerminalError)?.message.contains("tokenscope decode") == true
        }
    }

    @Test("options default to no mouse and detected colour depth")
    func defaultOptions() {
        let options = TerminalOptions()
        #expect(!options.mouse)
        #expect(options.colorDepth == nil)
    }
}
