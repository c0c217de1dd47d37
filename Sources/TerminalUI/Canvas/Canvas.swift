/// A grid of styled cells: the whole look of one frame, as a value. Views render into it; the
/// backend blits it (`runs(row:)`); tests compare `plainText` and cell styles.
///
/// Invariants kept by every mutation: cell text is sanitised (no control character, DEL or ESC),
/// and a wide character occupies two cells, the right one holding "" — never half of one.
/// Storage is one flat row-major array so a full-screen render is a handful of allocations.
public struct Canvas: Equatable, Sendable {
    public let size: Size
    var cells: [Cell]
    private var cursorX = 0
    private var cursorY = 0
    private var cursorVisible = false

    public init(size: Size, style: Style = .plain) {
        let clamped = Size(columns: max(0, size.columns), rows: max(0, size.rows))
        self.size = clamped
        self.cells = Array(repeating: Cell(text: " ", style: style), count: clamped.columns * clamped.rows)
    }

    /// The cell at (x, y); a blank plain cell outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.columns, y < size.rows else { return .blank }
        return cells[y * size.columns + x]
    }

    /// Where the backend shows the terminal cursor; nil hides it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorVisible ? (cursorX, cursorY) : nil }
        set {
            if let newValue {
                cursorX = newValue.x
                cursorY = newValue.y
                cursorVisible = true
            } else {
                cursorX = 0
                cursorY = 0
                cursorVisible = false
            }
        }
    }

    /// Blanks the cell at `index` and its partner if it is one half of a wide character, so a
    /// write that covers only one half never leaves a dangling half behind.
    @inline(__always)
    mutating func breakWide(at index: Int, column: Int) {
        if cells[index].text.isEmpty {
            if column > 0 { cells[index - 1].text = " " }
            cells[index].text = " "
        }
        if column + 1 < size.columns, cells[index + 1].text.isEmpty {
            cells[index + 1].text = " "
        }
    }

    /// Sets one cell (text already sanitised and exactly one column wide), repairing wide neighbours.
    @inline(__always)
    mutating func put(_ text: String, style: Style, column: Int, row: Int) {
        let index = row * size.columns + column
        breakWide(at: index, column: column)
        cells[index] = Cell(text: text, style: style)
    }

    /// Fills `rect` (clipped) with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(Rect(size: size))
        guard !r.isEmpty else { return }
        let blank = Cell(text: " ", style: style)
        for row in r.y..<r.maxY {
            let base = row * size.columns
            // Only the edges can cut a wide character in two; the interior is overwritten whole.
            breakWide(at: base + r.x, column: r.x)
            breakWide(at: base + r.maxX - 1, column: r.maxX - 1)
            for index in (base + r.x)..<(base + r.maxX) { cells[index] = blank }
        }
    }

    /// Replaces the style of every cell in `rect` (clipped), keeping the text (e.g. a selection bar).
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(Rect(size: size))
        guard !r.isEmpty else { return }
        for row in r.y..<r.maxY {
            let base = row * size.columns
            for index in (base + r.x)..<(base + r.maxX) { cells[index].style = style }
        }
    }
}

extension Canvas {
    /// Equality includes the cursor (a tuple is not Equatable, so compare the stored parts).
    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.size == rhs.size && lhs.cursorVisible == rhs.cursorVisible && lhs.cursorX == rhs.cursorX
            && lhs.cursorY == rhs.cursorY && lhs.cells == rhs.cells
    }
}
