/// A problem in a theme file, with the key and line it concerns, e.g.
/// `themes/mine.yaml:12: frame.border.fg: "#1e1e2e" must be quoted …`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the theme came from (a path, or "builtin:NAME").
    public let source: String
    /// The key path ("frame.border.fg", "palette.base"); empty for whole-file problems.
    public let key: String
    /// 1-based line, when known.
    public let line: Int?
    public let message: String

    public init(source: String, key: String, line: Int?, message: String) {
        self.source = source
        self.key = key
        self.line = line
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(source):\($0)" } ?? source
        return key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
    }
}
