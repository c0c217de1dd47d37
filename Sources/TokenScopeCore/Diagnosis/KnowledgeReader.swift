/// Collects the issues of one knowledge file, each tagged with the entry being read.
struct IssueSink {
    let file: String
    var entry: String?
    private(set) var issues: [KnowledgeIssue] = []

    init(file: String) {
        self.file = file
    }

    mutating func add(_ problem: String) {
        issues.append(KnowledgeIssue(file: file, entry: entry, problem: problem))
    }

    mutating func fileProblem(_ problem: String) {
        issues.append(KnowledgeIssue(file: file, entry: nil, problem: problem))
    }
}

/// Reads the fields of one JSON object of a knowledge file. Every accessor reports a missing,
/// mistyped or invalid field by its full path (`causes[1].fix`) and returns nil, so one pass finds
/// every problem; `finish` then reports unknown and repeated keys.
struct ObjectReader {
    private let members: [(key: String, value: JSONValue)]
    /// The path of this object inside the entry: "" for the entry itself, `causes[1]` for a cause.
    let path: String

    init?(_ value: JSONValue, path: String, sink: inout IssueSink) {
        guard case let .object(members) = value else {
            sink.add("\(path.isEmpty ? "the entry" : path) must be an object (found \(value.typeName))")
            return nil
        }
        self.members = members
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    /// A required (or optional) text field.
    func text(_ key: String, required: Bool = true, sink: inout IssueSink) -> String? {
        guard let value = value(key) else {
            if required { sink.add("\(name(key)) is missing") }
            return nil
        }
        return Self.text(value, name: name(key), sink: &sink)
    }

    /// A non-empty array of texts (`confirm`, `fix`).
    func textList(_ key: String, sink: inout IssueSink) -> [String]? {
        guard let items = array(key, required: true, sink: &sink) else { return nil }
        var out: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let itemName = "\(name(key))[\(index)]"
            guard let text = Self.text(item, name: itemName, sink: &sink) else { ok = false; continue }
            if let earlier = out.firstIndex(of: text) {
                sink.add("\(itemName) repeats \(name(key))[\(earlier)]")
                ok = false
            }
            out.append(text)
        }
        return ok ? out : nil
    }

    /// A value from a closed set (`fixer`, `kind`).
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type, required: Bool = true,
                                                    sink: inout IssueSink) -> E? where E.RawValue == String {
        guard let raw = text(key, required: required, sink: &sink) else { return nil }
        return Self.choice(raw, E.self, name: name(key), sink: &sink)
    }

    /// A non-empty array of values from a closed set, without repeats (`flows`, `tags`).
    func choices<E: RawRepresentable & CaseIterable & Equatable>(_ key: String, _: E.Type, required: Bool = true,
                                                                 sink: inout IssueSink) -> [E]? where E.RawValue == String {
        guard let items = array(key, required: required, sink: &sink) else { return required ? nil : [] }
        var out: [E] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let itemName = "\(name(key))[\(index)]"
            guard let raw = Self.text(item, name: itemName, sink: &sink),
                  let value = Self.choice(raw, E.self, name: itemName, sink: &sink) else { ok = false; continue }
            if out.contains(value) {
                sink.add("\(itemName) repeats '\(raw)'")
                ok = false
            }
            out.append(value)
        }
        return ok ? out : nil
    }

    /// A positive integer (`code`).
    func integer(_ key: String, sink: inout IssueSink) -> Int? {
        guard let value = value(key) else {
            sink.add("\(name(key)) is missing")
            return nil
        }
        return Self.integer(value, name: name(key), sink: &sink)
    }

    /// An optional array of positive integers without repeats (`codes`).
    func integers(_ key: String, sink: inout IssueSink) -> [Int]? {
        guard let items = array(key, required: false, sink: &sink) else { return has(key) ? nil : [] }
        var out: [Int] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let itemName = "\(name(key))[\(index)]"
            guard let number = Self.integer(item, name: itemName, sink: &sink) else { ok = false; continue }
            if out.contains(number) {
                sink.add("\(itemName) repeats \(number)")
                ok = false
            }
            out.append(number)
        }
        return ok ? out : nil
    }

    /// A non-empty array (or nil, reported, when missing, mistyped or empty).
    func array(_ key: String, required: Bool, sink: inout IssueSink) -> [JSONValue]? {
        guard let value = value(key) else {
            if required { sink.add("\(name(key)) is missing") }
            return nil
        }
        guard case let .array(items) = value else {
            sink.add("\(name(key)) must be an array (found \(value.typeName))")
            return nil
        }
        guard !items.isEmpty else {
            sink.add("\(name(key)) is empty")
            return nil
        }
        return items
    }

    /// Reports keys outside `allowed` and keys that appear more than once.
    func finish(allowed: [String], sink: inout IssueSink) {
        var seen: Set<String> = []
        for (key, _) in members {
            if !seen.insert(key).inserted {
                sink.add("field \(name(key)) appears twice")
            } else if !allowed.contains(key) {
                sink.add("unknown field \(name(key))")
            }
        }
    }

    // MARK: - Values

    static func text(_ value: JSONValue, name: String, sink: inout IssueSink) -> String? {
        guard case let .string(text) = value else {
            sink.add("\(name) must be a string (found \(value.typeName))")
            return nil
        }
        if let problem = textProblem(text) {
            sink.add("\(name) \(problem)")
            return nil
        }
        return text
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String, _: E.Type, name: String,
                                                           sink: inout IssueSink) -> E? where E.RawValue == String {
        if let value = E(rawValue: raw) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        sink.add("\(name) has unknown value '\(raw)' (allowed: \(allowed))")
        return nil
    }

    static func integer(_ value: JSONValue, name: String, sink: inout IssueSink) -> Int? {
        guard case let .number(text) = value, let first = text.utf8.first, first != UInt8(ascii: "0"),
              text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let number = Int(text) else {
            sink.add("\(name) must be a positive integer (found \(value.typeName == "number" ? "number \(value.numberText)" : value.typeName))")
            return nil
        }
        return number
    }

    /// Why a text is not acceptable, or nil. Texts are printed to terminals and JSON as they are, so
    /// they must not contain control or invisible formatting characters.
    static func textProblem(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x00..<0x20, 0x7F...0x9F:
                return "contains a control character (U+\(hex(v)))"
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
                return "contains an invisible formatting character (U+\(hex(v)))"
            default:
                continue
            }
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return "is empty" }
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            return "has leading or trailing whitespace"
        }
        return nil
    }

    private static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

extension JSONValue {
    /// The literal text of a number (empty for other values), for messages.
    fileprivate var numberText: String {
        if case let .number(text) = self { return text }
        return ""
    }
}
