import Testing
@testable import TerminalUI

@Suite("Themes: colour depth")
struct ThemeAdaptationTests {
    @Test func depthFromColourCount() {
        #expect(ColorDepth(colors: 256) == .full)
        #expect(ColorDepth(colors: 16_777_216) == .full)
        #expect(ColorDepth(colors: 88) == .sixteen)
        #expect(ColorDepth(colors: 16) == .sixteen)
        #expect(ColorDepth(colors: 8) == .eight)
        #expect(ColorDepth(colors: 2) == .none)
        #expect(ColorDepth(colors: -1) == .none)
    }

    @Test func nearestANSI() {
        #expect(XtermPalette.nearestANSI(196) == 9)     // #ff0000
        #expect(XtermPalette.nearestANSI(160) == 1)     // #d70000
        #expect(XtermPalette.nearestANSI(75) == 12)     // #5fafff
        #expect(XtermPalette.nearestANSI(236) == 0)     // dark grey
        #expect(XtermPalette.nearestANSI(245) == 8)     // mid grey
        #expect(XtermPalette.nearestANSI(231) == 15)    // #ffffff
        #expect(XtermPalette.nearestANSI(255) == 7)     // #eeeeee is nearer xterm's white
        #expect(XtermPalette.nearestANSI(5) == 5)
    }

    @Test func fullIsUnchanged() {
        #expect(Theme.fallback.adapted(to: .full) == Theme.fallback)
    }

    @Test func sixteenUsesOnlyAnsiColours() {
        for theme in BuiltinThemes.parsed {
            let adapted = theme.adapted(to: .sixteen)
            #expect(adapted.name == theme.name)
            for role in ThemeRole.allCases {
                for color in [adapted.style(role).foreground, adapted.style(role).background] {
                    if case .indexed(let index) = color { #expect(index < 16, "\(theme.name) \(role.rawValue)") }
                }
                #expect(adapted.style(role).attributes == theme.style(role).attributes)
            }
        }
        let fallback = Theme.fallback.adapted(to: .sixteen)
        #expect(fallback.style(.severityError) == Style(foreground: .indexed(9), attributes: .bold))
        #expect(fallback.style(.statusBar) == Style(foreground: .indexed(7), background: .indexed(0)))
    }

    @Test func eightMapsBrightToNormalAndKeepsBold() {
        for theme in BuiltinThemes.parsed {
            let adapted = theme.adapted(to: .eight)
            for role in ThemeRole.allCases {
                for color in [adapted.style(role).foreground, adapted.style(role).background] {
                    if case .indexed(let index) = color { #expect(index < 8, "\(theme.name) \(role.rawValue)") }
                }
            }
        }
        let fallback = Theme.fallback.adapted(to: .eight)
        #expect(fallback.style(.severityError) == Style(foreground: .red, attributes: .bold))
        // Grey text becomes white, not black, so it stays visible on a dark screen.
        #expect(fallback.style(.paneMuted) == Style(foreground: .white))
    }

    @Test func aForegroundThatLandsOnItsBackgroundIsMadeVisible() {
        let theme = Theme(name: "t", styles: [.statusBar: Style(foreground: .indexed(88), background: .indexed(124))])
        let adapted = theme.adapted(to: .eight).style(.statusBar)
        #expect(adapted.background == .red)
        #expect(adapted.foreground == .white)
    }

    @Test func noneKeepsEveryRoleDistinguishable() {
        for theme in BuiltinThemes.parsed {
            let mono = theme.adapted(to: .none)
            for role in ThemeRole.allCases {
                let style = mono.style(role)
                #expect(style.foreground == .default && style.background == .default)
                #expect(style.attributes.isSuperset(of: role.monochromeAttributes))
                #expect(style.attributes.isSuperset(of: theme.style(role).attributes))
            }
            let severities = [ThemeRole.paneText, .severityError, .severityWarning, .severityInfo].map(mono.style)
            #expect(Set(severities).count == 4, "\(theme.name)")
            #expect(mono.style(.severityError) != mono.style(.paneText))
            #expect(mono.style(.tableSelected).attributes.contains(.reverse))
        }
    }
}
