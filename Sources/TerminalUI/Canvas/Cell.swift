/// One screen cell: a single grapheme (already sanitised) and its style.
public struct Cell: Hashable, Sendable {
    /// One grapheme; " " when blank; "" for the right half of a wide character.
    public var text: String
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell(text: " ", style: .plain)

    /// True for the placeholder cell to the right of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}
