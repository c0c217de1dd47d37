/// Comparisons the inspector makes on claim values: on bytes when the value is ASCII (the usual
/// case), with the same answer as the `String` operations they stand for.
enum ASCIIText {
    /// `value?.lowercased() == lowercase`, for an ASCII `lowercase`. An ASCII value lowercases byte
    /// by byte; any other value takes `lowercased()`.
    static func lowercased(_ value: String?, equals lowercase: String) -> Bool {
        guard var value else { return false }
        var target = lowercase
        // nil: the value is not ASCII.
        let asciiEqual: Bool? = value.withUTF8 { a in
            target.withUTF8 { b -> Bool? in
                var equal = a.count == b.count, high: UInt8 = 0
                for i in 0..<a.count {
                    high |= a[i]
                    if equal, TokenExtractor.asciiLower(a[i]) != b[i] { equal = false }
                }
                return high < 0x80 ? equal : nil
            }
        }
        return asciiEqual ?? (value.lowercased() == lowercase)
    }

    /// `text.contains(needle)` (Character semantics) for an ASCII needle. A Character match needs
    /// the needle's bytes in a row, so their absence (the usual case) answers without Character work.
    static func contains(_ text: String, _ needle: String) -> Bool {
        var t = text, n = needle
        let bytesFound = t.withUTF8 { t in
            n.withUTF8 { n -> Bool in
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
}
