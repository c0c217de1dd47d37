public import TerminalUI

/// How the explorer wants the terminal set up.
public struct TerminalOptions: Sendable {
    /// SGR mouse reports (modes 1000 + 1006). Off by default: with it on, the terminal's own
    /// selection needs Shift, which surprises people who only want to copy a claim.
    public var mouse: Bool
    /// nil detects from the terminal (`NO_COLOR` → `.none`); a value overrides detection.
    public var colorDepth: ColorDepth?

    public init(mouse: Bool = false, colorDepth: ColorDepth? = nil) {
        self.mouse = mouse
        self.colorDepth = colorDepth
    }
}
