/// Makes untrusted text (claim values, error bodies, pasted input) safe to put on the screen: no
/// byte that a terminal interprets as a command ever reaches it. Replacements are visible, so a
/// hostile value is shown for what it is rather than silently altered.
public enum TerminalSanitizer {
    /// C0 controls become their Unicode control pictures (ESC → "␛", NUL → "␀", LF → "␊"), DEL → "␡",
    /// tab → space, C1 controls (U+0080–U+009F), bidi embeddings/overrides/isolates and the line and
    /// paragraph separators → U+FFFD. Every replacement is one column wide.
    public static func clean(_ text: String) -> String {
        // Fast path: most text needs nothing, and returning the original avoids an allocation.
        guard needsCleaning(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replacement = replacement(for: scalar) {
                out.append(replacement)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True if `clean` would change the text.
    public static func needsCleaning(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            // Every scalar that needs replacing above ASCII starts with one of these UTF-8 lead bytes
            // (C2 = U+0080–U+00BF, E2 = U+2000–U+2FFF); check those scalars precisely.
            if byte == 0xC2 || byte == 0xE2 { return text.unicodeScalars.contains { replacement(for: $0) != nil } }
        }
        return false
    }

    /// The visible stand-in for a scalar that must not reach the terminal, or nil if it is safe.
    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x09: return " "
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + v)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        case 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"   // bidi overrides ("Trojan Source")
        case 0x2028, 0x2029: return "\u{FFFD}"                     // some terminals break the line
        default: return nil
        }
    }
}
