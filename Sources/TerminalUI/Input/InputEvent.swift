/// Everything the input decoder produces.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// One bracketed paste, whole (line breaks as "\n"; otherwise raw: sanitise before display).
    case paste(String)
    case mouse(MouseEvent)
}
