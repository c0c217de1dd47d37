/// Pasted text made scannable: JSON and C-style escapes undone (`\"`, `\r\n`, `\u0027`, also
/// when escaped twice), HTML entities decoded (`&lt;`, `&nbsp;`), form encoding undone when the
/// text is form-encoded (`AADSTS500011:+The+resource`), non-breaking spaces made plain. Every
/// step is a linear pass over the bytes; positions refer to `bytes`.
struct PasteText {
    /// The normalized text.
    let bytes: [UInt8]
    /// The same bytes with ASCII letters lowercased, for case-insensitive matching.
    let lower: [UInt8]

    init(_ text: String) {
        var bytes = Array(text.utf8)
        for _ in 0..<3 {
            guard let next = Self.unescaped(bytes) else { break }
            bytes = next
        }
        if Self.looksFormEncoded(bytes) { bytes = Self.formDecoded(bytes) }
        self.bytes = bytes
        self.lower = bytes.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { buffer, count in
                for i in 0..<source.count {
                    let b = source[i]
                    buffer[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                }
                count = source.count
            }
        }
    }

    var count: Int { bytes.count }

    func string(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(bytes.count, max(range.lowerBound, range.upperBound))
        return String(decoding: bytes[r], as: UTF8.self)
    }

    // MARK: - Searching

