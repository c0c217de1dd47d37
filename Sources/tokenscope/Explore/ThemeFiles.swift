import Foundation
import TerminalUI

/// Reads the theme files the explorer may use — the user's `$XDG_CONFIG_HOME/tokenscope/themes/*.yaml`
/// and a theme file named by path — and hands them to `ThemeCatalog.assemble`, which decides
/// everything else (order, selection, NO_COLOR and fallbacks live in TerminalUI, unit-tested there).
enum ThemeFiles {
    static func load(flag: String?, environment: [String: String]) -> ThemeCatalog {
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") && $0.count > 1 ? String($0.hasSuffix("/") ? $0.dropLast() : Substring($0)) : nil }
        var userFiles: [ThemeCatalog.File] = []
        if let folder = ThemeSelection.userThemeDirectory(environment: environment) {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for file in files {
                userFiles.append(read(folder + "/" + file, as: String(file.dropLast(5)), home: home))
            }
        }
        let requested = ThemeSelection.requestedName(flag: flag, environment: environment)
        let requestedFile = ThemeSelection.isPath(requested) ? read(requested, as: requested, home: home) : nil
        return ThemeCatalog.assemble(requested: requested, userFiles: userFiles, requestedFile: requestedFile)
    }

    private static func read(_ path: String, as name: String, home: String?) -> ThemeCatalog.File {
        // Errors name the file as the user would type it: ~/… rather than the whole home path.
        let shown = home.flatMap { home in path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : nil } ?? path
        do {
            return ThemeCatalog.File(name: name, path: shown, contents: .success(try String(contentsOfFile: path, encoding: .utf8)))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable UTF-8 text" : "no such file"
            return ThemeCatalog.File(name: name, path: shown, contents: .failure(ThemeCatalog.ReadError(reason)))
        }
    }
}
