/// A named mapping from every ThemeRole to a Style. Always complete: roles a theme file leaves
/// out come from `Theme.fallback`, so views can ask for any role without a nil check.
public struct Theme: Equatable, Sendable {
    public let name: String
    /// One style per role (every case of ThemeRole is present).
    public let styles: [ThemeRole: Style]

    /// A theme from explicit styles; roles not given are taken from `fallback`.
    public init(name: String, styles: [ThemeRole: Style], base: Theme = .fallback) {
        self.name = name
        self.styles = base.styles.merging(styles) { _, new in new }
    }

    /// For the fallback itself, which has no base.
    init(name: String, complete styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: ThemeRole) -> Style {
        styles[role] ?? .plain
    }

    /// The same theme under another name.
    public func renamed(_ newName: String) -> Theme {
        Theme(name: newName, complete: styles)
    }
}
