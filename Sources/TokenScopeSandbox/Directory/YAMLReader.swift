import Yams

/// Reads one YAML mapping with typed accessors that report file, line and key path on any error,
/// and refuse keys they do not know (a misspelt key must not be silently ignored).
struct YAMLReader {
    let node: Node
    let path: String
    let file: String
    private let allowed: Set<String>?

    init(_ node: Node, path: String, file: String, allowed: Set<String>? = nil) {
        self.node = node
        self.path = path
        self.file = file
        self.allowed = allowed
    }

    func fail(_ message: String, at key: String? = nil, node: Node? = nil) -> DirectoryError {
        DirectoryError(file: file, line: (node ?? self.node).mark?.line,
                       key: key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path, message: message)
    }

    /// The mapping's keys, checked against `allowed`.
    func checkKeys(_ keys: Set<String>) throws(DirectoryError) {
        guard let mapping = node.mapping else { throw fail("expected a mapping (key: value lines)") }
        for (key, _) in mapping {
            guard let name = key.string else { throw fail("keys must be plain text", node: key) }
            if !keys.contains(name) {
                let hint = keys.sorted().joined(separator: ", ")
                // The key's own line: with a list or mapping value, the value starts below it.
                throw fail("unknown key `\(name)`; expected one of: \(hint)", at: name, node: key)
            }
        }
    }

    func child(_ key: String) -> Node? { node.mapping?[key] }

    func string(_ key: String) throws(DirectoryError) -> String {
        guard let value = child(key) else { throw fail("is required", at: key) }
        guard let s = value.string, value.scalar != nil else { throw fail("must be text", at: key, node: value) }
        // An unquoted `#` value becomes an empty scalar (YAML comment): refuse it rather than guess.
        guard !s.isEmpty else { throw fail("is empty (a value starting with # must be quoted)", at: key, node: value) }
        return s
    }

    func optionalString(_ key: String) throws(DirectoryError) -> String? {
        guard child(key) != nil else { return nil }
        return try string(key)
    }

    func bool(_ key: String, default value: Bool) throws(DirectoryError) -> Bool {
        guard let node = child(key) else { return value }
        guard let b = node.bool else { throw fail("must be true or false", at: key, node: node) }
        return b
    }

    func int(_ key: String, default value: Int) throws(DirectoryError) -> Int {
        guard let node = child(key) else { return value }
        guard let i = node.int else { throw fail("must be a whole number", at: key, node: node) }
        return i
    }

    func strings(_ key: String) throws(DirectoryError) -> [String] {
        guard let node = child(key) else { return [] }
        guard node.sequence != nil else { throw fail("must be a list", at: key, node: node) }
        var out: [String] = []
        for (i, item) in node.array().enumerated() {
            guard let s = item.string, item.scalar != nil, !s.isEmpty else { throw fail("must be non-empty text", at: "\(key)[\(i)]", node: item) }
            out.append(s)
        }
        return out
    }

    /// Each element of the list under `key` as a reader.
    func list(_ key: String) throws(DirectoryError) -> [YAMLReader] {
        guard let node = child(key) else { return [] }
        guard node.sequence != nil else { throw fail("must be a list", at: key, node: node) }
        return node.array().enumerated().map { YAMLReader($0.element, path: path.isEmpty ? "\(key)[\($0.offset)]" : "\(path).\(key)[\($0.offset)]", file: file) }
    }

    func mapping(_ key: String) -> YAMLReader? {
        child(key).map { YAMLReader($0, path: path.isEmpty ? key : "\(path).\(key)", file: file) }
    }

    /// The node at a key path such as `apps[2].secrets[0].expires`, so that errors found after
    /// parsing (cross-references, duplicates) can still point at a line of the file.
    func node(atPath keyPath: String) -> Node? {
        var current: Node? = node
        for part in keyPath.split(separator: ".") {
            var name = part
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            current = current?.mapping?[String(name)]
            for i in indices {
                guard let items = current?.sequence.map(Array.init), items.indices.contains(i) else { return nil }
                current = items[i]
            }
        }
        return current
    }

    /// The line of the node at `keyPath`, when there is one.
    func line(atPath keyPath: String) -> Int? { node(atPath: keyPath)?.mark?.line }

    /// A GUID in canonical 8-4-4-4-12 form, lowercased.
    func guid(_ key: String) throws(DirectoryError) -> String {
        let value = try string(key)
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12], parts.allSatisfy({ $0.allSatisfy(\.isHexDigit) }) else {
            throw fail("`\(value)` is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", at: key, node: child(key))
        }
        return value.lowercased()
    }
}
