/// How many colours the terminal can show; themes are mapped down to it.
public enum ColorDepth: Equatable, Sendable {
    /// No colour (NO_COLOR, or a monochrome terminal): attributes only.
    case none
    /// The 8 basic ANSI colours.
    case eight
    /// The 16 ANSI colours.
    case sixteen
    /// The xterm 256-colour palette.
    case full

    /// From terminfo's `colors` (ncurses `COLORS`).
    public init(colors: Int) {
        switch colors {
        case 256...: self = .full
        case 16..<256: self = .sixteen
        case 8..<16: self = .eight
        default: self = .none
        }
    }
}
