/// base64url (RFC 4648 §5) without Foundation, tolerant of what people paste: padding or none,
/// and the standard alphabet's `+` and `/` as well as `-` and `_`.
public enum Base64URL {
    /// Four decode tables, one per position in a quad, with each character's 6 bits already shifted
    /// into place (`a << 18 | b << 12 | c << 6 | d` is then four loads and three ORs). A character
    /// outside both alphabets reads as `invalid`, which survives the ORs.
    private static let decodeTables: [UInt32] = {
        var sextets = [UInt32](repeating: invalid, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
            sextets[Int(c)] = UInt32(i)
        }
        sextets[Int(UInt8(ascii: "-"))] = 62
        sextets[Int(UInt8(ascii: "+"))] = 62
        sextets[Int(UInt8(ascii: "_"))] = 63
        sextets[Int(UInt8(ascii: "/"))] = 63
        return (0..<4).flatMap { position in
            sextets.map { $0 == invalid ? invalid : $0 << UInt32(18 - 6 * position) }
        }
    }()

    private static let invalid: UInt32 = 1 << 31

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

    static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let outCount = decodedCount(input) else { return nil }
        var valid = true
        // Two spare bytes: `decode(_:into:)` stores eight bytes at a time, of which six are output.
        let out = [UInt8](unsafeUninitializedCapacity: outCount + 2) { out, initialized in
            if let written = decode(input, into: UnsafeMutableRawPointer(out.baseAddress!)) {
                initialized = written
            } else {
                valid = false
                initialized = 0
            }
        }
        return valid ? out : nil
    }

    /// Whether `decode(buffer: input)` would succeed, without decoding: every character (before
    /// any trailing `=`) in one of the alphabets, and a length some base64 text has.
    static func isValid(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard decodedCount(input) != nil else { return false }
        guard let p = input.baseAddress else { return true }
        var count = input.count
        while count > 0, input[count - 1] == UInt8(ascii: "=") { count -= 1 }
        return decodeTables.withUnsafeBufferPointer { tables -> Bool in
            let t = tables.baseAddress! + 768  // the unshifted table: `invalid` or a sextet
            var i = 0
            // Eight base64url letters at a time (a signature is nothing else); any other word byte by byte.
            while i &+ 8 <= count {
                if !TokenBytes.isBase64URLWord(UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    for j in i..<(i &+ 8) where t[Int(p[j])] == invalid { return false }
                }
                i &+= 8
            }
            while i < count {
                if t[Int(p[i])] == invalid { return false }
                i += 1
            }
            return true
        }
    }

    /// The number of bytes `input` decodes to (ignoring trailing `=`), or nil when no base64 text
    /// has that length.
    static func decodedCount(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = input.count
        while count > 0, input[count - 1] == UInt8(ascii: "=") { count -= 1 }
        if count % 4 == 1 { return nil }
        return count / 4 * 3 + max(0, count % 4 - 1)
    }

    /// The hot path of every decode: decodes `input` into `out`, which must have room for
    /// `decodedCount(input)! + 2` bytes. Returns the number of bytes written, or nil when a character
    /// is outside both alphabets or the length is impossible. One pass, tables read through a pointer,
    /// eight characters (six bytes, one store) per step.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableRawPointer) -> Int? {
        var count = input.count
        while count > 0, input[count - 1] == UInt8(ascii: "=") { count -= 1 }
        if count % 4 == 1 { return nil }
        guard count > 0, let src = input.baseAddress else { return 0 }
        return decodeTables.withUnsafeBufferPointer { tables -> Int? in
            let t = tables.baseAddress!
            @inline(__always) func quad(_ i: Int) -> UInt32 {
                t[Int(src[i])] | t[256 + Int(src[i + 1])] | t[512 + Int(src[i + 2])] | t[768 + Int(src[i + 3])]
            }
            let quads = count / 4 * 4
            var i = 0, o = 0
            while i + 8 <= quads {
                let a = quad(i), b = quad(i + 4)
                if (a | b) & invalid != 0 { return nil }
                // a's 24 bits, then b's, big-endian from byte o (and two spare bytes after them).
                dst.storeBytes(of: (UInt64(a) << 40 | UInt64(b) << 16).bigEndian, toByteOffset: o, as: UInt64.self)
                o += 6
                i += 8
            }
            if i < quads {
                let a = quad(i)
                if a & invalid != 0 { return nil }
                dst.storeBytes(of: UInt8(truncatingIfNeeded: a >> 16), toByteOffset: o, as: UInt8.self)
                dst.storeBytes(of: UInt8(truncatingIfNeeded: a >> 8), toByteOffset: o + 1, as: UInt8.self)
                dst.storeBytes(of: UInt8(truncatingIfNeeded: a), toByteOffset: o + 2, as: UInt8.self)
                o += 3
                i += 4
            }
            // The last two or three characters (unpadded), as 12 or 18 bits: one or two bytes.
            var buffer: UInt32 = 0
            var bits = 0
            while i < count {
                let v = t[768 + Int(src[i])]  // unshifted
                if v == invalid { return nil }
                buffer = buffer << 6 | v
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    dst.storeBytes(of: UInt8(truncatingIfNeeded: buffer >> UInt32(bits)), toByteOffset: o, as: UInt8.self)
                    o += 1
                }
                i += 1
            }
            return o
        }
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
