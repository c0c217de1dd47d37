/// A problem in a directory file, located precisely: file, line and key path.
public struct DirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    /// Dotted path such as `apps[2].secrets[0].expires`.
    public let key: String
    public let message: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key.isEmpty ? "" : "\(key): ")\(message)"
    }
}
