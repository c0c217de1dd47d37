public import TerminalUI
public import TokenScopeCore

/// A dialog over the panes. While one is open it takes every key.
public enum Overlay: Equatable, Sendable {
    /// The key reference; typing filters it (a text field: letters never act).
    case help(filter: TextField, offset: Int)
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
