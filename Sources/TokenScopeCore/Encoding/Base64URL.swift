/// base64url (RFC 4648 §5) without Foundation, tolerant of what people paste: padding or none,
/// and the standard alphabet's `+` and `/` as well as `-` and `_`.
public enum Base64URL {
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "+"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        table[Int(UInt8(ascii: "/"))] = 63
        return table
    }()

    private static let encodeAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Decodes, or returns nil when a character is outside both alphabets or the length is impossible.
    public static func decode<S: Collection>(_ text: S) -> [UInt8]? where S.Element == UInt8 {
        let input = Array(text)
        return input.withUnsafeBufferPointer(decode(buffer:))
    }

    public static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        text.withUnsafeBufferPointer(decode(buffer:))
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8(decode(buffer:))
    }

    /// The hot path of every decode: one pass, output sized in advance, table read through a pointer.
    static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var count = input.count
        while count > 0, input[count - 1] == UInt8(ascii: "=") { count -= 1 }
        if count % 4 == 1 { return nil }
        let outCount = count / 4 * 3 + max(0, count % 4 - 1)
        var valid = true
        let out = decodeTable.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: outCount) { out, initialized in
                var o = 0
                // Whole quads first: four lookups, one validity test, three bytes out.
                let quads = count / 4 * 4
                var i = 0
                while i < quads {
                    let a = UInt32(table[Int(input[i])]), b = UInt32(table[Int(input[i + 1])])
                    let c = UInt32(table[Int(input[i + 2])]), d = UInt32(table[Int(input[i + 3])])
                    if (a | b | c | d) & 0xC0 != 0 { valid = false; break }
                    let n = a << 18 | b << 12 | c << 6 | d
                    out[o] = UInt8(truncatingIfNeeded: n >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: n >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: n)
                    o += 3
                    i += 4
                }
                var buffer: UInt32 = 0
                var bits = 0
                for i in (valid ? quads : count)..<count {
                    let v = table[Int(input[i])]
                    if v == 0xFF { valid = false; break }
                    buffer = buffer << 6 | UInt32(v)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out[o] = UInt8(truncatingIfNeeded: buffer >> UInt32(bits))
                        o += 1
                    }
                }
                initialized = valid ? o : 0
            }
        }
        return valid ? out : nil
    }

    /// Encodes without padding, as JOSE requires.
    public static func encode<B: Collection>(_ bytes: B) -> String where B.Element == UInt8 {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            out.append(encodeAlphabet[Int(n >> 18 & 63)])
            out.append(encodeAlphabet[Int(n >> 12 & 63)])
            out.append(encodeAlphabet[Int(n >> 6 & 63)])
            out.append(encodeAlphabet[Int(n & 63)])
            i += 3
        }
        let rest = input.count - i
        if rest == 1 {
            let n = UInt32(input[i]) << 16
            out.append(encodeAlphabet[Int(n >> 18 & 63)])
            out.append(encodeAlphabet[Int(n >> 12 & 63)])
        } else if rest == 2 {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            out.append(encodeAlphabet[Int(n >> 18 & 63)])
            out.append(encodeAlphabet[Int(n >> 12 & 63)])
            out.append(encodeAlphabet[Int(n >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when the byte belongs to the base64url (or standard base64) alphabet or is `=`.
    /// A switch, not the table: called per input byte, and a lazy global costs a check each time.
    @inline(__always)
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}

/// Standard (RFC 4648 §4) base64 with padding: what `x5c` entries carry.
public enum Base64Standard {
    public static func encode<B: Collection>(_ bytes: B) -> String where B.Element == UInt8 {
        var text = Array(Base64URL.encode(bytes).utf8).map { b -> UInt8 in
            b == UInt8(ascii: "-") ? UInt8(ascii: "+") : b == UInt8(ascii: "_") ? UInt8(ascii: "/") : b
        }
        while text.count % 4 != 0 { text.append(UInt8(ascii: "=")) }
        return String(decoding: text, as: UTF8.self)
    }
}
