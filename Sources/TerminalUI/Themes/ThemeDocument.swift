import Yams

/// One theme file being parsed: turns YAML nodes into values and builds errors that name the
/// source, key path and line.
struct ThemeDocument {
    let source: String
    let yaml: String

    struct Entry {
        let key: String
        let value: Node
        let line: Int?
    }

    func error(_ key: String, line: Int?, _ message: String) -> ThemeError {
        ThemeError(source: source, key: key, line: line, message: message)
    }

    /// A YAML syntax error, with a hint when the line holds an unquoted "#".
    func syntaxError(_ error: any Error) -> ThemeError {
        var line: Int?
        var message = "invalid YAML: \(error)"
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                line = mark.line
                message = "invalid YAML: \(problem)"
            case .duplicatedKeysInMapping(let duplicates, let context):
                line = context.mark.line
                message = "duplicate key \(duplicates.joined(separator: ", "))"
            default:
                break
            }
        }
        // libyaml often reports the error a line or more after the "#" that caused it (a flow
        // mapping whose "}" was commented out), so look back from the reported line. The lines are
        // split once: splitting per line looked at was quadratic (a minute for 700 KB; fuzzing).
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        if let line, let culprit = (1...max(1, line)).reversed().first(where: { unquotedHex(onLine: $0, in: lines) != nil }),
           let hex = unquotedHex(onLine: culprit, in: lines) {
            message += "; line \(culprit) has an unquoted # (it starts a YAML comment), so quote hex colours: \"#\(hex)\""
        }
        return self.error("", line: line, message)
    }

    /// The mapping's entries with string keys, rejecting non-scalar and duplicate keys.
    func keyedEntries(_ mapping: Node.Mapping, path: String) throws -> [Entry] {
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line
            guard case .scalar(let scalar) = keyNode, !scalar.string.isEmpty else {
                throw error(path, line: line, "keys must be plain names")
            }
            let key = scalar.string
            let full = path.isEmpty ? key : "\(path).\(key)"
            if entries.contains(where: { $0.key == key }) { throw error(full, line: line, "duplicate key") }
            entries.append(Entry(key: key, value: value, line: line))
        }
        return entries
    }

    /// nil for a null/empty plain scalar (what `key:` or `key: #abc` leaves), else the string.
    func scalarString(_ node: Node, key: String, line: Int?) throws -> String? {
        guard case .scalar(let scalar) = node else { throw error(key, line: line, "expected a single value, not a list or mapping") }
        let text = scalar.string
        if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(text) { return nil }
        return text.isEmpty ? nil : text
    }

    func nonEmptyString(_ node: Node, key: String, line: Int?) throws -> String {
        guard let text = try scalarString(node, key: key, line: line) else { throw emptyValue(key, line: line) }
        return text
    }

    /// The error for an empty value, explaining the unquoted-hex trap when that is what happened.
    func emptyValue(_ key: String, line: Int?) -> ThemeError {
        if let line, let hex = unquotedHex(onLine: line) {
            return error(key, line: line, "the value is empty because an unquoted # starts a YAML comment; quote hex colours: \"#\(hex)\"")
        }
        return error(key, line: line, "the value is empty; give a colour (a palette name, default, a quoted \"#rrggbb\", 0–255 or an ANSI name)")
    }

    /// The hex digits after an unquoted "#" on a line (after its first colon), if any.
    func unquotedHex(onLine line: Int) -> String? {
        unquotedHex(onLine: line, in: yaml.split(separator: "\n", omittingEmptySubsequences: false))
    }

    func unquotedHex(onLine line: Int, in lines: [Substring]) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1]
        guard let colon = text.firstIndex(of: ":") else { return nil }
        var inQuote: Character?
        var index = text.index(after: colon)
        while index < text.endIndex {
            let c = text[index]
            if let q = inQuote {
                if c == q { inQuote = nil }
            } else if c == "\"" || c == "'" {
                inQuote = c
            } else if c == "#" {
                // Only something that looks like a colour: "# 75" is an ordinary comment.
                let digits = text[text.index(after: index)...].prefix { $0.isHexDigit && $0.isASCII }
                return digits.count == 3 || digits.count == 6 ? String(digits) : nil
            }
            index = text.index(after: index)
        }
        return nil
    }
}
