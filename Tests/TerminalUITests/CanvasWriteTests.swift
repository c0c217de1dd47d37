import Testing
@testable import TerminalUI

@Suite("Canvas: write")
struct CanvasWriteTests {
    let red = Style(foreground: .red)

    @Test func asciiLandsCellByCellWithTheStyle() {
        var canvas = Canvas(size: Size(columns: 10, rows: 2))
        let written = canvas.write("hello", x: 2, y: 1, style: red)
        #expect(written == 5)
        #expect(canvas.plainText == "\n  hello")
        #expect(canvas[2, 1] == Cell(text: "h", style: red))
        #expect(canvas[6, 1] == Cell(text: "o", style: red))
        #expect(canvas[7, 1] == Cell(text: " ", style: .plain))
        #expect(canvas[1, 1].style == .plain)
    }

    @Test func clipsAtTheCanvasEdge() {
        var canvas = Canvas(size: Size(columns: 5, rows: 1))
        #expect(canvas.write("abcdefgh", x: 2, y: 0, style: .plain) == 3)
        #expect(canvas.plainText == "  abc")
    }

    @Test func clipsAtMaxWidth() {
        var canvas = Canvas(size: Size(columns: 10, rows: 1))
        #expect(canvas.write("abcdefgh", x: 1, y: 0, style: .plain, maxWidth: 3) == 3)
        #expect(canvas.plainText == " abc")
        #expect(canvas.write("xyz", x: 5, y: 0, style: .plain, maxWidth: 0) == 0)
        #expect(canvas.write("xyz", x: 5, y: 0, style: .plain, maxWidth: Int.max) == 3)
        #expect(canvas.plainText == " abc xyz")
    }

    @Test func negativeXSkipsTheOffscreenPart() {
        var canvas = Canvas(size: Size(columns: 5, rows: 1))
        #expect(canvas.write("abcdef", x: -2, y: 0, style: .plain) == 4)
        #expect(canvas.plainText == "cdef")
        var wide = Canvas(size: Size(columns: 5, rows: 1))
        // 日 would cover columns -1 and 0: its visible half becomes a space.
        #expect(wide.write("日本", x: -1, y: 0, style: .plain) == 3)
        #expect(wide[0, 0].text == " ")
        #expect(wide[1, 0].text == "本")
        #expect(wide[2, 0].text == "")
    }

    @Test func rowsOutsideTheCanvasAreIgnored() {
        var canvas = Canvas(size: Size(columns: 5, rows: 1))
        #expect(canvas.write("abc", x: 0, y: 1, style: .plain) == 0)
        #expect(canvas.write("abc", x: 0, y: -1, style: .plain) == 0)
        #expect(canvas.write("abc", x: 5, y: 0, style: .plain) == 0)
        #expect(canvas.plainText == "")
    }

    @Test func wideCharactersTakeTwoCells() {
        var canvas = Canvas(size: Size(columns: 8, rows: 1))
        #expect(canvas.write("日本x", x: 1, y: 0, style: red) == 5)
        #expect(canvas.plainText == " 日本x")
        #expect(canvas[1, 0] == Cell(text: "日", style: red))
        #expect(canvas[2, 0] == Cell(text: "", style: red))
        #expect(canvas[3, 0].text == "本")
        #expect(canvas[4, 0].text == "")
        #expect(canvas[5, 0].text == "x")
    }

    @Test func aWideCharacterStraddlingTheClipBecomesASpace() {
        var canvas = Canvas(size: Size(columns: 4, rows: 1))
        #expect(canvas.write("a日本", x: 0, y: 0, style: red) == 4)
        #expect(canvas[3, 0] == Cell(text: " ", style: red))
        #expect(canvas.plainText == "a日")
        var clipped = Canvas(size: Size(columns: 10, rows: 1))
        #expect(clipped.write("日本", x: 0, y: 0, style: .plain, maxWidth: 3) == 3)
        #expect(clipped.plainText == "日")
        #expect(clipped[3, 0].text == " ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(size: Size(columns: 6, rows: 1))
        canvas.write("日本", x: 0, y: 0, style: .plain)
        canvas.write("x", x: 1, y: 0, style: .plain)       // right half of 日
        #expect(canvas.plainText == " x本")
        canvas.write("y", x: 2, y: 0, style: .plain)       // left half of 本
        #expect(canvas.plainText == " xy")
        #expect(canvas[3, 0].text == " ")
        var again = Canvas(size: Size(columns: 6, rows: 1))
        again.write("日本", x: 0, y: 0, style: .plain)
        again.write("語", x: 1, y: 0, style: .plain)       // wide over both halves' edges
        #expect(again.plainText == " 語")
        #expect(again[0, 0].text == " " && again[1, 0].text == "語" && again[2, 0].text == "" && again[3, 0].text == " ")
    }

