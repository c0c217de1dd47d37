import Testing
@testable import TerminalUI

/// Random writes, fills and boxes must always leave a canvas a terminal can show as is.
@Suite("Canvas: invariants under random drawing")
struct CanvasFuzzTests {
    static let pieces = ["a", "Z", " ", "日", "本", "👍", "🇫🇷", "e\u{301}", "\u{301}", "\u{200D}", "\u{1B}", "\n", "\t", "\u{7F}", "\u{9B}", "é", "ｈ", "❤️", "\u{202E}", "─", "\u{FE0F}", "🇫", "❤"]

    @Test func invariantsHold() {
        var rng = InputDecoderFuzzTests.Generator(state: 0xDEAD_BEEF_CAFE_F00D)
        let size = Size(columns: 13, rows: 4)
        var canvas = Canvas(size: size)
        for step in 0..<4000 {
            let style = Style(foreground: .indexed(UInt8.random(in: 0...3, using: &rng)))
            let x = Int.random(in: -4...15, using: &rng)
            let y = Int.random(in: -1...4, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                canvas.fill(Rect(x: x, y: y, width: Int.random(in: 0...6, using: &rng), height: 2), style: style)
            case 1:
                canvas.box(Rect(x: x, y: y, width: Int.random(in: 0...14, using: &rng), height: 3), style: style, title: "日本x")
            case 2:
                canvas.setStyle(Rect(x: x, y: y, width: 3, height: 3), style: style)
            default:
                let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng) ?? "" }.joined()
                let maxWidth = Bool.random(using: &rng) ? nil : Int.random(in: -1...10, using: &rng)
                canvas.write(text, x: x, y: y, style: style, maxWidth: maxWidth)
            }
            check(canvas, step: step)
        }
    }

    func check(_ canvas: Canvas, step: Int) {
        for y in 0..<canvas.size.rows {
            for x in 0..<canvas.size.columns {
                let text = canvas[x, y].text
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "step \(step)")
                if text.isEmpty {
                    #expect(x > 0 && TextWidth.of(canvas[x - 1, y].text) == 2, "step \(step): orphan right half at \(x),\(y)")
                } else {
                    #expect(text.count == 1, "step \(step): \(x),\(y) holds \(text.count) graphemes")
                    let width = TextWidth.of(text)
                    #expect(width == 1 || width == 2, "step \(step)")
                    if width == 2 {
                        #expect(x + 1 < canvas.size.columns && canvas[x + 1, y].text.isEmpty, "step \(step): wide char without right half at \(x),\(y)")
                    }
                }
            }
            let columns = canvas.runs(row: y).reduce(0) { $0 + TextWidth.of($1.text) }
            #expect(columns == canvas.size.columns, "step \(step), row \(y)")
        }
    }
}
