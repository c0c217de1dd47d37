import Yams

/// Sections, styles, colours and attributes.
extension ThemeDocument {
    struct RoleEntry {
        let role: ThemeRole
        let value: Node
        let line: Int?
    }

    func sectionRoles(_ section: Entry) throws -> [RoleEntry] {
        if case .scalar = section.value, try scalarString(section.value, key: section.key, line: section.line) == nil {
            return []   // an empty section is allowed (everything inherited)
        }
        guard case .mapping(let mapping) = section.value else {
            throw error(section.key, line: section.line, "a section must be a mapping of keys to styles")
        }
        let valid = ThemeRole.allCases.filter { $0.section == section.key }
        return try keyedEntries(mapping, path: section.key).map { entry in
            let path = "\(section.key).\(entry.key)"
            guard let role = ThemeRole(rawValue: path) else {
                let names = valid.map(\.key).joined(separator: ", ")
                throw error(path, line: entry.line, "unknown key; valid keys in `\(section.key)`: \(names)")
            }
            return RoleEntry(role: role, value: entry.value, line: entry.line)
        }
    }

    /// `{fg: …, bg: …, attrs: [...]}`; missing fields are the terminal default and no attributes.
    func style(_ node: Node, key: String, line: Int?, palette: [String: Color]) throws -> Style {
        guard case .mapping(let mapping) = node else {
            if try scalarString(node, key: key, line: line) == nil { throw emptyValue(key, line: line) }
            throw error(key, line: line, "expected a style such as {fg: accent, bg: default, attrs: [bold]}")
        }
        var style = Style()
        for entry in try keyedEntries(mapping, path: key) {
            let path = "\(key).\(entry.key)"
            let line = entry.line ?? line
            switch entry.key {
            case "fg": style.foreground = try color(entry.value, key: path, line: line, palette: palette)
            case "bg": style.background = try color(entry.value, key: path, line: line, palette: palette)
            case "attrs": style.attributes = try attributes(entry.value, key: path, line: line)
            default: throw error(path, line: line, "unknown field; a style has fg, bg and attrs")
            }
        }
        return style
    }

    func color(_ node: Node, key: String, line: Int?, palette: [String: Color]) throws -> Color {
        guard let text = try scalarString(node, key: key, line: line) else { throw emptyValue(key, line: line) }
        if let color = ThemeColorSyntax.resolve(text, palette: palette) { return color }
        var message = "unknown colour `\(text)`: use a palette name"
        if !palette.isEmpty { message += " (\(palette.keys.sorted().joined(separator: ", ")))" }
        message += ", default, a quoted \"#rrggbb\", a number 0–255, or an ANSI name (red, bright-red, …)"
        throw error(key, line: line, message)
    }

    func attributes(_ node: Node, key: String, line: Int?) throws -> TextAttributes {
        var nodes: [Node] = []
        switch node {
        case .sequence(let sequence): nodes = Array(sequence)
        case .scalar: if try scalarString(node, key: key, line: line) != nil { nodes = [node] }
        default: throw error(key, line: line, "attrs must be a list, e.g. [bold, underline]")
        }
        var result: TextAttributes = []
        for item in nodes {
            let itemLine = item.mark?.line ?? line
            guard let name = try scalarString(item, key: key, line: itemLine) else { continue }
            guard let attribute = TextAttributes.named.first(where: { $0.name == name })?.attribute else {
                let valid = TextAttributes.named.map(\.name).joined(separator: ", ")
                throw error(key, line: itemLine, "unknown attribute `\(name)`; valid: \(valid)")
            }
            result.insert(attribute)
        }
        return result
    }

    /// `palette:` name → colour; a value may name an earlier palette entry.
    func palette(_ node: Node, line: Int?) throws -> [String: Color] {
        if case .scalar = node, try scalarString(node, key: "palette", line: line) == nil { return [:] }
        guard case .mapping(let mapping) = node else { throw error("palette", line: line, "the palette must be a mapping of names to colours") }
        var palette: [String: Color] = [:]
        for entry in try keyedEntries(mapping, path: "palette") {
            let path = "palette.\(entry.key)"
            guard ThemeColorSyntax.isValidPaletteName(entry.key) else {
                throw error(path, line: entry.line, "a palette name must be letters, digits, - or _, start with a letter, and not be `default`")
            }
            palette[entry.key] = try color(entry.value, key: path, line: entry.line, palette: palette)
        }
        return palette
    }

    /// `base:` names a built-in theme to inherit from.
    func baseTheme(_ node: Node, line: Int?, allowed: Bool) throws -> Theme {
        let name = try nonEmptyString(node, key: "base", line: line)
        guard allowed else { throw error("base", line: line, "a base theme cannot itself have a base") }
        guard let text = BuiltinThemes.yaml(named: name) else {
            throw error("base", line: line, "unknown built-in theme `\(name)`; built-ins: \(BuiltinThemes.names.joined(separator: ", "))")
        }
        return try ThemeParser.parse(text, source: "builtin:\(name)", allowBase: false)
    }
}