    @Test func combiningMarksStayWithTheirBase() {
        var canvas = Canvas(size: Size(columns: 6, rows: 1))
        #expect(canvas.write("e\u{301}a", x: 0, y: 0, style: .plain) == 2)
        #expect(canvas[0, 0].text == "e\u{301}")
        #expect(canvas[1, 0].text == "a")
        // A mark at the start of a write attaches to the cell before it.
        canvas.write("\u{308}b", x: 2, y: 0, style: .plain)
        #expect(canvas[1, 0].text == "a\u{308}")
        #expect(canvas[2, 0].text == "b")
        #expect(canvas.plainText == "e\u{301}a\u{308}b")
    }

    @Test func aCombiningMarkAfterAWideCharacterJoinsItsLeftHalf() {
        var canvas = Canvas(size: Size(columns: 6, rows: 1))
        canvas.write("日", x: 0, y: 0, style: .plain)
        canvas.write("\u{301}", x: 2, y: 0, style: .plain)
        #expect(canvas[0, 0].text == "日\u{301}")
        #expect(canvas[1, 0].text == "")
    }

    @Test func aLateVariationSelectorCannotWidenACell() {
        var canvas = Canvas(size: Size(columns: 4, rows: 1))
        canvas.write("❤", x: 0, y: 0, style: .plain)
        canvas.write("\u{FE0F}x", x: 1, y: 0, style: .plain)
        #expect(canvas[0, 0].text == "❤")
        #expect(canvas[1, 0].text == "x")
    }

    @Test func emojiAndFlagsAreOneWideCell() {
        var canvas = Canvas(size: Size(columns: 10, rows: 1))
        #expect(canvas.write("👍🇫🇷👨‍👩‍👧", x: 0, y: 0, style: .plain) == 6)
        #expect(canvas[0, 0].text == "👍")
        #expect(canvas[2, 0].text == "🇫🇷")
        #expect(canvas[4, 0].text == "👨‍👩‍👧")
        #expect(canvas[5, 0].text == "")
    }

    @Test func controlCharactersAreShownNeverStored() {
        var canvas = Canvas(size: Size(columns: 20, rows: 1))
        let written = canvas.write("a\u{1B}[31mb\u{7}\u{7F}\u{9B}c", x: 0, y: 0, style: .plain)
        #expect(canvas.plainText == "a␛[31mb␇␡\u{FFFD}c")
        #expect(written == 11)
        for x in 0..<20 {
            for scalar in canvas[x, 0].text.unicodeScalars {
                #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)), "cell \(x) holds U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func newlinesAndTabsBecomeSpaces() {
        var canvas = Canvas(size: Size(columns: 12, rows: 2))
        #expect(canvas.write("a\nb\r\nc\td\re", x: 0, y: 0, style: .plain) == 9)
        #expect(canvas.plainText == "a b c d e\n")
    }

    @Test func zalgoIsCappedPerCell() {
        var canvas = Canvas(size: Size(columns: 4, rows: 1))
        canvas.write("a" + String(repeating: "\u{301}", count: 500), x: 0, y: 0, style: .plain)
        #expect(canvas[0, 0].text.unicodeScalars.count <= Canvas.maxScalarsPerCell)
        #expect(canvas[0, 0].text.unicodeScalars.first == "a")
    }

    @Test func returnsTheColumnsWidthComputesForTheSameText() {
        let samples = ["plain", "日本語", "e\u{301}", "👍 ok", "a\u{1B}b", "tab\there", "🇫🇷x"]
        for sample in samples {
            var canvas = Canvas(size: Size(columns: 40, rows: 1))
            #expect(canvas.write(sample, x: 0, y: 0, style: .plain) == TextWidth.of(sample), "\(sample)")
        }
    }
}
