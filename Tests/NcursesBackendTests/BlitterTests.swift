import CNcursesw
@testable import NcursesBackend
import TerminalUI
import Testing

extension ProcessWide {
    /// The blit against a real (headless) ncurses screen, read back cell by cell.
    @Suite("Blitter")
    struct BlitterTests {
        let red = Style(foreground: .indexed(1), attributes: [.bold])
        let onBlue = Style(background: .indexed(4), attributes: [.underline, .reverse, .italic])

        @Test("text, wide characters, attributes and colour pairs reach the screen")
        func blitsTextAndStyles() throws {
            let screen = try HeadlessScreen(rows: 5, columns: 20)
            var blitter = Blitter(colorDepth: .full)
            var canvas = Canvas(size: Size(columns: 20, rows: 5))
            canvas.write("ab", x: 0, y: 0, style: red)
            canvas.write("日本", x: 3, y: 0, style: onBlue)
            canvas.write("dim", x: 0, y: 2, style: Style(foreground: .indexed(208), attributes: [.dim]))
            blitter.draw(canvas)

            // count is in characters, not columns: 日本 are two characters in four columns.
            #expect(screen.text(row: 0, count: 8) == "ab 日本   ")
            #expect(screen.text(row: 2, count: 4) == "dim ")

            let a = screen.cell(x: 0, y: 0)
            #expect(a.text == "a")
            #expect(a.attributes == cnc_a_bold())
            #expect(screen.colors(ofPair: a.pair) == (1, -1))

            let space = screen.cell(x: 2, y: 0)
            #expect(space.pair == 0)
            #expect(space.attributes == cnc_a_normal())

            let nichi = screen.cell(x: 3, y: 0)
            #expect(nichi.text == "日")
            #expect(nichi.attributes == cnc_a_underline() | cnc_a_reverse() | cnc_a_italic())
            #expect(screen.colors(ofPair: nichi.pair) == (-1, 4))
            #expect(screen.cell(x: 5, y: 0).text == "本")

            let dim = screen.cell(x: 0, y: 2)
            #expect(dim.attributes == cnc_a_dim())
            #expect(screen.colors(ofPair: dim.pair) == (208, -1))
        }

        @Test("the same colours share one pair across runs and frames")
        func reusesPairs() throws {
            let screen = try HeadlessScreen(rows: 3, columns: 10)
            var blitter = Blitter(colorDepth: .full)
            var canvas = Canvas(size: Size(columns: 10, rows: 3))
            canvas.write("x", x: 0, y: 0, style: red)
            canvas.write("y", x: 0, y: 1, style: Style(foreground: .indexed(1))) // same colours, no bold
            blitter.draw(canvas)
            blitter.draw(canvas)
            let first = screen.cell(x: 0, y: 0).pair
            #expect(first != 0)
            #expect(screen.cell(x: 0, y: 1).pair == first)
        }

        @Test("the bottom-right cell is drawn and the canvas is clipped to the screen")
        func clipsAndFillsLastCell() throws {
            let screen = try HeadlessScreen(rows: 3, columns: 6)
            var blitter = Blitter(colorDepth: .full)
            var canvas = Canvas(size: Size(columns: 10, rows: 5)) // larger than the screen
            canvas.write("abcdefghij", x: 0, y: 0, style: .plain)
            canvas.write("wxyz日", x: 2, y: 1, style: .plain)     // 日 would straddle column 6
            canvas.write("END", x: 3, y: 2, style: red)
            canvas.write("gone", x: 0, y: 4, style: .plain)
            blitter.draw(canvas)
            #expect(screen.text(row: 0, count: 6) == "abcdef")
            #expect(screen.text(row: 1, count: 6) == "  wxyz")
            #expect(screen.text(row: 2, count: 6) == "   END")
            #expect(screen.cell(x: 5, y: 2).attributes == cnc_a_bold())
        }

        @Test("a smaller canvas leaves the rest of the screen blank")
        func smallerCanvas() throws {
            let screen = try HeadlessScreen(rows: 3, columns: 8)
            var blitter = Blitter(colorDepth: .full)
            var big = Canvas(size: Size(columns: 8, rows: 3))
            big.write("xxxxxxxx", x: 0, y: 2, style: .plain)
            blitter.draw(big)
            var small = Canvas(size: Size(columns: 2, rows: 1))
            small.write("ok", x: 0, y: 0, style: .plain)
            blitter.draw(small)
            #expect(screen.text(row: 0, count: 8) == "ok      ")
            #expect(screen.text(row: 2, count: 8) == "        ")
        }

        @Test("without colour, attributes still apply and no pair is used")
        func monochrome() throws {
            let screen = try HeadlessScreen(rows: 2, columns: 6)
            var blitter = Blitter(colorDepth: .none)
            var canvas = Canvas(size: Size(columns: 6, rows: 2))
            canvas.write("hi", x: 0, y: 0, style: red)
            blitter.draw(canvas)
            let h = screen.cell(x: 0, y: 0)
            #expect(h.attributes == cnc_a_bold())
            #expect(h.pair == 0)
        }

        @Test("the cursor goes where the canvas says")
        func cursor() throws {
            let screen = try HeadlessScreen(rows: 4, columns: 10)
            _ = screen
            var blitter = Blitter(colorDepth: .full)
            var canvas = Canvas(size: Size(columns: 10, rows: 4))
            canvas.cursor = (x: 7, y: 2)
            blitter.draw(canvas)
            #expect(getcury(cnc_stdscr()) == 2)
            #expect(getcurx(cnc_stdscr()) == 7)
        }

        @Test("terminal sizes from headless terminfo: 256 colours for xterm-256color")
        func terminfoColors() throws {
            let screen = try HeadlessScreen(rows: 2, columns: 2)
            _ = screen
            #expect(has_colors())
            #expect(tigetnum("colors") == 256)
        }
    }
}
