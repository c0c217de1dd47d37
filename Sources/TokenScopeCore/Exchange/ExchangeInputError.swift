/// Input the exchange cannot send: what is wrong, where (which flag or field), and what to do.
/// Raised before any byte leaves the machine, so a wrong authority never sees a secret.
public struct ExchangeInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifier, e.g. `authority-not-https`, for tests and the TUI's inline validation.
    public let id: String
    /// The flag or field concerned, e.g. `--authority`.
    public let field: String
    public let message: String
    public let fix: String

    public init(_ id: String, field: String, _ message: String, fix: String) {
        self.id = id
        self.field = field
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(field): \(message) \(fix)" }
}
