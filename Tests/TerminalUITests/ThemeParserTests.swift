import Testing
@testable import TerminalUI

/// Parses and returns the error, or records an issue if there was none.
func themeError(_ yaml: String, source: String = "mine.yaml") -> ThemeError? {
    do {
        _ = try ThemeParser.parse(yaml, source: source)
        Issue.record("expected a ThemeError")
        return nil
    } catch let error as ThemeError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite("Theme parser")
struct ThemeParserTests {
    @Test func paletteStylesAndInheritance() throws {
        let theme = try ThemeParser.parse("""
            name: mine
            palette:
              accent: "#5fafff"
              warn: 214
              alert: bright-red
              alias: accent
            frame:
              border: {fg: accent, bg: default, attrs: [bold, underline]}
            severity:
              warning: {fg: warn}
              error:
                fg: alert
                attrs: [reverse]
            """, source: "mine.yaml")
        #expect(theme.name == "mine")
        #expect(theme.style(.frameBorder) == Style(foreground: .indexed(75), attributes: [.bold, .underline]))
        #expect(theme.style(.severityWarning) == Style(foreground: .indexed(214)))
        #expect(theme.style(.severityError) == Style(foreground: .indexed(9), attributes: .reverse))
        // Unspecified roles inherit from the fallback.
        #expect(theme.style(.statusBar) == Theme.fallback.style(.statusBar))
    }

    @Test func colourSyntax() {
        #expect(ThemeColorSyntax.resolve("default") == .default)
        #expect(ThemeColorSyntax.resolve("red") == .indexed(1))
        #expect(ThemeColorSyntax.resolve("white") == .indexed(7))
        #expect(ThemeColorSyntax.resolve("bright-black") == .indexed(8))
        #expect(ThemeColorSyntax.resolve("bright-white") == .indexed(15))
        #expect(ThemeColorSyntax.resolve("brightcyan") == .indexed(14))
        #expect(ThemeColorSyntax.resolve("0") == .indexed(0))
        #expect(ThemeColorSyntax.resolve("255") == .indexed(255))
        #expect(ThemeColorSyntax.resolve("256") == nil)
        #expect(ThemeColorSyntax.resolve("-1") == nil)
        #expect(ThemeColorSyntax.resolve("#fff") == .indexed(231))
        #expect(ThemeColorSyntax.resolve("#FF0000") == .indexed(196))
        #expect(ThemeColorSyntax.resolve("#ff00") == nil)
        #expect(ThemeColorSyntax.resolve("#gg0000") == nil)
        #expect(ThemeColorSyntax.resolve("purple") == nil)
        #expect(ThemeColorSyntax.resolve("red", palette: ["red": .indexed(160)]) == .indexed(160))
    }

    @Test(arguments: [
        ("#000000", 16), ("#ffffff", 231), ("#ff0000", 196), ("#00ff00", 46), ("#0000ff", 21),
        ("#5fafff", 75), ("#808080", 244), ("#8a8a8a", 245), ("#eeeeee", 255), ("#080808", 232),
        ("#1e1e2e", 235), ("#002b36", 234), ("#268bd2", 32), ("#d55e00", 166), ("#e69f00", 178),
        ("#56b4e9", 74), ("#0072b2", 25), ("#010101", 16), ("#fefefe", 231),
    ])
    func hexMapsToTheNearestXtermIndex(hex: String, index: Int) {
        #expect(ThemeColorSyntax.resolve(hex) == .indexed(UInt8(index)), "\(hex)")
    }

    @Test func everyCubeAndGreyColourMapsToItself() {
        for index in 16...255 {
            let (r, g, b) = XtermPalette.rgb(UInt8(index))
            #expect(XtermPalette.nearest(red: r, green: g, blue: b) == UInt8(index), "\(index)")
        }
    }

    @Test func unquotedHexIsExplained() throws {
        let error = try #require(themeError("""
            frame:
              border:
                fg: #1e1e2e
            """))
        #expect(error.key == "frame.border.fg")
        #expect(error.line == 3)
        #expect(error.message.contains("quote hex colours: \"#1e1e2e\""))
        #expect(error.description.hasPrefix("mine.yaml:3: frame.border.fg: "))
    }

    @Test func unquotedHexInThePaletteIsExplained() throws {
        let error = try #require(themeError("palette:\n  base: #1e1e2e\n"))
        #expect(error.key == "palette.base")
        #expect(error.line == 2)
        #expect(error.message.contains("\"#1e1e2e\""))
    }

    @Test func unquotedHexInAFlowMappingIsASyntaxErrorWithTheHint() throws {
        let error = try #require(themeError("frame:\n  border: {fg: #1e1e2e}\n"))
        #expect(error.line != nil)
        #expect(error.message.contains("line 2 has an unquoted #"))
        #expect(error.message.contains("\"#1e1e2e\""))
    }

    @Test func unknownSectionNamesKeyAndLine() throws {
        let error = try #require(themeError("palette: {}\nframes:\n  border: {fg: red}\n"))
        #expect(error.key == "frames")
        #expect(error.line == 2)
        #expect(error.message.contains("unknown section"))
    }

    @Test func unknownKeyInASectionListsTheValidOnes() throws {
        let error = try #require(themeError("frame:\n  border: {fg: red}\n  bordr: {fg: red}\n"))
        #expect(error.key == "frame.bordr")
        #expect(error.line == 3)
        #expect(error.message.contains("border, borderFocused, title, titleFocused"))
    }

    @Test func unknownFieldInAStyle() throws {
        let error = try #require(themeError("status:\n  bar: {fg: red, background: blue}\n"))
        #expect(error.key == "status.bar.background")
        #expect(error.line == 2)
    }

    @Test func unknownColourName() throws {
        let error = try #require(themeError("palette:\n  accent: blue\npane:\n  text: {fg: acent}\n"))
        #expect(error.key == "pane.text.fg")
        #expect(error.line == 4)
        #expect(error.message.contains("unknown colour `acent`"))
        #expect(error.message.contains("(accent)"))
    }

    @Test func badAttribute() throws {
        let error = try #require(themeError("table:\n  header: {attrs: [bold, blink]}\n"))
        #expect(error.key == "table.header.attrs")
        #expect(error.line == 2)
        #expect(error.message.contains("unknown attribute `blink`"))
    }

    @Test func singleAttributeWithoutAList() throws {
        let theme = try ThemeParser.parse("table:\n  header: {attrs: bold}\n", source: "x")
        #expect(theme.style(.tableHeader) == Style(attributes: .bold))
    }

    @Test func emptyRoleValue() throws {
        let error = try #require(themeError("pane:\n  text:\n"))
        #expect(error.key == "pane.text")
        #expect(error.line == 2)
    }

    @Test func aStyleMustBeAMapping() throws {
        let error = try #require(themeError("pane:\n  text: red\n"))
        #expect(error.key == "pane.text")
        #expect(error.message.contains("{fg:"))
    }

    @Test func duplicateKeys() throws {
        let error = try #require(themeError("pane:\n  text: {fg: red}\n  text: {fg: blue}\n"))
        #expect(error.line != nil)
        #expect(error.message.contains("duplicate"))
    }

    @Test func yamlSyntaxErrorHasALine() throws {
        let error = try #require(themeError("pane:\n  text: {fg: red\n  muted: x\n"))
        #expect(error.key.isEmpty)
        #expect(error.line != nil)
        #expect(error.message.hasPrefix("invalid YAML"))
    }

    @Test func wholeFileProblems() throws {
        #expect(themeError("")?.message.contains("empty") == true)
        #expect(themeError("- a\n- b\n")?.message.contains("top level") == true)
        #expect(themeError("palette: [red]\n")?.key == "palette")
        #expect(themeError("frame: red\n")?.key == "frame")
        #expect(themeError("palette:\n  default: red\n")?.key == "palette.default")
        #expect(themeError("palette:\n  \"#abc\": red\n")?.key == "palette.#abc")
        #expect(themeError("name:\n")?.key == "name")
    }

    @Test func emptySectionsAndStylesAreAllowed() throws {
        let theme = try ThemeParser.parse("frame:\npane:\n  text: {}\n", source: "themes/x.yaml")
        #expect(theme.name == "x")
        #expect(theme.style(.paneText) == .plain)
        #expect(theme.style(.frameBorder) == Theme.fallback.style(.frameBorder))
    }

    @Test func baseThemeSuppliesTheRest() throws {
        let theme = try ThemeParser.parse("name: my-light\nbase: light\npane:\n  heading: {fg: magenta}\n", source: "x")
        let light = try #require(BuiltinThemes.theme(named: "light"))
        #expect(theme.style(.paneHeading) == Style(foreground: .magenta))
        #expect(theme.style(.statusBar) == light.style(.statusBar))
        #expect(theme.style(.statusBar) != Theme.fallback.style(.statusBar))
        let unknown = try #require(themeError("base: nope\n"))
        #expect(unknown.key == "base")
        #expect(unknown.message.contains("default, colorblind"))
    }

    @Test func yamlAnchorsWorkAsInK9sSkins() throws {
        let theme = try ThemeParser.parse("""
            palette:
              accent: &accent "#5fafff"
            frame:
              border: {fg: *accent}
            """, source: "x")
        #expect(theme.style(.frameBorder).foreground == .indexed(75))
    }

    @Test func defaultNames() {
        #expect(ThemeParser.defaultName(for: "/home/u/.config/tokenscope/themes/nord.yaml") == "nord")
        #expect(ThemeParser.defaultName(for: "builtin:mono") == "mono")
        #expect(ThemeParser.defaultName(for: "x.yml") == "x")
        #expect(ThemeParser.defaultName(for: "") == "custom")
    }

    @Test func roleKeysAreTheDocumentedOnes() {
        #expect(ThemeRole.sections == ["frame", "title", "status", "pane", "table", "severity", "diff", "input", "selection", "dialog"])
        #expect(ThemeRole.allCases.count == 33)
        #expect(ThemeRole.frameBorderFocused.section == "frame" && ThemeRole.frameBorderFocused.key == "borderFocused")
    }
}
