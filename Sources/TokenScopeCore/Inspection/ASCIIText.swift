/// Comparisons the inspector makes on claim values: on bytes when the value is ASCII (the usual
/// case), with the same answer as the `String` operations they stand for.
enum ASCIIText {
    /// `value?.lowercased() == lowercase`, for an ASCII `lowercase`. An ASCII value lowercases byte
    /// by byte; any other value takes `lowercased()`.
    static func lowercased(_ value: String?, equals lowercase: String) -> Bool {
        guard let value else { return false }
        // nil: the value is not ASCII.
        let asciiEqual: Bool? = value.withUTF8Bytes { a in
            lowercase.withUTF8Bytes { b -> Bool? in
                if a.count == b.count {
                    var i = 0
                    while i < a.count, a[i] < 0x80, TokenExtractor.asciiLower(a[i]) == b[i] { i += 1 }
                    if i == a.count { return true }
                }
                // Unequal as ASCII: the answer, unless a non-ASCII byte leaves it to `lowercased()`.
                return a.contains { $0 >= 0x80 } ? nil : false
            }
        }
        return asciiEqual ?? (value.lowercased() == lowercase)
    }

    /// `text.contains(needle)` (Character semantics) for an ASCII needle. A Character match needs
    /// the needle's bytes in a row, so their absence (the usual case) answers without Character work.
    static func contains(_ text: String, _ needle: String) -> Bool {
        let bytesFound = text.withUTF8Bytes { t in
            needle.withUTF8Bytes { n -> Bool in
                guard let first = n.first else { return true }
                guard t.count >= n.count else { return false }
                for i in 0...(t.count - n.count) where t[i] == first {
                    var j = 1
                    while j < n.count, t[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                return false
            }
        }
        return bytesFound && text.contains(needle)
    }

    // MARK: - On the bytes of an ASCII text (the caller has checked there are no others)

    /// The bytes, ASCII letters lowercased, equal `lowercase` (itself lowercase ASCII).
    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, equals lowercase: String) -> Bool {
        bytes.count == lowercase.utf8.count && lowercased(bytes, matches: lowercase, at: 0)
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, hasPrefix lowercase: String) -> Bool {
        bytes.count >= lowercase.utf8.count && lowercased(bytes, matches: lowercase, at: 0)
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, hasSuffix lowercase: String) -> Bool {
        let n = lowercase.utf8.count
        return bytes.count >= n && lowercased(bytes, matches: lowercase, at: bytes.count - n)
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, equals lowercase: StaticString) -> Bool {
        let n = lowercase.utf8CodeUnitCount, p = lowercase.utf8Start
        guard bytes.count == n else { return false }
        for i in 0..<n where TokenExtractor.asciiLower(bytes[i]) != p[i] { return false }
        return true
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, matches lowercase: String, at offset: Int) -> Bool {
        var i = offset
        for b in lowercase.utf8 {
            guard TokenExtractor.asciiLower(bytes[i]) == b else { return false }
            i += 1
        }
        return true
    }
}
