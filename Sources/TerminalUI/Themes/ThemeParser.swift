import Yams

/// Parses theme files (YAML, in the spirit of k9s skins; the format is docs/THEMES.md):
///
///     name: mine
///     base: light                # optional: a built-in theme to start from (else `default`)
///     palette:
///       accent: "#5fafff"        # hex must be quoted: an unquoted # starts a YAML comment
///     frame:
///       borderFocused: {fg: accent, attrs: [bold]}
///
/// Everything is validated; each error names the key and line. Roles left out keep the base's style.
public enum ThemeParser {
    /// Keys allowed at the top level besides the role sections.
    public static let metadataKeys = ["name", "description", "base", "palette"]

    public static func parse(_ yaml: String, source: String) throws -> Theme {
        try parse(yaml, source: source, allowBase: true)
    }

    static func parse(_ yaml: String, source: String, allowBase: Bool) throws -> Theme {
        let document = ThemeDocument(source: source, yaml: yaml)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw document.syntaxError(error)
        }
        guard let root else {
            throw document.error("", line: nil, "the theme is empty: give at least one section, such as `frame:`")
        }
        guard case .mapping(let top) = root else {
            throw document.error("", line: root.mark?.line, "the top level must be a mapping of sections (palette:, frame:, …)")
        }
        var name = ThemeParser.defaultName(for: source)
        var base = Theme.fallback
        var palette: [String: Color] = [:]
        let entries = try document.keyedEntries(top, path: "")
        for entry in entries {
            switch entry.key {
            case "name":
                name = try document.nonEmptyString(entry.value, key: "name", line: entry.line)
            case "description":
                _ = try document.scalarString(entry.value, key: "description", line: entry.line)
            case "base":
                base = try document.baseTheme(entry.value, line: entry.line, allowed: allowBase)
            case "palette":
                palette = try document.palette(entry.value, line: entry.line)
            default:
                guard ThemeRole.sections.contains(entry.key) else {
                    let valid = (metadataKeys + ThemeRole.sections).joined(separator: ", ")
                    throw document.error(entry.key, line: entry.line, "unknown section; valid top-level keys: \(valid)")
                }
            }
        }
        var styles: [ThemeRole: Style] = [:]
        for entry in entries where ThemeRole.sections.contains(entry.key) {
            for role in try document.sectionRoles(entry) {
                styles[role.role] = try document.style(role.value, key: role.role.rawValue, line: role.line, palette: palette)
            }
        }
        return Theme(name: name, styles: styles, base: base)
    }

    /// "themes/solarized-dark.yaml" → "solarized-dark"; "builtin:mono" → "mono".
    static func defaultName(for source: String) -> String {
        var name = Substring(source)
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == ":" }) { name = name[name.index(after: slash)...] }
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return name.isEmpty ? "custom" : String(name)
    }
}
