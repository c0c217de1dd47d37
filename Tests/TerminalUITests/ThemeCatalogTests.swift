import Testing
@testable import TerminalUI

/// `ThemeCatalog.assemble`: which themes the explorer cycles through and which one it starts with,
/// given the files the executable read.
@Suite("Themes: catalogue")
struct ThemeCatalogTests {
    static let nord = "name: Nord Night\npane:\n  text: {fg: cyan}\n"
    static let broken = "pane:\n  text:\n    fg: #123456\n"

    static func file(_ name: String, _ text: String) -> ThemeCatalog.File {
        ThemeCatalog.File(name: name, path: "/cfg/tokenscope/themes/\(name).yaml", contents: .success(text))
    }

    var defaultIndex: Int { BuiltinThemes.names.firstIndex(of: "default")! }

    @Test func builtinsAloneStartWithTheRequestedOne() {
        let catalog = ThemeCatalog.assemble(requested: "light", userFiles: [])
        #expect(catalog.themes.map(\.name) == BuiltinThemes.names)
        #expect(catalog.themes[catalog.selected].name == "light")
        #expect(catalog.problems.isEmpty)
    }

    @Test func aUserThemeIsSelectedByItsFileNameWhateverItsNameSays() {
        let catalog = ThemeCatalog.assemble(requested: "nord", userFiles: [Self.file("nord", Self.nord)])
        #expect(catalog.problems.isEmpty)
        #expect(catalog.themes.count == BuiltinThemes.names.count + 1)
        #expect(catalog.selected == BuiltinThemes.names.count)
        #expect(catalog.themes[catalog.selected].name == "Nord Night")
        #expect(catalog.themes[catalog.selected].style(.paneText).foreground == .cyan)
    }

    @Test func aUserFileReplacesTheBuiltinOfItsName() {
        let catalog = ThemeCatalog.assemble(requested: "light", userFiles: [Self.file("light", Self.nord)])
        #expect(catalog.themes.count == BuiltinThemes.names.count)
        #expect(catalog.themes[catalog.selected].name == "Nord Night")
        #expect(catalog.selected == BuiltinThemes.names.firstIndex(of: "light"))
    }

    @Test func aBrokenRequestedFileIsReportedOnceByKeyAndTheDefaultIsUsed() {
        let catalog = ThemeCatalog.assemble(requested: "mine", userFiles: [Self.file("mine", Self.broken)])
        #expect(catalog.selected == defaultIndex)
        #expect(catalog.themes.map(\.name) == BuiltinThemes.names)
        #expect(catalog.problems.count == 1, "no second, misleading 'no theme named' line")
        #expect(catalog.problems.first?.hasPrefix("Using the default theme: /cfg/tokenscope/themes/mine.yaml:3: pane.text.fg:") == true)
    }

    @Test func aBrokenUserFileNamedLikeABuiltinFallsBackToDefaultNotToTheBuiltin() {
        let catalog = ThemeCatalog.assemble(requested: "light", userFiles: [Self.file("light", Self.broken)])
        #expect(catalog.selected == defaultIndex)
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems.first?.contains("pane.text.fg") == true)
    }

    @Test func aBrokenFileNotAskedForIsLeftOutAndSaysSo() {
        let catalog = ThemeCatalog.assemble(requested: "default", userFiles: [Self.file("zzz", Self.broken), Self.file("nord", Self.nord)])
        #expect(catalog.selected == defaultIndex)
        #expect(catalog.themes.map(\.name) == BuiltinThemes.names + ["Nord Night"])
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems.first?.hasPrefix("Theme not loaded: /cfg/tokenscope/themes/zzz.yaml:3: pane.text.fg:") == true)
    }

    @Test func anUnknownNameOrAnUnreadableFileIsReportedAndTheDefaultIsUsed() {
        let unknown = ThemeCatalog.assemble(requested: "nope", userFiles: [])
        #expect(unknown.selected == defaultIndex)
        #expect(unknown.problems.count == 1)
        #expect(unknown.problems.first?.contains("no theme named `nope`") == true)

        let missing = ThemeCatalog.File(name: "/tmp/x.yaml", path: "/tmp/x.yaml", contents: .failure(.init("no such file")))
        let unreadable = ThemeCatalog.assemble(requested: "/tmp/x.yaml", userFiles: [], requestedFile: missing)
        #expect(unreadable.selected == defaultIndex)
        #expect(unreadable.problems == ["Using the default theme: theme /tmp/x.yaml: cannot read it (no such file)"])
    }

    @Test func aThemeNamedByPathIsSelectedByThatPath() {
        let file = ThemeCatalog.File(name: "./nord.yaml", path: "./nord.yaml", contents: .success(Self.nord))
        let catalog = ThemeCatalog.assemble(requested: "./nord.yaml", userFiles: [], requestedFile: file)
        #expect(catalog.problems.isEmpty)
        #expect(catalog.themes[catalog.selected].name == "Nord Night")
    }
}
