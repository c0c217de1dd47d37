extension Canvas {
    /// One-character strings for printable ASCII, built once: the hot path stores these without
    /// creating a String per cell.
    static let asciiCells: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    /// Longest grapheme kept in one cell, in scalars. Emoji ZWJ sequences stay whole; a "Zalgo"
    /// pile of combining marks is cut so one cell cannot hold unbounded text.
    static let maxScalarsPerCell = 32

    /// Writes one line of text at (x, y): sanitised (control characters become visible pictures,
    /// never raw), newlines shown as spaces, clipped at `maxWidth` columns from `x` and at the canvas
    /// edges. Wide characters take two cells; one that would straddle the clip edge becomes a space.
    /// A combining mark at the start attaches to the cell before `x`.
    /// Returns the number of columns written inside the canvas.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        // x far below zero could overflow column arithmetic; nothing could be visible there anyway.
        guard y >= 0, y < size.rows, !text.isEmpty, x > Int.min / 2 else { return 0 }
        var limit = size.columns
        if let maxWidth {
            let (end, overflow) = x.addingReportingOverflow(max(0, maxWidth))
            if !overflow { limit = min(limit, end) }
        }
        guard x < limit else { return 0 }
        if let written = writeASCII(text, x: x, y: y, style: style, limit: limit) { return written }
        return writeUnicode(text, x: x, y: y, style: style, limit: limit)
    }

    /// The fast path for printable ASCII (most of a screen): nil if the text has anything else.
    private mutating func writeASCII(_ text: String, x: Int, y: Int, style: Style, limit: Int) -> Int? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let first = max(x, 0)
        let end = min(limit, x + min(utf8.count, limit - x))
        guard first < end else { return 0 }
        let base = y * size.columns
        breakWide(at: base + first, column: first)
        breakWide(at: base + end - 1, column: end - 1)
        let table = Canvas.asciiCells
        var column = x
        for byte in utf8 {
            if column >= end { break }
            if column >= first { cells[base + column] = Cell(text: table[Int(byte)], style: style) }
            column += 1
        }
        return end - first
    }

    private mutating func writeUnicode(_ text: String, x: Int, y: Int, style: Style, limit: Int) -> Int {
        var column = x
        var written = 0
        // The cell a zero-width grapheme attaches to: the last one written, or the one before `x`.
        var previous: Int? = x > 0 ? x - 1 : nil
        for character in text {
            if column >= limit { break }
            let width = TextWidth.of(character)
            if width == 0 {
                if let p = previous, p >= 0, p < size.columns { attach(character, column: p, row: y) }
                continue
            }
            let glyph = Canvas.glyph(for: character)
            if width == 1 {
                if column >= 0 {
                    put(glyph, style: style, column: column, row: y)
                    written += 1
                }
                previous = column
                column += 1
                continue
            }
            // Wide: both halves must fit; a half that is clipped turns the visible half into a space.
            let leftVisible = column >= 0
            let rightVisible = column + 1 >= 0 && column + 1 < limit
            if leftVisible && rightVisible {
                put(glyph, style: style, column: column, row: y)
                put(" ", style: style, column: column + 1, row: y)
                cells[y * size.columns + column + 1].text = ""
                written += 2
            } else if leftVisible {
                put(" ", style: style, column: column, row: y)
                written += 1
            } else if rightVisible {
                put(" ", style: style, column: column + 1, row: y)
                written += 1
            }
            previous = column
            column += 2
        }
        return written
    }

    /// Appends a zero-width grapheme (combining mark, ZWJ, variation selector) to an existing cell;
    /// a right half attaches to its wide character.
    private mutating func attach(_ character: Character, column: Int, row: Int) {
        var index = row * size.columns + column
        if cells[index].text.isEmpty, column > 0 { index -= 1 }
        let current = cells[index].text
        guard !current.isEmpty, current.unicodeScalars.count < Canvas.maxScalarsPerCell else { return }
        let combined = current + TerminalSanitizer.clean(String(character))
        // A late U+FE0F would turn "❤" into a two-column "❤️" in a one-column cell: drop it instead.
        guard TextWidth.of(combined) == TextWidth.of(current) else { return }
        cells[index].text = combined
    }

    /// The sanitised text a one- or two-column grapheme is stored as.
    static func glyph(for character: Character) -> String {
        if let ascii = character.asciiValue {
            switch ascii {
            case 0x20..<0x7F: return asciiCells[Int(ascii)]
            case 0x0A, 0x0D, 0x09: return " "   // newline (also CR LF) and tab: a space on one line
            default: return TerminalSanitizer.clean(String(character))
            }
        }
        var text = TerminalSanitizer.clean(String(character))
        if text.unicodeScalars.count > maxScalarsPerCell {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxScalarsPerCell)))
        }
        return text
    }
}
