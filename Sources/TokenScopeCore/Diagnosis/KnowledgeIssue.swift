/// One problem found while loading the knowledge files, located precisely:
/// `aadsts.json: entry 57 (code 50076): causes[1].fix is empty`.
public struct KnowledgeIssue: Sendable, Equatable, CustomStringConvertible {
    /// `aadsts.json`, `other.json` or `findings.json`.
    public let file: String
    /// `entry 57 (code 50076)`: the 0-based index in `entries`, plus the key when it could be read.
    /// Nil for problems of the whole file.
    public let entry: String?
    /// The problem, naming the field by its path (`causes[1].fix`).
    public let problem: String

    public init(file: String, entry: String?, problem: String) {
        self.file = file
        self.entry = entry
        self.problem = problem
    }

    public var description: String {
        [file, entry, problem].compactMap { $0 }.joined(separator: ": ")
    }
}

/// The knowledge files did not validate. `issues` lists every problem, in file order.
public struct KnowledgeLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let issues: [KnowledgeIssue]

    public init(issues: [KnowledgeIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
