public import TerminalUI

/// The colour depth to draw with, as a pure function of what the environment and terminfo say,
/// so the rules are testable without a terminal.
public enum ColorDepthDetection {
    /// - Parameters:
    ///   - noColor: the `NO_COLOR` environment variable; any non-empty value turns colour off
    ///     (https://no-color.org: "when present and not an empty string").
    ///   - hasColors: ncurses' `has_colors()`.
    ///   - colors: ncurses' `COLORS`.
    public static func detect(noColor: String?, hasColors: Bool, colors: Int) -> ColorDepth {
        if let noColor, !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        if colors >= 256 { return .full }
        if colors >= 16 { return .sixteen }
        // A "colour" terminal with fewer than the eight ANSI colours cannot show the 8-colour
        // theme faithfully; attributes alone read better than misassigned colours.
        if colors >= 8 { return .eight }
        return .none
    }
}
