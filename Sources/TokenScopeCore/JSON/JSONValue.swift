/// A JSON value that keeps object members in document order and keeps duplicates.
///
/// Tokens are evidence: the inspector must show claims in the order the issuer wrote them and must
/// notice a claim written twice (Foundation's parsers silently keep one), so the core has its own
/// small JSON model instead of `JSONSerialization`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number as written (`1700000000`, `1.5e3`), so nothing is lost or rounded.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a key may appear more than once.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

extension JSONValue {
    /// The first member named `key` when this is an object (Entra never repeats a claim; when a
    /// hostile token does, the inspector reports it and reads the first one).
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case let .object(m) = self { return m }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// A number as `Double` when it is one and is finite.
    public var doubleValue: Double? {
        guard case let .number(text) = self, let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// An array of strings, or nil when any element is not a string.
    public var stringArray: [String]? {
        guard case let .array(items) = self else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case let .string(s) = item else { return nil }
            out.append(s)
        }
        return out
    }

    /// The JSON type name, for messages such as "`exp` is a string, expected a number".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
