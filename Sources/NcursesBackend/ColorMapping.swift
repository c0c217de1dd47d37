import CNcursesw
import TerminalUI

/// TerminalUI styles → ncurses colour numbers and attribute bits.
enum ColorMapping {
    /// - Parameters:
    ///   - colors: the terminal's COLORS.
    ///   - defaultColors: whether `use_default_colors()` succeeded, i.e. -1 is a valid colour.
    ///   - isForeground: the fallback when -1 is not available (white on black).
    static func number(for color: Color, colors: Int, defaultColors: Bool, isForeground: Bool) -> Int16 {
        let fallback: Int16 = defaultColors ? -1 : (isForeground ? 7 : 0)
        switch color {
        case .default:
            return fallback
        case .indexed(let index):
            let index = Int(index)
            if index < colors { return Int16(index) }
            // The Explorer adapts themes to the detected depth; this only guards against a
            // theme that was not adapted: bright ANSI → its normal colour, anything else → default.
            if index < 16 && index - 8 < colors { return Int16(index - 8) }
            return fallback
        }
    }

    static func attributes(_ attributes: TextAttributes) -> attr_t {
        var bits = cnc_a_normal()
        if attributes.contains(.bold) { bits |= cnc_a_bold() }
        if attributes.contains(.dim) { bits |= cnc_a_dim() }
        if attributes.contains(.underline) { bits |= cnc_a_underline() }
        if attributes.contains(.reverse) { bits |= cnc_a_reverse() }
        if attributes.contains(.italic) { bits |= cnc_a_italic() }
        return bits
    }
}
