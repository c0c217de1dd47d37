/// The private modes the session switches on and must switch off again on every exit path
/// (normal end, signal, crash).
enum TerminalModes {
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    /// 1000: button press/release reports; 1006: SGR encoding (no 223-column limit).
    static let mouseOn = "\u{1B}[?1000h\u{1B}[?1006h"
    static let mouseOff = "\u{1B}[?1006l\u{1B}[?1000l"

    /// Everything `end()` and the crash handler send; switching off a mode that was never on is harmless.
    static let allOff = bracketedPasteOff + mouseOff
}
