/// Incremental UTF-8 decoding of one scalar from a byte buffer, tolerant of any input.
enum UTF8Scan {
    enum Result: Equatable {
        /// More bytes are needed (the sequence so far is a valid prefix that runs to the end).
        case incomplete
        /// A scalar (U+FFFD for an invalid sequence) and how many bytes it used.
        case scalar(Unicode.Scalar, length: Int)
    }

    /// Decodes the scalar starting at `index` (which must be in bounds). An invalid lead byte, or a
    /// valid prefix broken by a bad continuation byte, yields U+FFFD for the bytes consumed so far
    /// (the "maximal subpart" rule), so decoding always makes progress.
    static func decode(_ bytes: [UInt8], at index: Int) -> Result {
        let lead = bytes[index]
        if lead < 0x80 { return .scalar(Unicode.Scalar(lead), length: 1) }
        let need: Int
        let second: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: need = 1; second = 0x80...0xBF
        case 0xE0: need = 2; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: need = 2; second = 0x80...0xBF
        case 0xED: need = 2; second = 0x80...0x9F          // no surrogates
        case 0xF0: need = 3; second = 0x90...0xBF          // no overlongs
        case 0xF1...0xF3: need = 3; second = 0x80...0xBF
        case 0xF4: need = 3; second = 0x80...0x8F          // nothing above U+10FFFF
        default: return .scalar(replacement, length: 1)
        }
        var value = UInt32(lead) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
        for k in 1...need {
            guard index + k < bytes.count else { return .incomplete }
            let byte = bytes[index + k]
            let allowed = k == 1 ? second : 0x80...0xBF
            guard allowed.contains(byte) else { return .scalar(replacement, length: k) }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        return .scalar(Unicode.Scalar(value) ?? replacement, length: need + 1)
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The length of a trailing sequence that is cut short (0 if the buffer ends on a boundary),
    /// so a truncated paste does not end in a replacement character.
    static func incompleteSuffixLength(_ bytes: [UInt8]) -> Int {
        var back = 1
        while back <= 3 && back <= bytes.count {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 != 0x80 {
                if byte < 0x80 { return 0 }
                if case .incomplete = decode(Array(bytes.suffix(back)), at: 0) { return back }
                return 0
            }
            back += 1
        }
        return 0
    }
}
