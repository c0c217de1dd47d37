extension TextField {
    /// The glyph shown for each character of a masked field.
    public static let maskGlyph: Character = "•"

    /// Draws the field on the first row of `rect`. When the text is wider than the row it scrolls
    /// horizontally so the cursor stays visible, with "…" marking text cut off on either side.
    /// A masked field shows one "•" per character unless `reveal`. An empty field shows the
    /// placeholder. When `focused`, the canvas cursor is placed at the text cursor.
    public func render(
        into canvas: inout Canvas, at rect: Rect, style: Style, focused: Bool,
        placeholder: String?, placeholderStyle: Style, reveal: Bool
    ) {
        guard rect.width > 0, rect.height > 0 else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        canvas.fill(row, style: style)
        if text.isEmpty {
            if let placeholder {
                canvas.write(TextWidth.truncate(placeholder, to: row.width), x: row.x, y: row.y, style: placeholderStyle, maxWidth: row.width)
            }
            if focused { canvas.cursor = (row.x, row.y) }
            return
        }
        let masked = isMasked && !reveal
        let shown = masked ? String(repeating: TextField.maskGlyph, count: text.count) : text
        let position = min(max(0, cursor), text.count)
        let cursorIndex = shown.index(shown.startIndex, offsetBy: position)
        let atEnd = cursorIndex == shown.endIndex
        let cursorWidth = atEnd ? 1 : TextWidth.of(shown[cursorIndex])
        // Text that fits whole needs no scrolling; otherwise, with text after the cursor, keep the
        // last column for the "…" that says so.
        let fitsWhole = TextWidth.of(shown) + (atEnd ? 1 : 0) <= row.width
        let reserveRight = !fitsWhole && !atEnd ? 1 : 0
        let (start, scrolled) = fitsWhole
            ? (shown.startIndex, false)
            : TextField.windowStart(shown, cursor: cursorIndex, cursorWidth: cursorWidth + reserveRight, width: row.width)

        var x = row.x
        if scrolled {
            canvas.write("…", x: x, y: row.y, style: style)
            x += 1
        }
        let cursorX = x + TextWidth.of(String(shown[start..<cursorIndex]))
        // Take graphemes from the window start while they fit, keeping the marker column if cut.
        var end = start
        var used = x - row.x
        while end < shown.endIndex {
            let w = TextWidth.of(shown[end])
            if used + w > row.width { break }
            used += w
            end = shown.index(after: end)
        }
        if end < shown.endIndex {
            while used > row.width - 1, end > cursorIndex, end > start {
                end = shown.index(before: end)
                used -= TextWidth.of(shown[end])
            }
        }
        canvas.write(String(shown[start..<end]), x: x, y: row.y, style: style, maxWidth: row.maxX - x)
        if end < shown.endIndex, cursorX < row.maxX - 1 {
            canvas.write("…", x: row.maxX - 1, y: row.y, style: style)
        }
        if focused { canvas.cursor = (min(cursorX, row.maxX - 1), row.y) }
    }

    /// The first grapheme to show so that the cursor cell fits: from the start if possible,
    /// otherwise as far back from the cursor as fits after a one-column "…".
    static func windowStart(_ shown: String, cursor: String.Index, cursorWidth: Int, width: Int) -> (String.Index, Bool) {
        var start = cursor
        var used = 0
        let unscrolledBudget = width - cursorWidth
        while start > shown.startIndex {
            let previous = shown.index(before: start)
            let w = TextWidth.of(shown[previous])
            if used + w > unscrolledBudget { break }
            used += w
            start = previous
        }
        if start == shown.startIndex { return (start, false) }
        // Scrolled: leave a column for the marker, dropping graphemes from the left until it fits.
        let budget = width - cursorWidth - 1
        guard budget >= 0 else { return (cursor, false) }
        while used > budget, start < cursor {
            used -= TextWidth.of(shown[start])
            start = shown.index(after: start)
        }
        return (start, true)
    }
}
