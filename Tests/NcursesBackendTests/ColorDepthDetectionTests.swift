import NcursesBackend
import TerminalUI
import Testing

@Suite("ColorDepthDetection")
struct ColorDepthDetectionTests {
    @Test("NO_COLOR with any non-empty value turns colour off", arguments: ["1", "0", "yes", " "])
    func noColor(value: String) {
        #expect(ColorDepthDetection.detect(noColor: value, hasColors: true, colors: 256) == .none)
    }

    @Test("an empty NO_COLOR is ignored")
    func emptyNoColor() {
        #expect(ColorDepthDetection.detect(noColor: "", hasColors: true, colors: 256) == .full)
    }

    @Test("colours from terminfo", arguments: [
        (256, ColorDepth.full), (88, .sixteen), (16, .sixteen), (8, .eight), (2, .none), (0, .none), (16_777_216, .full),
    ])
    func byCount(colors: Int, expected: ColorDepth) {
        #expect(ColorDepthDetection.detect(noColor: nil, hasColors: true, colors: colors) == expected)
    }

    @Test("no colour capability means none whatever COLORS says")
    func noCapability() {
        #expect(ColorDepthDetection.detect(noColor: nil, hasColors: false, colors: 256) == .none)
    }
}
