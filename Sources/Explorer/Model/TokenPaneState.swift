public import TerminalUI

/// The token pane: the input, what it decoded to, and how the user is looking at it.
public struct TokenPaneState: Equatable, Sendable {
    public enum View: String, Equatable, Sendable, CaseIterable {
        case claims, header, raw
    }

    public var input = TextField()
    /// The text exactly as pasted or typed (a paste may hold newlines: JSON, wrapped tokens).
    public var raw = ""
    public var editing = false
    public var inspected: InspectedPaste?
    /// Which token of a multi-token paste (a token response) is shown.
    public var selectedToken = 0
    public var rows = ScrollState(selected: 0, offset: 0)
    public var view: View = .claims
    /// The claim filter typed after `/`.
    public var search = TextField()
    public var searching = false

    public init() {}
}
