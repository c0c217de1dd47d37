/// Why the terminal session could not start. Thrown (never `exit`ed) so the caller can print it
/// and choose its own exit status.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    static let notATerminal = TerminalError(
        "tokenscope's explorer needs a terminal; for scripts use `tokenscope decode` / `exchange` / `explain`"
    )
}
