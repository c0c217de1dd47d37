/// Terminal column widths, following what terminals and glibc's wcwidth do: East Asian Wide and
/// Fullwidth characters and emoji take 2 columns, combining marks and zero-width format characters 0,
/// everything else 1. Control characters count as 1 because the Canvas shows them as one-column
/// visible pictures (see TerminalSanitizer): a width computed here always matches what `Canvas.write` uses.
public enum TextWidth {
    /// Columns `text` occupies when written to a Canvas.
    public static func of(_ text: String) -> Int {
        // ASCII fast path: one column per byte. CR is excluded because CR LF is one grapheme (one column).
        var ascii = true
        var count = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte == 0x0D { ascii = false; break }
            count += 1
        }
        if ascii { return count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Columns of one grapheme: its first non-zero-width scalar decides, except that an emoji
    /// variation selector (U+FE0F) or a regional-indicator pair (a flag) makes it 2.
    public static func of(_ character: Character) -> Int {
        if character.asciiValue != nil { return 1 }
        var columns = 0
        var base: Unicode.Scalar?
        for scalar in character.unicodeScalars {
            guard let first = base else {
                let w = width(of: scalar)
                if w > 0 { base = scalar; columns = w }
                continue
            }
            if scalar.value == 0xFE0F || (isRegionalIndicator(first) && isRegionalIndicator(scalar)) {
                columns = 2
            }
        }
        return columns
    }

    /// Columns of one scalar on its own.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }   // ASCII, Latin-1 (controls and C1 become one-column pictures)
        if isZeroWidth(scalar) { return 0 }
        return isWide(v) ? 2 : 1
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// Combining marks, zero-width format characters, Hangul medial vowels and final consonants.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true        // Hangul jungseong/jongseong
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return false   // shown as U+FFFD
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD: return false  // spacing prepend marks
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        let ranges = WideRanges.ranges
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let (lower, upper) = ranges[mid]
            if v < lower {
                high = mid - 1
            } else if v > upper {
                low = mid + 1
            } else {
                return true
            }
        }
        // Emoji newer than the table's Unicode version.
        if v >= 0x1F000, let scalar = Unicode.Scalar(v) { return scalar.properties.isEmojiPresentation }
        return false
    }
}
