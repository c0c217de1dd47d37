extension Canvas {
    /// Draws a single-line frame on the edge of `rect` (the inside is left alone) with an optional
    /// " title " in the top edge, truncated with "…" to fit between the corners.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        for column in (rect.x + 1)..<right {
            putClipped("─", style: style, column: column, row: rect.y)
            putClipped("─", style: style, column: column, row: bottom)
        }
        for row in (rect.y + 1)..<bottom {
            putClipped("│", style: style, column: rect.x, row: row)
            putClipped("│", style: style, column: right, row: row)
        }
        putClipped("┌", style: style, column: rect.x, row: rect.y)
        putClipped("┐", style: style, column: right, row: rect.y)
        putClipped("└", style: style, column: rect.x, row: bottom)
        putClipped("┘", style: style, column: right, row: bottom)
        guard let title, !title.isEmpty else { return }
        // "┌─ Title ───┐" when there is room, "┌ Title┐" when narrow.
        let start = rect.width >= 8 ? rect.x + 2 : rect.x + 1
        let room = right - start
        guard room >= 3 else { return }
        let label = " " + TextWidth.truncate(TerminalSanitizer.clean(title), to: room - 2) + " "
        write(label, x: start, y: rect.y, style: titleStyle ?? style, maxWidth: room)
    }

    /// Puts a one-column glyph if (column, row) is on the canvas.
    private mutating func putClipped(_ glyph: String, style: Style, column: Int, row: Int) {
        guard column >= 0, row >= 0, column < size.columns, row < size.rows else { return }
        put(glyph, style: style, column: column, row: row)
    }
}
