/// Makes text from outside (claim values, error text) safe to print on a terminal: control
/// characters, escape sequences and bidi overrides are shown escaped, never written raw.
public enum TerminalSafe {
    public static func escape(_ text: String) -> String {
        // Fast path: plain printable ASCII needs no work.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F...0x9F:
                out += "\\x" + hex(v, width: 2)
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
                // Direction overrides and invisible separators can make a value read as something else.
                out += "\\u{" + hex(v, width: 4) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
