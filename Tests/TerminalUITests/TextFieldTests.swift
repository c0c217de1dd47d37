import Testing
@testable import TerminalUI

/// Handles a key outside the #expect macro (which cannot capture an inout mutation).
func press(_ field: inout TextField, _ key: Key) -> Bool {
    field.handle(key)
}

@Suite("Text field: editing")
struct TextFieldEditingTests {
    @Test func startsWithTheCursorAtTheEnd() {
        let field = TextField(text: "abc")
        #expect(field.cursor == 3)
        #expect(!field.isMasked)
        #expect(TextField().text.isEmpty && TextField().cursor == 0)
    }

    @Test func typingAndMovingAreGraphemeSteps() {
        var field = TextField(text: "e\u{301}日👨‍👩‍👧")
        #expect(field.cursor == 3)
        #expect(press(&field, .left))
        #expect(press(&field, .backspace))
        #expect(field.text == "e\u{301}👨‍👩‍👧")
        #expect(field.cursor == 1)
        #expect(press(&field, .home))
        #expect(press(&field, .delete))
        #expect(field.text == "👨‍👩‍👧")
        #expect(press(&field, .end))
        #expect(press(&field, .character("x")))
        #expect(field.text == "👨‍👩‍👧x" && field.cursor == 2)
    }

    @Test func aCombiningMarkTypedAfterALetterMergesWithIt() {
        var field = TextField(text: "ab")
        field.cursor = 1
        field.insert("\u{301}")
        #expect(field.text == "a\u{301}b")
        #expect(field.cursor == 1)
    }

    @Test func editingKeysAtTheEdgesAreConsumedNoOps() {
        var field = TextField(text: "ab")
        field.cursor = 0
        #expect(press(&field, .left) && field.cursor == 0)
        #expect(press(&field, .backspace) && field.text == "ab")
        field.cursor = 2
        #expect(press(&field, .right) && field.cursor == 2)
        #expect(press(&field, .delete) && field.text == "ab")
    }

    @Test func emacsKeys() {
        var field = TextField(text: "hello big world")
        field.cursor = 9
        #expect(press(&field, .control("k")))
        #expect(field.text == "hello big" && field.cursor == 9)
        #expect(press(&field, .control("w")))
        #expect(field.text == "hello " && field.cursor == 6)
        #expect(press(&field, .control("a")) && field.cursor == 0)
        #expect(press(&field, .control("e")) && field.cursor == 6)
        #expect(press(&field, .control("b")) && field.cursor == 5)
        #expect(press(&field, .control("u")))
        #expect(field.text == " " && field.cursor == 0)
        #expect(press(&field, .control("d")) && field.text.isEmpty)
        #expect(press(&field, .control("f")) && field.cursor == 0)
    }

    @Test func nonEditingKeysAreNotConsumed() {
        var field = TextField(text: "x")
        for key in [Key.enter, .tab, .backTab, .escape, .up, .down, .pageUp, .function(1), .control("c"), .alt("x"), .insert] {
            #expect(!press(&field, key), "\(key)")
        }
        #expect(field.text == "x")
    }

    @Test func insertIsSingleLineAndControlFree() {
        var field = TextField()
        field.insert("eyJ0\r\neXAi\nOiJ\tK\u{1B}[31mV\u{7}\u{202E}1Q")
        #expect(field.text == "eyJ0eXAiOiJ K[31mV1Q")
        #expect(field.cursor == field.text.count)
        #expect(TextField(text: "a\nb").text == "ab")
    }

    @Test func insertsInTheMiddle() {
        var field = TextField(text: "ad")
        field.cursor = 1
        field.insert("bc")
        #expect(field.text == "abcd" && field.cursor == 3)
    }

    @Test func outOfRangeCursorsAreClamped() {
        var field = TextField(text: "abc")
        field.cursor = 99
        #expect(press(&field, .backspace))
        #expect(field.text == "ab" && field.cursor == 2)
        field.cursor = -5
        field.insert("z")
        #expect(field.text == "zab" && field.cursor == 1)
    }

    @Test func a16KBPasteIsOneQuickInsert() {
        let token = String(repeating: "eyJhbGciOiJSUzI1NiJ9.", count: 800)   // 16,800 bytes
        var field = TextField(text: "Bearer ")
        let elapsed = ContinuousClock().measure { field.insert(token) }
        #expect(field.text == "Bearer " + token)
        #expect(field.cursor == 7 + token.count)
        #expect(elapsed < .seconds(5))   // hang guard (a loaded machine may preempt): it takes about a millisecond
    }
}

@Suite("Text field: rendering")
struct TextFieldRenderTests {
    let style = Style(background: .indexed(235))
    let dim = Style(foreground: .indexed(245))

    func render(_ field: TextField, width: Int, focused: Bool = true, placeholder: String? = nil, reveal: Bool = false) -> Canvas {
        var canvas = Canvas(size: Size(columns: width + 2, rows: 1))
        field.render(into: &canvas, at: Rect(x: 1, y: 0, width: width, height: 1), style: style, focused: focused,
                     placeholder: placeholder, placeholderStyle: dim, reveal: reveal)
        return canvas
    }

