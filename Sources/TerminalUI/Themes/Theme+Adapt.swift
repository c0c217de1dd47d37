extension Theme {
    /// The theme as a terminal with `depth` colours can show it:
    /// - `.full`: unchanged;
    /// - `.sixteen`: each 256-palette colour becomes the nearest ANSI colour;
    /// - `.eight`: then bright colours become their normal ones (attributes such as bold are kept);
    ///   a bright-black (grey) foreground becomes white, since black text would vanish on a dark screen;
    /// - `.none`: every colour is the terminal default and each role gains its
    ///   `monochromeAttributes`, so errors, selections and bars stay distinguishable.
    /// A foreground that lands on its own background is replaced by a contrasting colour.
    public func adapted(to depth: ColorDepth) -> Theme {
        guard depth != .full else { return self }
        var mapped: [ThemeRole: Style] = [:]
        for (role, style) in styles {
            mapped[role] = Theme.adapt(style, role: role, to: depth)
        }
        return Theme(name: name, complete: mapped)
    }

    static func adapt(_ style: Style, role: ThemeRole, to depth: ColorDepth) -> Style {
        switch depth {
        case .full:
            return style
        case .none:
            return Style(attributes: style.attributes.union(role.monochromeAttributes))
        case .sixteen, .eight:
            let eight = depth == .eight
            var result = style
            result.foreground = map(style.foreground, eight: eight, foreground: true)
            result.background = map(style.background, eight: eight, foreground: false)
            if case .indexed(let fg) = result.foreground, case .indexed(let bg) = result.background, fg == bg {
                let dark: Set<UInt8> = [0, 1, 4, 5, 8]
                result.foreground = .indexed(dark.contains(bg) ? (eight ? 7 : 15) : 0)
            }
            return result
        }
    }

    private static func map(_ color: Color, eight: Bool, foreground: Bool) -> Color {
        guard case .indexed(let index) = color else { return color }
        let ansi = XtermPalette.nearestANSI(index)
        guard eight, ansi >= 8 else { return .indexed(ansi) }
        if ansi == 8 { return .indexed(foreground ? 7 : 0) }
        return .indexed(ansi - 8)
    }
}
