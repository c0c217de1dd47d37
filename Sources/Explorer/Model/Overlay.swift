public import TerminalUI
public import TokenScopeCore

/// A dialog over the panes. While one is open it takes every key.
public enum Overlay: Equatable, Sendable {
    /// The key reference. `/` starts filtering it: while `filtering`, keys type into `filter` (letters
    /// never act); otherwise they scroll and close, like a pager.
    case help(filter: TextField, offset: Int, filtering: Bool)
    /// This session's runs; Enter re-opens one.
    case history(selected: Int)
    /// The demo cases the executable offers (sandbox scenarios); Enter loads one.
    case presets(selected: Int)
    /// "Which flow do I need?"
    case flowChooser(FlowChooserState)
}

public struct FlowChooserState: Equatable, Sendable {
    public var answers = FlowChooser.Answers()
    public var selected = 0

    public init() {}

    public var step: FlowChooser.Step { FlowChooser.next(answers) }
}
