/// The activity indicator shown while an exchange runs.
public enum Spinner {
    /// Braille frames: one column wide everywhere, and they animate smoothly at ~10 fps.
    public static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// The frame for `tick` (any integer, including negative ones).
    public static func frame(_ tick: Int) -> String {
        let count = frames.count
        return frames[((tick % count) + count) % count]
    }
}
