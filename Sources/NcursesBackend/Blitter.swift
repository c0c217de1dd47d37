import CNcursesw
import TerminalUI

/// Copies a Canvas onto ncurses' current screen. Separate from TerminalSession so tests can run
/// it against a headless `newterm` screen without a tty.
///
/// Each frame is drawn in full after `erase()`; ncurses compares with what the terminal shows and
/// sends only the difference, so this stays cheap.
struct Blitter {
    private var pairs: ColorPairAllocator
    private let usesColor: Bool
    private let colors: Int
    private let defaultColors: Bool
    private var cursorVisible: Bool?

    /// Sets up colour on the current screen (unless the depth is `.none` or the terminal has none).
    init(colorDepth: ColorDepth) {
        if colorDepth != .none && has_colors() {
            start_color()
            // -1 = the terminal's own foreground/background, which is what `Color.default` means
            // (a user's translucent or light background shows through).
            defaultColors = use_default_colors() == OK
            usesColor = true
        } else {
            defaultColors = false
            usesColor = false
        }
        colors = Int(cnc_colors())
        pairs = ColorPairAllocator(colorPairs: usesColor ? Int(cnc_color_pairs()) : 0)
    }

    mutating func draw(_ canvas: Canvas) {
        let screen = cnc_stdscr()
        werase(screen)
        let rows = min(canvas.size.rows, Int(getmaxy(screen)))
        let columns = Int(getmaxx(screen))
        for y in 0..<max(0, rows) {
            for run in canvas.runs(row: y) where run.x >= 0 && run.x < columns {
                let segments = Self.segments(of: run.text, at: run.x, columns: columns)
                guard !segments.isEmpty else { continue }
                wattr_set(screen, ColorMapping.attributes(run.style.attributes), pair(for: run.style), nil)
                for segment in segments {
                    // The narrow API takes UTF-8 once the locale is UTF-8 (TerminalSession sees to
                    // it). At the bottom-right cell it returns ERR because the cursor cannot
                    // advance, but the character is drawn (scrollok is off): the result is ignored.
                    _ = mvwaddstr(screen, Int32(y), Int32(segment.x), segment.text)
                }
            }
        }
        wattr_set(screen, cnc_a_normal(), 0, nil)
        placeCursor(canvas, rows: rows, columns: columns)
        wrefresh(screen)
    }

    private mutating func placeCursor(_ canvas: Canvas, rows: Int, columns: Int) {
        let screen = cnc_stdscr()
        if let cursor = canvas.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            setCursorVisible(true)
            wmove(screen, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
    }

    private mutating func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0) // ERR on terminals that cannot hide it: nothing to do
    }

    private mutating func pair(for style: Style) -> Int16 {
        guard usesColor else { return 0 }
        let foreground = ColorMapping.number(for: style.foreground, colors: colors, defaultColors: defaultColors, isForeground: true)
        let background = ColorMapping.number(for: style.background, colors: colors, defaultColors: defaultColors, isForeground: false)
        return pairs.pair(foreground: foreground, background: background) { number, fg, bg in
            init_pair(number, fg, bg) == OK
        }
    }

    /// A run cut into pieces that each start at their own canvas column: stretches of printable
    /// ASCII stay whole (one call for most of a screen), every other character is placed on its
    /// own. So where glibc's wcwidth (which ncurses uses) and TextWidth disagree about a
    /// character (an emoji, a new Unicode version), the damage stays in that cell instead of
    /// shifting the rest of the run. Clipped to `columns`; a control character (which the Canvas
    /// should already have replaced) becomes a space, so it never reaches the terminal and the
    /// columns stay aligned.
    static func segments(of text: String, at x: Int, columns: Int) -> [(x: Int, text: String)] {
        var segments: [(x: Int, text: String)] = []
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let fitting = min(text.utf8.count, columns - x)
            if fitting > 0 { segments.append((x, fitting == text.utf8.count ? text : String(text.prefix(fitting)))) }
            return segments
        }
        var column = x
        var ascii = ""
        var asciiStart = x
        func flush() {
            if !ascii.isEmpty { segments.append((asciiStart, ascii)) }
            ascii = ""
        }
        for character in text {
            if let value = character.asciiValue, value >= 0x20, value < 0x7F {
                guard column < columns else { break }
                if ascii.isEmpty { asciiStart = column }
                ascii.append(character)
                column += 1
                continue
            }
            flush()
            let isControl = character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            // The Canvas gives every stored grapheme at least one cell; wide ones two.
            let width = isControl ? 1 : max(1, TextWidth.of(character))
            guard column + width <= columns else { break }
            segments.append((column, isControl ? " " : String(character)))
            column += width
        }
        flush()
        return segments
    }
}
