import CNcursesw
@testable import NcursesBackend
import TerminalUI
import Testing

@Suite("ColorMapping")
struct ColorMappingTests {
    @Test("default is -1 when the terminal supports default colours")
    func defaultColor() {
        #expect(ColorMapping.number(for: .default, colors: 256, defaultColors: true, isForeground: true) == -1)
        #expect(ColorMapping.number(for: .default, colors: 256, defaultColors: false, isForeground: true) == 7)
        #expect(ColorMapping.number(for: .default, colors: 256, defaultColors: false, isForeground: false) == 0)
    }

    @Test("indices the terminal has pass through; others are clamped")
    func clamping() {
        #expect(ColorMapping.number(for: .indexed(208), colors: 256, defaultColors: true, isForeground: true) == 208)
        #expect(ColorMapping.number(for: .indexed(12), colors: 16, defaultColors: true, isForeground: true) == 12)
        #expect(ColorMapping.number(for: .indexed(12), colors: 8, defaultColors: true, isForeground: true) == 4)
        #expect(ColorMapping.number(for: .indexed(208), colors: 16, defaultColors: true, isForeground: true) == -1)
        #expect(ColorMapping.number(for: .indexed(208), colors: 8, defaultColors: false, isForeground: false) == 0)
    }

    @Test("attributes map to the ncurses bits")
    func attributes() {
        #expect(ColorMapping.attributes([]) == cnc_a_normal())
        #expect(ColorMapping.attributes([.bold, .underline]) == cnc_a_bold() | cnc_a_underline())
        #expect(ColorMapping.attributes([.dim, .reverse, .italic]) == cnc_a_dim() | cnc_a_reverse() | cnc_a_italic())
    }
}
