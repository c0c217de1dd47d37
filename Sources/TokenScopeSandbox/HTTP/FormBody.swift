import TokenScopeCore

/// `application/x-www-form-urlencoded` bodies and query strings, decoded strictly: `+` is a space,
/// `%XX` a byte; order and repeated names are kept.
public enum FormBody {
    public static func parse(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    public static func parse(_ text: String) -> [(name: String, value: String)] { parse(Substring(text)) }

    /// `%XX` takes exactly two hex digits (a sign is not one); anything else is kept as written.
    /// The core's decoder, which the exchange side uses for redirects and traces.
    static func decode(_ s: Substring) -> String { FormEncoding.unescape(s) }

    /// Encodes pairs strictly (only `A-Z a-z 0-9 - . _ *` stay as they are), as MSAL and Entra do.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "):
                out += "+"
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
