import Testing
@testable import TerminalUI

@Suite("Themes: the shipped themes")
struct ShippedThemesTests {
    static let expectedNames = ["default", "colorblind", "high-contrast", "light", "mono", "solarized-dark"]

    static func theme(_ name: String) throws -> Theme {
        try ThemeParser.parse(try #require(BuiltinThemes.yaml(named: name)), source: "themes/\(name).yaml")
    }

    @Test func theSixThemesShipInCycleOrder() {
        #expect(BuiltinThemes.names == Self.expectedNames)
    }

    @Test(arguments: expectedNames)
    func parsesWithItsOwnName(name: String) throws {
        let theme = try Self.theme(name)
        #expect(theme.name == name)
        #expect(theme.styles.count == ThemeRole.allCases.count)
        #expect(BuiltinThemes.theme(named: name) == theme)
    }

    /// Every shipped theme sets every role explicitly (none silently inherits the dark default).
    @Test(arguments: expectedNames)
    func setsEveryRoleExplicitly(name: String) throws {
        let yaml = try #require(BuiltinThemes.yaml(named: name))
        for role in ThemeRole.allCases {
            #expect(yaml.contains("\n  \(role.key): {"), "\(name) does not set \(role.rawValue)")
        }
    }

    @Test func allThemesDiffer() throws {
        let themes = try Self.expectedNames.map(Self.theme)
        for (i, a) in themes.enumerated() {
            for b in themes[(i + 1)...] {
                #expect(a.styles != b.styles, "\(a.name) and \(b.name) look the same")
            }
        }
    }

    /// In every theme the meaningful roles are distinguishable from plain text and from each other.
    @Test(arguments: expectedNames)
    func severitiesAreDistinct(name: String) throws {
        let theme = try Self.theme(name)
        let roles: [ThemeRole] = [.paneText, .severityError, .severityWarning, .severityInfo, .severityOk]
        let styles = roles.map(theme.style)
        #expect(Set(styles).count == roles.count, "\(name): \(styles)")
        #expect(theme.style(.tableSelected) != theme.style(.tableRow))
        #expect(theme.style(.diffAdded) != theme.style(.diffRemoved))
        #expect(theme.style(.titleProduction) != theme.style(.titleSandbox))
    }

    @Test func monoHasNoColourAndCarriesMeaningInAttributes() throws {
        let mono = try Self.theme("mono")
        for role in ThemeRole.allCases {
            let style = mono.style(role)
            #expect(style.foreground == .default && style.background == .default, "\(role.rawValue)")
            #expect(style.attributes == role.monochromeAttributes, "\(role.rawValue)")
        }
        #expect(mono.style(.severityError).attributes == [.bold, .reverse])
        #expect(mono.style(.severityError) != mono.style(.paneText))
        // Mono needs nothing from the colour-depth adaptation.
        #expect(mono.adapted(to: .none) == mono)
    }

    /// The colour-blind theme never contrasts red with green: errors and successes are
    /// vermillion/orange versus blue, and the severities differ in attributes too.
    @Test func colorblindAvoidsRedGreen() throws {
        let theme = try Self.theme("colorblind")
        let redsAndGreens: Set<Color> = [.red, .green, .brightRed, .brightGreen, .indexed(196), .indexed(46), .indexed(34), .indexed(28)]
        for role in ThemeRole.allCases {
            #expect(!redsAndGreens.contains(theme.style(role).foreground), "\(role.rawValue)")
        }
        #expect(theme.style(.severityError).foreground == .indexed(166))   // #d55e00 vermillion
        #expect(theme.style(.severityOk).foreground == .indexed(74))       // #56b4e9 sky blue
        let severityAttributes = [ThemeRole.severityError, .severityWarning, .severityInfo].map { theme.style($0).attributes }
        #expect(Set(severityAttributes.map(\.rawValue)).count == 3)
    }

    @Test func solarizedPaintsItsBackgroundEverywhere() throws {
        let theme = try Self.theme("solarized-dark")
        for role in ThemeRole.allCases {
            #expect(theme.style(role).background != .default, "\(role.rawValue)")
        }
        #expect(theme.style(.paneText).background == .indexed(234))   // #002b36 base03: the nearest is grey 234
    }

    @Test func highContrastUsesOnlyTheSixteenAnsiColours() throws {
        let theme = try Self.theme("high-contrast")
        for role in ThemeRole.allCases {
            for color in [theme.style(role).foreground, theme.style(role).background] {
                if case .indexed(let index) = color { #expect(index < 16, "\(role.rawValue)") }
            }
        }
    }
}
