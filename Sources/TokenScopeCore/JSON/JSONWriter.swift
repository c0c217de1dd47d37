/// Serialises `JSONValue` deterministically: members in order, two-space indentation when pretty,
/// and every control character escaped, so output is stable for golden tests and safe to print.
public enum JSONWriter {
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(1024)
        append(value, to: &out, indent: 0, pretty: pretty)
        return out
    }

    private static func append(_ value: JSONValue, to out: inout String, indent: Int, pretty: Bool) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): out += n
        case let .string(s): appendString(s, to: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent: indent + 1, pretty: pretty)
                append(item, to: &out, indent: indent + 1, pretty: pretty)
            }
            newline(&out, indent: indent, pretty: pretty)
            out += "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent: indent + 1, pretty: pretty)
                appendString(member.key, to: &out)
                out += pretty ? ": " : ":"
                append(member.value, to: &out, indent: indent + 1, pretty: pretty)
            }
            newline(&out, indent: indent, pretty: pretty)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, indent: Int, pretty: Bool) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    static func appendString(_ s: String, to out: inout String) {
        // Most strings (claim names, IDs, base64) need no escaping: append them in one piece.
        var text = s
        if text.withUTF8({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // C0, DEL and C1 controls are escaped so a JSON dump never carries a raw escape sequence.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 12 & 0xF)], digits[Int(v >> 8 & 0xF)], digits[Int(v >> 4 & 0xF)], digits[Int(v & 0xF)]])
    }
}
