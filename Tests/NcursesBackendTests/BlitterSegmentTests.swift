@testable import NcursesBackend
import Testing

@Suite("Blitter.segments")
struct BlitterSegmentTests {
    func flat(_ text: String, at x: Int = 0, columns: Int = 40) -> [String] {
        Blitter.segments(of: text, at: x, columns: columns).map { "\($0.x):\($0.text)" }
    }

    @Test("printable ASCII is one segment, clipped to the screen")
    func ascii() {
        #expect(flat("hello", at: 3) == ["3:hello"])
        #expect(flat("abcdef", columns: 3) == ["0:abc"])
        #expect(flat("abc", at: 5, columns: 5) == [])
    }

    @Test("every other character sits at its own canvas column")
    func unicode() {
        #expect(flat("ab日本cd", at: 2) == ["2:ab", "4:日", "6:本", "8:cd"])
        #expect(flat("✓ ok") == ["0:✓", "1: ok"])
        #expect(flat("e\u{301}x") == ["0:e\u{301}", "1:x"])
    }

    @Test("a wide character that does not fit is left out, never split")
    func clipsWide() {
        #expect(flat("a日本", columns: 4) == ["0:a", "1:日"])
        #expect(flat("a日本", columns: 5) == ["0:a", "1:日", "3:本"])
    }

    @Test("control characters never reach ncurses; columns stay aligned")
    func replacesControls() {
        #expect(flat("a\u{1B}[31mb") == ["0:a", "1: ", "2:[31mb"])
        #expect(flat("x\u{7F}\u{9B}y") == ["0:x", "1: ", "2: ", "3:y"])
    }
}
