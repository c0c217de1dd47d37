extension Theme {
    /// The built-in dark theme, constructed in code so it needs no parsing and cannot fail; it is
    /// what a missing or broken theme file falls back to. It must look exactly like
    /// themes/default.yaml (a test parses the embedded copy and compares).
    public static let fallback: Theme = {
        func s(_ fg: Color = .default, _ bg: Color = .default, _ attributes: TextAttributes = []) -> Style {
            Style(foreground: fg, background: bg, attributes: attributes)
        }
        // The palette of themes/default.yaml, as xterm-256 indexes.
        let muted = Color.indexed(245), faint = Color.indexed(240), accent = Color.indexed(75)
        let surface = Color.indexed(236), raised = Color.indexed(237), field = Color.indexed(235)
        let bright = Color.indexed(255), soft = Color.indexed(250)
        let red = Color.indexed(203), orange = Color.indexed(214), green = Color.indexed(114)
        let selection = Color.indexed(24), sandbox = Color.indexed(22), production = Color.indexed(124)
        let styles: [ThemeRole: Style] = [
            .frameBorder: s(faint),
            .frameBorderFocused: s(accent),
            .frameTitle: s(muted),
            .frameTitleFocused: s(accent, .default, .bold),
            .titleBar: s(soft, surface),
            .titleSandbox: s(bright, sandbox, .bold),
            .titleProduction: s(bright, production, .bold),
            .statusBar: s(soft, surface),
            .statusKey: s(accent, surface, .bold),
            .statusMessage: s(soft, surface),
            .statusError: s(red, surface, .bold),
            .paneText: s(),
            .paneMuted: s(muted),
            .paneHeading: s(accent, .default, .bold),
            .tableHeader: s(soft, .default, .bold),
            .tableRow: s(),
            .tableSelected: s(bright, selection),
            .severityError: s(red, .default, .bold),
            .severityWarning: s(orange),
            .severityInfo: s(accent),
            .severityOk: s(green),
            .diffAdded: s(green),
            .diffRemoved: s(red),
            .diffSame: s(muted),
            .inputText: s(.default, field),
            .inputFocused: s(bright, raised),
            .inputPlaceholder: s(muted, field),
            .inputMasked: s(soft, field),
            .selectionText: s(bright, selection),
            .dialogFrame: s(accent),
            .dialogText: s(),
            .dialogTitle: s(accent, .default, .bold),
            .dialogKey: s(orange, .default, .bold),
        ]
        return Theme(name: "default", complete: styles)
    }()
}
