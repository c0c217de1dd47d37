import TokenScopeCore
import Yams

/// Typed access to one YAML mapping of a profiles file. Every error names the file, the line and
/// the key path (`profiles.contoso-api.secret.env`), and unknown or repeated keys are refused: a
/// misspelt `client_Id` must not silently fall back to a default.
struct ProfileYAMLReader {
    let node: Node
    /// Dotted key path of `node`, e.g. `profiles.contoso-api.certificate`.
    let path: String
    let file: String

    func fail(_ id: String, _ message: String, at key: String? = nil, node: Node? = nil, fix: String) -> ExchangeInputError {
        let keyPath = key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path
        let line = (node ?? self.node).mark.map { ":\($0.line)" } ?? ""
        let location = "\(CredentialFile.display(file))\(line)"
        return ExchangeInputError(id, field: "--profile", "\(location): \(TerminalSafe.escape(keyPath)): \(message)", fix: fix)
    }

    /// The mapping's keys, each known and present once.
    func checkKeys(_ allowed: [String]) throws(ExchangeInputError) {
        guard let mapping = node.mapping else {
            throw fail("profile-invalid-value", "expected a mapping (key: value lines).", fix: "See docs/PROFILES.md for the shape of the file.")
        }
        var seen: Set<String> = []
        for (key, _) in mapping {
            guard let name = key.string, key.scalar != nil else {
                throw fail("profile-invalid-value", "keys must be plain text.", node: key, fix: "See docs/PROFILES.md for the shape of the file.")
            }
            guard allowed.contains(name) else {
                throw fail("profile-unknown-key", "unknown key `\(TerminalSafe.escape(name))`; expected one of: \(allowed.joined(separator: ", ")).",
                           at: name, node: key, fix: "Correct or remove the key (see docs/PROFILES.md).")
            }
            guard seen.insert(name).inserted else {
                throw fail("profile-invalid-value", "the key `\(name)` appears twice.", at: name, node: key, fix: "Keep one of them.")
            }
        }
    }

    func child(_ key: String) -> Node? { node.mapping?[key] }

    func has(_ key: String) -> Bool { child(key) != nil }

    func reader(_ key: String) -> ProfileYAMLReader? {
        child(key).map { ProfileYAMLReader(node: $0, path: path.isEmpty ? key : "\(path).\(key)", file: file) }
    }

    func string(_ key: String) throws(ExchangeInputError) -> String {
        guard let value = child(key) else {
            throw fail("profile-missing-key", "is required.", at: key, fix: "Add it (see docs/PROFILES.md).")
        }
        guard value.scalar != nil, let text = value.string else {
            throw fail("profile-invalid-value", "must be text.", at: key, node: value, fix: "Write a single value after the colon.")
        }
        // An unquoted value starting with `#` is a comment, leaving the key empty.
        guard !text.isEmpty else {
            throw fail("profile-invalid-value", "is empty (a value starting with # must be quoted).", at: key, node: value,
                       fix: "Give a value, or remove the key.")
        }
        return text
    }

    func optionalString(_ key: String) throws(ExchangeInputError) -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    func optionalBool(_ key: String) throws(ExchangeInputError) -> Bool? {
        guard let value = child(key) else { return nil }
        guard let flag = value.bool else {
            throw fail("profile-invalid-value", "must be true or false.", at: key, node: value, fix: "Write true or false.")
        }
        return flag
    }

    /// A list of text, or one text value split on spaces (`scopes: "openid profile"`).
    func strings(_ key: String) throws(ExchangeInputError) -> [String] {
        guard let value = child(key) else { return [] }
        if value.scalar != nil, let text = value.string {
            return text.split(separator: " ").map(String.init)
        }
        guard value.sequence != nil else {
            throw fail("profile-invalid-value", "must be a list.", at: key, node: value, fix: "Write [a, b] or one `- item` line per value.")
        }
        var out: [String] = []
        for (i, item) in value.array().enumerated() {
            guard item.scalar != nil, let text = item.string, !text.isEmpty else {
                throw fail("profile-invalid-value", "must be non-empty text.", at: "\(key)[\(i)]", node: item, fix: "Quote values that start with # or contain `: `.")
            }
            out.append(text)
        }
        return out
    }
}