    /// The first position at or after `from` where `needle` (lowercase ASCII) occurs, ignoring case.
    func find(_ needle: [UInt8], from: Int = 0, to limit: Int? = nil) -> Int? {
        let end = min(limit ?? lower.count, lower.count)
        guard let first = needle.first, needle.count <= end - from else { return nil }
        var i = max(0, from)
        let last = end - needle.count
        while i <= last {
            if lower[i] == first {
                var j = 1
                while j < needle.count, lower[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    func find(_ needle: String, from: Int = 0, to limit: Int? = nil) -> Int? {
        find(Array(needle.utf8), from: from, to: limit)
    }

    func contains(_ needle: String) -> Bool { find(needle) != nil }

    /// Every position of `needle`, at most `limit` of them.
    func all(_ needle: String, limit: Int = 64) -> [Int] {
        let n = Array(needle.utf8)
        var out: [Int] = []
        var from = 0
        while out.count < limit, let at = find(n, from: from) {
            out.append(at)
            from = at + max(1, n.count)
        }
        return out
    }

    // MARK: - Values

    /// A value after a label: spaces, `:`, `=` and `-` skipped, then a quoted value (`'x'`, `"x"`,
    /// `` `x` ``, `‘x’`) or a bare run up to white space, `,`, `;`, `)` or a sentence end.
    func value(at start: Int, maxLength: Int = 400) -> (value: String, end: Int)? {
        var i = start
        var skipped = 0
        while i < bytes.count, skipped < 8, [0x20, 0x09, 0x3A, 0x3D].contains(bytes[i]) { i += 1; skipped += 1 }
        guard i < bytes.count else { return nil }
        let open = bytes[i]
        if open == 0x27 || open == 0x22 || open == 0x60 {
            let s = i + 1
            var j = s
            while j < bytes.count, j - s < maxLength, bytes[j] != open, bytes[j] != 0x0A { j += 1 }
            guard j < bytes.count, bytes[j] == open else { return nil }
            return (string(s..<j), j + 1)
        }
        // ‘ ’ (U+2018/2019) as some pages render quotes.
        if open == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 {
            let s = i + 3
            var j = s
            while j + 2 < bytes.count, j - s < maxLength, !(bytes[j] == 0xE2 && bytes[j + 1] == 0x80 && bytes[j + 2] == 0x99) { j += 1 }
            guard j + 2 < bytes.count else { return nil }
            return (string(s..<j), j + 3)
        }
        let s = i
        var j = s
        while j < bytes.count, j - s < maxLength {
            let b = bytes[j]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x2C || b == 0x3B || b == 0x29 || b == 0x22 || b == 0x27 { break }
            if b == 0x2E, j + 1 >= bytes.count || bytes[j + 1] == 0x20 || bytes[j + 1] == 0x0A || bytes[j + 1] == 0x0D { break }
            j += 1
        }
        guard j > s else { return nil }
        return (string(s..<j), j)
    }

    /// The value after the first occurrence of `phrase` (case-insensitive).
    func value(after phrase: String, from: Int = 0, maxLength: Int = 400) -> String? {
        guard let at = find(phrase, from: from) else { return nil }
        return value(at: at + phrase.utf8.count, maxLength: maxLength)?.value
    }

    /// An ID after a label: hex digits and dashes (a GUID, or a truncated one of at least 8 hex
    /// digits). nil for placeholders (`<guid>`, `xxx`) and empty values.
    func identifier(at start: Int) -> String? {
        var i = start
        var skipped = 0
        while i < bytes.count, skipped < 10, [0x20, 0x09, 0x3A, 0x3D, 0x22, 0x27, 0x5B, 0x2B, 0x2D].contains(bytes[i]) {
            i += 1
            skipped += 1
        }
        let s = i
        var hex = 0
        var distinct: Set<UInt8> = []
        while i < bytes.count, i - s < 40 {
            let b = bytes[i]
            if Self.isHex(b) {
                hex += 1
                if distinct.count < 3 { distinct.insert(b | 0x20) }
            } else if b != 0x2D {
                break
            }
            i += 1
        }
        // `cccc-cccccc-…`, `0000…`: a redaction, not an ID.
        guard distinct.count >= 3 else { return nil }
        // A longer word (letters after the hex run) is not an ID: `deadbeefcafe-rest-of-word`.
        if i < bytes.count, Self.isWordByte(bytes[i]) { return nil }
        guard hex >= 8 else { return nil }
        var end = i
        while end > s, bytes[end - 1] == 0x2D { end -= 1 }
        return string(s..<end)
    }

    /// A date-time after a label or bracket: `2019-08-02 20:42:53Z`, `2021-07-30T02:34:03Z`,
    /// `2024-10-02T22:05:03.6755165Z`; separators skipped first.
    func dateTime(at start: Int) -> String? {
        var i = start
        var skipped = 0
        while i < bytes.count, skipped < 10, [0x20, 0x09, 0x3A, 0x3D, 0x22, 0x27, 0x5B, 0x2B].contains(bytes[i]) {
            i += 1
            skipped += 1
        }
        func digits(_ at: Int, _ n: Int) -> Bool {
            guard at + n <= bytes.count else { return false }
            for k in at..<(at + n) where !(bytes[k] >= 0x30 && bytes[k] <= 0x39) { return false }
            return true
        }
        guard digits(i, 4), i + 19 <= bytes.count, bytes[i + 4] == 0x2D, digits(i + 5, 2), bytes[i + 7] == 0x2D, digits(i + 8, 2),
              bytes[i + 10] == 0x20 || bytes[i + 10] == 0x54, digits(i + 11, 2), bytes[i + 13] == 0x3A, digits(i + 14, 2),
              bytes[i + 16] == 0x3A, digits(i + 17, 2) else { return nil }
        var end = i + 19
        if end < bytes.count, bytes[end] == 0x2E {
            end += 1
            while end < bytes.count, end - i < 32, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        }
        if end < bytes.count, bytes[end] == 0x5A { end += 1 }
        return string(i..<end)
    }

    // MARK: - Bytes

    static func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
    /// Letters, digits and `_`: the bytes of a word.
    static func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == 0x5F }

    // MARK: - Normalization

    /// One pass of escape and entity decoding; nil when the pass changes nothing.
    static func unescaped(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBufferPointer { source -> [UInt8]? in
            let n = source.count
            var special = false
            for i in 0..<n where source[i] == 0x5C || source[i] == 0x26 || source[i] == 0xC2 {
                special = true
                break
            }
            guard special else { return nil }
            var changed = false
            let out = [UInt8](unsafeUninitializedCapacity: n + 8) { buffer, count in
                var o = 0
                var i = 0
                while i < n {
                    let b = source[i]
                    if b == 0x5C, i + 1 < n {
                        let c = source[i + 1]
                        var decoded: UInt8?
                        switch c {
                        case 0x6E: decoded = 0x0A                       // \n
                        case 0x72: decoded = 0x0D                       // \r
                        case 0x74: decoded = 0x09                       // \t
                        case 0x22, 0x27, 0x2F, 0x5C: decoded = c        // \" \' \/ \\
                        case 0x75:                                       // \uXXXX
                            if i + 5 < n, isHex(source[i + 2]), isHex(source[i + 3]), isHex(source[i + 4]), isHex(source[i + 5]) {
                                var v: UInt32 = 0
                                for k in 2...5 { v = v << 4 | UInt32(hexValue(source[i + k])) }
                                var scratch: [UInt8] = []
                                appendUTF8(v, to: &scratch)
                                // The encoding is at most 4 bytes for 6 read: it fits.
                                for byte in scratch { buffer[o] = byte; o += 1 }
                                i += 6
                                changed = true
                                continue
                            }
                        default: break
                        }
                        if let decoded {
                            buffer[o] = decoded
                            o += 1
                            i += 2
                            changed = true
                            continue
                        }
                    } else if b == 0x26, let (decoded, length) = entity(source, at: i) {
                        for byte in decoded { buffer[o] = byte; o += 1 }
                        i += length
                        changed = true
                        continue
                    } else if b == 0xC2, i + 1 < n, source[i + 1] == 0xA0 {
                        buffer[o] = 0x20   // U+00A0 no-break space
                        o += 1
                        i += 2
                        changed = true
                        continue
                    }
                    buffer[o] = b
                    o += 1
                    i += 1
                }
                count = o
            }
            return changed ? out : nil
        }
    }

    static let entities: [([UInt8], [UInt8])] = ([
        ("&lt;", [0x3C]), ("&gt;", [0x3E]), ("&amp;", [0x26]), ("&quot;", [0x22]), ("&apos;", [0x27]),
        ("&#39;", [0x27]), ("&#x27;", [0x27]), ("&#34;", [0x22]), ("&#x22;", [0x22]), ("&nbsp;", [0x20]),
        ("&#x2f;", [0x2F]), ("&#47;", [0x2F]), ("&#x3d;", [0x3D]), ("&#61;", [0x3D]),
    ] as [(String, [UInt8])]).map { (Array($0.0.utf8), $0.1) }

    static func entity(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> ([UInt8], Int)? {
        for (pattern, value) in entities {
            guard i + pattern.count <= input.count else { continue }
            var k = 0
            while k < pattern.count, (input[i + k] | (isLetter(input[i + k]) ? 0x20 : 0)) == pattern[k] { k += 1 }
            if k == pattern.count { return (value, pattern.count) }
        }
        return nil
    }

    static func hexValue(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x61...0x66: return b - 0x61 + 10
        default: return b - 0x41 + 10
        }
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(v) else { out.append(0x3F); return }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// `Trace+ID:+…` or `AADSTS500011:+The+resource`: an iOS/macOS MSAL error dictionary or a
    /// query string pasted as is.
    static func looksFormEncoded(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            func lower(_ i: Int) -> UInt8 { b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i] }
            func matches(_ word: String, endingAt end: Int) -> Bool {
                let w = Array(word.utf8)
                guard end - w.count >= 0 else { return false }
                for k in 0..<w.count where lower(end - w.count + k) != w[k] { return false }
                return true
            }
            func matches(_ word: String, startingAt start: Int) -> Bool {
                let w = Array(word.utf8)
                guard start + w.count <= n else { return false }
                for k in 0..<w.count where lower(start + k) != w[k] { return false }
                return true
            }
            // Every marker has a `+` in it: look only around those.
            var i = 0
            while i < n {
                if b[i] == 0x2B {
                    if matches("trace", endingAt: i) && matches("id", startingAt: i + 1) { return true }
                    if matches("correlation", endingAt: i) && matches("id", startingAt: i + 1) { return true }
                    if matches("timestamp:", endingAt: i) { return true }
                    if matches("the+", startingAt: i + 1) { return true }
                }
                i += 1
            }
            return false
        }
    }

    static func formDecoded(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let b = input[i]
            if b == 0x2B {
                out.append(0x20)
            } else if b == 0x25, i + 2 < input.count, isHex(input[i + 1]), isHex(input[i + 2]) {
                out.append(hexValue(input[i + 1]) << 4 | hexValue(input[i + 2]))
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
