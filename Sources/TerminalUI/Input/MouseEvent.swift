/// A mouse report (SGR 1006, or the legacy X10 form), with 0-based cell coordinates.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Button 0 = left, 1 = middle, 2 = right.
        case press(button: Int)
        case release
        case scrollUp
        case scrollDown
        case drag
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
