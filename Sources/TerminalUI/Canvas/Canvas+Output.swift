extension Canvas {
    /// A horizontal stretch of cells with one style, for blitting.
    public struct Run: Equatable, Sendable {
        /// The column of the first cell.
        public let x: Int
        /// The cells' text concatenated (wide characters once, their right halves skipped).
        public let text: String
        public let style: Style

        public init(x: Int, text: String, style: Style) {
            self.x = x
            self.text = text
            self.style = style
        }
    }

    /// Rows joined by "\n", trailing spaces of each row trimmed: what the screen reads as, for tests.
    public var plainText: String {
        var out = ""
        out.reserveCapacity(size.columns * size.rows + size.rows)
        for row in 0..<size.rows {
            if row > 0 { out.append("\n") }
            out.append(line(row))
        }
        return out
    }

    /// One row's text with trailing spaces trimmed.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < size.rows else { return "" }
        let base = row * size.columns
        var end = size.columns
        while end > 0, cells[base + end - 1].text == " " { end -= 1 }
        var out = ""
        for index in base..<(base + end) { out.append(cells[index].text) }
        return out
    }

    /// Maximal runs of equal style in row `y`; continuation cells are skipped (they do not break a run).
    public func runs(row y: Int) -> [Run] {
        guard y >= 0, y < size.rows, size.columns > 0 else { return [] }
        let base = y * size.columns
        var result: [Run] = []
        var start = 0
        var style = cells[base].style
        var text = ""
        for column in 0..<size.columns {
            let cell = cells[base + column]
            if cell.text.isEmpty { continue }
            if cell.style != style {
                if !text.isEmpty { result.append(Run(x: start, text: text, style: style)) }
                start = column
                style = cell.style
                text = ""
            }
            text.append(cell.text)
        }
        if !text.isEmpty { result.append(Run(x: start, text: text, style: style)) }
        return result
    }
}
