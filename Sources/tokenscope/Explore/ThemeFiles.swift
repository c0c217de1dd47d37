import Foundation
import TerminalUI

/// The themes the explorer cycles through (`t`): the built-in ones (embedded, so an installed
/// binary without the source tree has them) plus the user's `$XDG_CONFIG_HOME/tokenscope/themes/*.yaml`
/// (a user file with a built-in's name replaces it), plus a theme file named by path. Which one
/// starts, the lookup rules and NO_COLOR are `ThemeSelection`'s (docs/THEMES.md). A bad file is
/// reported (file, line, key) and skipped; the default is used instead.
struct ThemeCatalog {
    var themes: [Theme] = []
    var problems: [String] = []
    var selected = 0

    static func load(flag: String?, environment: [String: String]) -> ThemeCatalog {
        var catalog = ThemeCatalog()
        var byName: [String: Theme] = [:]
        var order: [String] = []
        func add(_ theme: Theme, as name: String) {
            byName[name] = theme
            if !order.contains(name) { order.append(name) }
        }
        for name in BuiltinThemes.names {
            if let theme = BuiltinThemes.theme(named: name) { add(theme, as: name) }
        }
        if let folder = ThemeSelection.userThemeDirectory(environment: environment) {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for file in files {
                let path = folder + "/" + file
                if let theme = catalog.parse(path) { add(theme, as: String(file.dropLast(5))) }
            }
        }
        let requested = ThemeSelection.requestedName(flag: flag, environment: environment)
        var requestedName = requested
        if ThemeSelection.isPath(requested) {
            if let theme = catalog.parse(requested) {
                add(theme, as: theme.name)
                requestedName = theme.name
            }
        } else if byName[requested] == nil {
            let (_, error) = ThemeSelection.resolve(name: requested, userFile: nil)
            if let error { catalog.problems.append("\(error); using default") }
        }
        catalog.themes = order.compactMap { byName[$0] }
        if catalog.themes.isEmpty { catalog.themes = [Theme.fallback] }
        catalog.selected = catalog.themes.firstIndex { $0.name == requestedName } ?? catalog.themes.firstIndex { $0.name == "default" } ?? 0
        return catalog
    }

    private mutating func parse(_ path: String) -> Theme? {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return try ThemeParser.parse(text, source: path)
        } catch let error as ThemeError {
            problems.append("\(error); using default")
        } catch {
            problems.append("theme \(path): cannot read it (\(error.localizedDescription)); using default")
        }
        return nil
    }
}
