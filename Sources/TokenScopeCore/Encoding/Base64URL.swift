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
        var input = Array(text)
        while let last = input.last, last == UInt8(ascii: "=") { input.removeLast() }
        if input.count % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for c in input {
            let v = decodeTable[Int(c)]
            if v == 0xFF { return nil }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    public static func decode(_ text: String) -> [UInt8]? { decode(Array(text.utf8)) }

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

    /// True when every byte belongs to the base64url (or standard base64) alphabet or is `=`.
    static func isTokenByte(_ b: UInt8) -> Bool {
        decodeTable[Int(b)] != 0xFF || b == UInt8(ascii: "=")
    }
}
