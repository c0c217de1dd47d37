/// A ready-made case the executable offers (the sandbox's demo scenarios): a token to paste and the
/// exchange form filled in. Pure data, so the explorer needs no knowledge of the sandbox.
public struct Preset: Equatable, Sendable {
    public var id: String
    public var title: String
    /// What the user will see happen, in a sentence.
    public var summary: String
    /// The token to put in the token pane (nil keeps the current one).
    public var token: String?
    public var form: ExchangeForm

    public init(id: String, title: String, summary: String, token: String?, form: ExchangeForm) {
        self.id = id
        self.title = title
        self.summary = summary
        self.token = token
        self.form = form
    }
}
