/// Everything a theme can style. The raw value is the documented theme-file key, "section.key"
/// (docs/THEMES.md lists them; renaming one breaks users' themes).
public enum ThemeRole: String, CaseIterable, Sendable {
    case frameBorder = "frame.border"
    case frameBorderFocused = "frame.borderFocused"
    case frameTitle = "frame.title"
    case frameTitleFocused = "frame.titleFocused"
    case titleBar = "title.bar"
    case titleSandbox = "title.sandbox"
    case titleProduction = "title.production"
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case statusMessage = "status.message"
    case statusError = "status.error"
    case paneText = "pane.text"
    case paneMuted = "pane.muted"
    case paneHeading = "pane.heading"
    case tableHeader = "table.header"
    case tableRow = "table.row"
    case tableSelected = "table.selected"
    case severityError = "severity.error"
    case severityWarning = "severity.warning"
    case severityInfo = "severity.info"
    case severityOk = "severity.ok"
    case diffAdded = "diff.added"
    case diffRemoved = "diff.removed"
    case diffSame = "diff.same"
    case inputText = "input.text"
    case inputFocused = "input.focused"
    case inputPlaceholder = "input.placeholder"
    case inputMasked = "input.masked"
    case selectionText = "selection.text"
    case dialogFrame = "dialog.frame"
    case dialogText = "dialog.text"
    case dialogTitle = "dialog.title"
    case dialogKey = "dialog.key"

    /// The theme-file section ("frame").
    public var section: String { String(rawValue.prefix { $0 != "." }) }

    /// The key within the section ("borderFocused").
    public var key: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

    /// The sections, in documentation order.
    public static let sections: [String] = {
        var seen: [String] = []
        for role in allCases where !seen.contains(role.section) { seen.append(role.section) }
        return seen
    }()

    /// Attributes that carry a role's meaning when there is no colour at all (ColorDepth.none, the
    /// mono theme): errors must still stand out from plain text, a selection must still show.
    public var monochromeAttributes: TextAttributes {
        switch self {
        case .frameBorder, .frameTitle, .tableRow, .paneText, .diffSame, .dialogText: []
        case .frameBorderFocused, .frameTitleFocused, .diffAdded, .dialogFrame, .dialogTitle: [.bold]
        case .titleBar, .statusBar, .statusMessage, .tableSelected, .selectionText, .inputFocused: [.reverse]
        case .titleSandbox, .statusKey, .statusError: [.reverse, .bold]
        case .titleProduction: [.reverse, .bold, .underline]
        case .paneMuted, .severityOk, .diffRemoved, .inputPlaceholder: [.dim]
        case .paneHeading, .tableHeader, .dialogKey, .severityWarning: [.bold, .underline]
        case .severityError: [.bold, .reverse]
        case .inputText, .inputMasked, .severityInfo: [.underline]
        }
    }
}