    @Test func shortTextFromTheStart() {
        let canvas = render(TextField(text: "abc"), width: 8)
        #expect(canvas.plainText == " abc")
        #expect(canvas.cursor?.x == 4 && canvas.cursor?.y == 0)
        #expect(canvas[1, 0].style == style && canvas[8, 0].style == style)
        #expect(canvas[0, 0].style == .plain && canvas[9, 0].style == .plain)
    }

    @Test func unfocusedLeavesTheCursorAlone() {
        #expect(render(TextField(text: "abc"), width: 8, focused: false).cursor == nil)
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        var field = TextField(text: "abcdefghijklmnopqrstuvwxyz")
        var canvas = render(field, width: 8)
        #expect(canvas.plainText == " …uvwxyz")         // the cursor is after z, in the last column
        #expect(canvas.cursor?.x == 8)
        field.cursor = 0
        canvas = render(field, width: 8)
        #expect(canvas.plainText == " abcdefg…")
        #expect(canvas.cursor?.x == 1)
        field.cursor = 12                                   // on "m"
        canvas = render(field, width: 8)
        #expect(canvas.plainText == " …hijklm…")
        #expect(canvas.cursor?.x == 7)
        #expect(canvas[7, 0].text == "m")
    }

    @Test func cursorIsAlwaysInsideTheRect() {
        let field = TextField(text: "日本語のテキストとASCII mixed 👍 e\u{301}nd")
        for width in 1...20 {
            for position in 0...field.text.count {
                var moved = field
                moved.cursor = position
                let canvas = render(moved, width: width)
                let x = canvas.cursor?.x ?? -1
                #expect(x >= 1 && x <= width, "width \(width), cursor \(position)")
                #expect(TextWidth.of(canvas.line(0)) <= width + 1)
                #expect(canvas[0, 0].text == " " && canvas[width + 1, 0].text == " ")
            }
        }
    }

    @Test func wideCharactersScrollWhole() {
        var field = TextField(text: "日本語テキスト")
        field.cursor = 7
        let canvas = render(field, width: 6)
        #expect(canvas.plainText == " …スト")
        #expect(canvas.cursor?.x == 6)
    }

    @Test func maskedShowsOneBulletPerCharacter() {
        let field = TextField(text: "s3crét", isMasked: true)
        #expect(render(field, width: 10).plainText == " ••••••")
        #expect(render(field, width: 10, reveal: true).plainText == " s3crét")
        #expect(render(field, width: 4).plainText == " …••")
    }

    @Test func placeholderWhenEmpty() {
        let canvas = render(TextField(), width: 10, placeholder: "Paste a token here")
        #expect(canvas.plainText == " Paste a t…")
        #expect(canvas[1, 0].style == dim)
        #expect(canvas.cursor?.x == 1)
        #expect(render(TextField(), width: 10).plainText == "")
    }

    @Test func a16KBTokenRendersQuickly() {
        let field = TextField(text: String(repeating: "eyJhbGciOiJSUzI1NiJ9.", count: 800))
        var canvas = Canvas(size: Size(columns: 120, rows: 1))
        let elapsed = ContinuousClock().measure {
            field.render(into: &canvas, at: Rect(x: 0, y: 0, width: 120, height: 1), style: .plain, focused: true,
                         placeholder: nil, placeholderStyle: .plain, reveal: false)
        }
        #expect(canvas.line(0).hasSuffix("eyJhbGciOiJSUzI1NiJ9."))
        #expect(elapsed < .seconds(5))   // hang guard (a loaded machine may preempt)
    }
}

@Suite("Scroll state and spinner")
struct ScrollStateTests {
    @Test func movesAndKeepsTheSelectionVisible() {
        var state = ScrollState()
        state.move(by: 1, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 1, offset: 0))
        state.move(by: 3, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 4, offset: 2))
        state.move(by: 100, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 9, offset: 7))
        state.move(by: -1, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 8, offset: 7))
        state.move(by: -8, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 0, offset: 0))
        state.move(by: Int.min, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 0, offset: 0))
        state.move(by: Int.max, count: 10, visible: 3)
        #expect(state == ScrollState(selected: 9, offset: 7))
    }

    @Test func clampAfterTheListOrWindowChanged() {
        var state = ScrollState(selected: 9, offset: 7)
        state.clamp(count: 5, visible: 3)
        #expect(state == ScrollState(selected: 4, offset: 2))
        state.clamp(count: 5, visible: 10)
        #expect(state == ScrollState(selected: 4, offset: 0))
        state.clamp(count: 0, visible: 10)
        #expect(state == ScrollState(selected: 0, offset: 0))
        state = ScrollState(selected: 5, offset: 5)
        state.clamp(count: 20, visible: 0)
        #expect(state == ScrollState(selected: 5, offset: 5))
        #expect(state.visibleRange(count: 20, visible: 4) == 5..<9)
        #expect(state.visibleRange(count: 7, visible: 4) == 5..<7)
    }

    @Test func spinnerCycles() {
        #expect(Spinner.frame(0) == "⠋")
        #expect(Spinner.frame(1) == "⠙")
        #expect(Spinner.frame(10) == "⠋")
        #expect(Spinner.frame(-1) == "⠏")
        #expect(Spinner.frame(Int.min) == Spinner.frame(Int.min % 10 + 10))
        #expect(Spinner.frames.allSatisfy { TextWidth.of($0) == 1 })
    }
}
