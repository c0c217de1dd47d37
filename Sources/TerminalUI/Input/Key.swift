/// A key press, decoded from the terminal's bytes.
public enum Key: Hashable, Sendable {
    /// Printable text (including space): one grapheme, or one scalar of a grapheme typed in pieces.
    case character(Character)
    case enter, tab, backTab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)
    /// Ctrl+letter as lowercase a…z (Ctrl-I, Ctrl-M, Ctrl-H arrive as .tab, .enter, .backspace);
    /// Ctrl-Space/Ctrl-@ as "@", and Ctrl-\ ] ^ _ as those characters.
    case control(Character)
    /// ESC followed by a printable character (Alt/Meta+key).
    case alt(Character)
}
