/// Work the shell does for the explorer, as data (so `update` stays pure and testable).
public enum Effect: Equatable, Sendable {
    case runExchange(runID: Int, job: ExchangeJob)
    case cancelExchange(runID: Int)
    /// Copy to the terminal's clipboard (OSC 52). Always redacted text.
    case copyToClipboard(String)
    /// Write the incident report files (Markdown and JSON, redacted).
    case exportReport(IncidentExport)
    case quit
}

/// The two files of an incident report, already redacted.
public struct IncidentExport: Equatable, Sendable {
    public var baseName: String
    public var markdown: String
    public var json: String

    public init(baseName: String, markdown: String, json: String) {
        self.baseName = baseName
        self.markdown = markdown
        self.json = json
    }
}
