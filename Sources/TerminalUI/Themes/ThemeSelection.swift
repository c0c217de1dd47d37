/// Which theme to use, as pure decisions the executable applies (it does the file reading):
/// `--theme NAME` beats `TOKENSCOPE_THEME`, which beats `default`; a user file
/// `$XDG_CONFIG_HOME/tokenscope/themes/NAME.yaml` (XDG default `~/.config`) beats a built-in of the
/// same name; a NAME containing "/" or ending in .yaml is a path; `NO_COLOR` forces `.none`.
/// A theme that fails to load yields the fallback plus the error to show (docs/THEMES.md).
public enum ThemeSelection {
    /// The theme name (or path) asked for.
    public static func requestedName(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let variable = environment["TOKENSCOPE_THEME"], !variable.isEmpty { return variable }
        return "default"
    }

    /// True if `name` is a file path rather than a theme name.
    public static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// The directory user themes live in, or nil without a usable XDG_CONFIG_HOME or HOME.
    public static func userThemeDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/tokenscope/themes"
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.config/tokenscope/themes"
    }

    /// The file to try for `name`: the path itself, or NAME.yaml in the user theme directory
    /// (nil for names that could escape it, such as "..").
    public static func userThemePath(named name: String, environment: [String: String]) -> String? {
        if isPath(name) { return name }
        guard !name.isEmpty, !name.hasPrefix("."), let directory = userThemeDirectory(environment: environment) else { return nil }
        return "\(directory)/\(name).yaml"
    }

    /// NO_COLOR (any non-empty value, per no-color.org) turns colour off whatever the terminal can do.
    public static func colorDepth(detected: ColorDepth, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        return detected
    }

    /// The theme for `name` given the user file's text if one was found (`userFile`: its path and
    /// contents). Returns the fallback and the reason when the file is invalid or the name unknown.
    public static func resolve(name: String, userFile: (path: String, yaml: String)?) -> (theme: Theme, error: ThemeError?) {
        if let userFile {
            do {
                return (try ThemeParser.parse(userFile.yaml, source: userFile.path), nil)
            } catch let error as ThemeError {
                return (.fallback, error)
            } catch {
                return (.fallback, ThemeError(source: userFile.path, key: "", line: nil, message: "\(error)"))
            }
        }
        if let builtin = BuiltinThemes.theme(named: name) { return (builtin, nil) }
        let known = BuiltinThemes.names.joined(separator: ", ")
        let message = isPath(name)
            ? "theme file not found"
            : "no theme named `\(name)` (built-ins: \(known); user themes: NAME.yaml in the themes directory)"
        return (.fallback, ThemeError(source: name, key: "", line: nil, message: message))
    }
}
