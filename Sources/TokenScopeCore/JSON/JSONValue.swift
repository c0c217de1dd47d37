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
        guard case let .number(text) = self else { return nil }
        // Claims' numbers are almost all Unix times: plain digits, read here without strtod.
        if let n = Self.smallNaturalNumber(text) { return Double(n) }
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// `text` as an integer when it is 1 to 15 ASCII digits and nothing else. Such a number is exact
    /// as a `Double` (below 2^53), so `Double(n)` is what `Double(text)` would return.
    @inline(__always)
    static func smallNaturalNumber(_ text: String) -> Int64? {
        let utf8 = text.utf8
        guard utf8.count >= 1, utf8.count <= 15 else { return nil }
        func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
            var n: Int64 = 0
            for b in bytes {
                let digit = b &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                n = n &* 10 &+ Int64(digit)
            }
            return n
        }
        if let n = utf8.withContiguousStorageIfAvailable(read) { return n }
        return Array(utf8).withUnsafeBufferPointer(read)
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

    /// An array whose elements are all strings: `stringArray != nil`, without building the array.
    var isStringArray: Bool {
        guard case let .array(items) = self else { return false }
        for item in items {
            guard case .string = item else { return false }
        }
        return true
    }

    /// An array of strings (as `stringArray` reads it) with an element that satisfies `predicate`.
    func stringArrayContains(where predicate: (String) -> Bool) -> Bool {
        guard case let .array(items) = self, isStringArray else { return false }
        for case let .string(s) in items where predicate(s) { return true }
        return false
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
