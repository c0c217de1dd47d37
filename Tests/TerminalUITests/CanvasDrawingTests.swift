import Testing
@testable import TerminalUI

@Suite("Canvas: fill, box, runs, cursor")
struct CanvasDrawingTests {
    let blue = Style(foreground: .blue)
    let bar = Style(foreground: .white, background: .blue, attributes: .bold)

    @Test func startsBlankInTheGivenStyle() {
        let canvas = Canvas(size: Size(columns: 3, rows: 2), style: bar)
        #expect(canvas[2, 1] == Cell(text: " ", style: bar))
        #expect(canvas.plainText == "\n")
        #expect(canvas[3, 0] == Cell.blank)
        #expect(canvas[-1, 0] == Cell.blank)
        #expect(canvas.cursor == nil)
    }

    @Test func negativeSizesAreEmpty() {
        let canvas = Canvas(size: Size(columns: -3, rows: -1))
        #expect(canvas.size == Size(columns: 0, rows: 0))
        #expect(canvas.plainText == "")
        #expect(canvas.runs(row: 0).isEmpty)
    }

    @Test func fillBlanksAClippedRect() {
        var canvas = Canvas(size: Size(columns: 4, rows: 3))
        canvas.write("abcd", x: 0, y: 1, style: .plain)
        canvas.fill(Rect(x: 1, y: 1, width: 10, height: 10), style: bar)
        #expect(canvas.plainText == "\na\n")
        #expect(canvas[3, 2] == Cell(text: " ", style: bar))
        #expect(canvas[0, 1].style == .plain)
        #expect(canvas[1, 0].style == .plain)
    }

    @Test func fillThroughAWideCharacterBlanksBothHalves() {
        var canvas = Canvas(size: Size(columns: 6, rows: 1))
        canvas.write("日本語", x: 0, y: 0, style: .plain)
        canvas.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: .plain)
        #expect(canvas.plainText == "    語")
        #expect(canvas[4, 0].text == "語")
    }

    @Test func setStyleKeepsTheText() {
        var canvas = Canvas(size: Size(columns: 5, rows: 1))
        canvas.write("hello", x: 0, y: 0, style: .plain)
        canvas.setStyle(Rect(x: 1, y: 0, width: 2, height: 5), style: bar)
        #expect(canvas.plainText == "hello")
        #expect(canvas[1, 0] == Cell(text: "e", style: bar))
        #expect(canvas[3, 0].style == .plain)
    }

    @Test func boxWithTitle() {
        var canvas = Canvas(size: Size(columns: 14, rows: 4))
        canvas.box(Rect(x: 0, y: 0, width: 14, height: 4), style: blue, title: "Token", titleStyle: bar)
        #expect(canvas.plainText == """
            ┌─ Token ────┐
            │            │
            │            │
            └────────────┘
            """)
        #expect(canvas[0, 0].style == blue)
        #expect(canvas[2, 0] == Cell(text: " ", style: bar))
        #expect(canvas[3, 0] == Cell(text: "T", style: bar))
        #expect(canvas[9, 0].style == blue)
    }

    @Test func boxTitleIsTruncatedAndSanitised() {
        var canvas = Canvas(size: Size(columns: 10, rows: 3))
        canvas.box(Rect(x: 0, y: 0, width: 10, height: 3), style: .plain, title: "A very long\u{1B} title")
        #expect(canvas.line(0) == "┌─ A ve… ┐")
        #expect(!canvas.plainText.unicodeScalars.contains("\u{1B}"))
        var narrow = Canvas(size: Size(columns: 4, rows: 2))
        narrow.box(Rect(x: 0, y: 0, width: 4, height: 2), style: .plain, title: "Title")
        #expect(narrow.plainText == "┌──┐\n└──┘")
    }

    @Test func tinyAndOffscreenBoxesDoNotCrash() {
        var canvas = Canvas(size: Size(columns: 5, rows: 5))
        canvas.box(Rect(x: 0, y: 0, width: 1, height: 5), style: .plain)
        canvas.box(Rect(x: 3, y: 3, width: 10, height: 10), style: .plain, title: "x")
        canvas.box(Rect(x: -3, y: -3, width: 5, height: 5), style: .plain)
        #expect(canvas.plainText == " │\n─┘\n\n   ┌─\n   │")
    }

    @Test func runsGroupEqualStylesAndSkipRightHalves() {
        var canvas = Canvas(size: Size(columns: 10, rows: 1))
        canvas.write("ab", x: 0, y: 0, style: .plain)
        canvas.write("日本", x: 2, y: 0, style: bar)
        canvas.write("c", x: 6, y: 0, style: bar)
        #expect(canvas.runs(row: 0) == [
            Canvas.Run(x: 0, text: "ab", style: .plain),
            Canvas.Run(x: 2, text: "日本c", style: bar),
            Canvas.Run(x: 7, text: "   ", style: .plain),
        ])
        #expect(canvas.runs(row: 1).isEmpty)
        #expect(canvas.runs(row: -1).isEmpty)
    }

    @Test func runsCoverEveryColumnExactlyOnce() {
        var canvas = Canvas(size: Size(columns: 12, rows: 1))
        canvas.write("x日👍e\u{301}", x: 1, y: 0, style: blue)
        let runs = canvas.runs(row: 0)
        let columns = runs.reduce(0) { $0 + TextWidth.of($1.text) }
        #expect(columns == 12)
        #expect(runs.map(\.x) == [0, 1, 7])
    }

    @Test func cursorIsPartOfEquality() {
        var a = Canvas(size: Size(columns: 3, rows: 3))
        var b = a
        a.cursor = (1, 2)
        #expect(a.cursor?.x == 1 && a.cursor?.y == 2)
        #expect(a != b)
        b.cursor = (1, 2)
        #expect(a == b)
        a.cursor = nil
        #expect(a.cursor == nil)
        b.write("x", x: 0, y: 0, style: .plain)
        b.cursor = nil
        #expect(a != b)
    }

    @Test func plainTextTrimsTrailingSpacesOnly() {
        var canvas = Canvas(size: Size(columns: 6, rows: 2))
        canvas.write(" a  b", x: 0, y: 0, style: .plain)
        #expect(canvas.plainText == " a  b\n")
    }
}
