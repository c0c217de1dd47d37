/// The themes the explorer cycles through (`t`) and the one it starts with, decided from theme
/// files the executable has already read (no file access here, so every rule is unit-tested).
///
/// Rules (docs/THEMES.md): the built-ins come first; a user file `NAME.yaml` is selected as NAME —
/// its file name, whatever its `name:` says — and replaces a built-in of that name; a theme named by
/// path is selected by that path. A file that fails to parse is reported (file, line, key) and left
/// out; when it is the one asked for, the explorer starts with `default`, never a same-named built-in.
public struct ThemeCatalog: Equatable, Sendable {
    public var themes: [Theme]
    public var selected: Int
    /// One line per problem, ready for the status bar.
    public var problems: [String]

    /// A theme file as read by the caller: `name` is what selects it (the file name without
    /// `.yaml`, or the path given with `--theme`); `contents` is its text or why it could not be read.
    public struct File: Sendable {
        public let name: String
        public let path: String
        public let contents: Result<String, ReadError>

        public init(name: String, path: String, contents: Result<String, ReadError>) {
            self.name = name
            self.path = path
            self.contents = contents
        }
    }

    public struct ReadError: Error, Sendable {
        public let reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    public static func assemble(requested: String, userFiles: [File], requestedFile: File? = nil) -> ThemeCatalog {
        var names: [String] = []
        var byName: [String: Theme] = [:]
        var problems: [String] = []
        var failed: Set<String> = []
        func add(_ theme: Theme, as name: String) {
            if byName[name] == nil { names.append(name) }
            byName[name] = theme
        }
        for (name, theme) in zip(BuiltinThemes.names, BuiltinThemes.parsed) { add(theme, as: name) }
        for file in userFiles + (requestedFile.map { [$0] } ?? []) {
            let asked = file.name == requested
            switch parse(file) {
            case let .success(theme):
                add(theme, as: file.name)
            case let .failure(problem):
                failed.insert(file.name)
                // The outcome first: a narrow status bar cuts the end of a long error.
                problems.append("\(asked ? "Using the default theme" : "Theme not loaded"): \(problem)")
            }
        }
        if byName[requested] == nil, !failed.contains(requested) {
            let (_, error) = ThemeSelection.resolve(name: requested, userFile: nil)
            if let error { problems.append("Using the default theme: \(error)") }
        }
        let themes = names.compactMap { byName[$0] }
        guard !themes.isEmpty else { return ThemeCatalog(themes: [.fallback], selected: 0, problems: problems) }
        let wanted = failed.contains(requested) ? nil : names.firstIndex(of: requested)
        return ThemeCatalog(themes: themes, selected: wanted ?? names.firstIndex(of: "default") ?? 0, problems: problems)
    }

    private static func parse(_ file: File) -> Result<Theme, ThemeProblem> {
        switch file.contents {
        case let .failure(error):
            return .failure(ThemeProblem(text: "theme \(file.path): cannot read it (\(error.reason))"))
        case let .success(text):
            do {
                return .success(try ThemeParser.parse(text, source: file.path))
            } catch let error as ThemeError {
                return .failure(ThemeProblem(text: error.description))
            } catch {
                return .failure(ThemeProblem(text: "theme \(file.path): \(error)"))
            }
        }
    }

    private struct ThemeProblem: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }
}
