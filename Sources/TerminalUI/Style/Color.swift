/// A terminal colour: the terminal's own default, or an xterm palette index (0–15 are the ANSI
/// colours whose exact look the user's terminal decides; 16–231 the 6×6×6 cube; 232–255 greys).
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)
}

extension Color {
    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let brightBlack = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)
}
