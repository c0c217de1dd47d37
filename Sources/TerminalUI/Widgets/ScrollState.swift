/// Selection and scroll offset of a list or table: keeps the selected row inside the visible window.
public struct ScrollState: Equatable, Sendable {
    /// The selected row (0-based).
    public var selected: Int
    /// The first visible row.
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta` rows (negative = up), stopping at the ends, and scrolls
    /// just enough to keep it visible.
    public mutating func move(by delta: Int, count: Int, visible: Int) {
        let (sum, overflow) = selected.addingReportingOverflow(delta)
        selected = overflow ? (delta < 0 ? 0 : count - 1) : sum
        clamp(count: count, visible: visible)
    }

    /// Brings both values back into range after the rows or the window changed.
    public mutating func clamp(count: Int, visible: Int) {
        guard count > 0 else {
            selected = 0
            offset = 0
            return
        }
        let window = max(1, visible)
        selected = min(max(0, selected), count - 1)
        offset = min(max(0, offset), max(0, count - window))
        if selected < offset { offset = selected }
        if selected >= offset + window { offset = selected - window + 1 }
    }

    /// The rows to draw: offset ..< offset + visible, cut at `count`.
    public func visibleRange(count: Int, visible: Int) -> Range<Int> {
        let start = min(max(0, offset), max(0, count))
        return start..<min(count, start + max(0, visible))
    }
}
