import Testing
@testable import TerminalUI

/// Decodes `text`'s bytes in one feed.
func decode(_ text: String, maxPasteBytes: Int = 8 << 20) -> [InputEvent] {
    var decoder = InputDecoder(maxPasteBytes: maxPasteBytes)
    return decoder.feed(Array(text.utf8))
}

func keys(_ list: Key...) -> [InputEvent] { list.map { .key($0) } }

@Suite("Input decoder: keys")
struct InputDecoderKeyTests {
    static let table: [(String, Key)] = [
        ("\r", .enter), ("\n", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{8}", .backspace),
        ("\u{1}", .control("a")), ("\u{3}", .control("c")), ("\u{1A}", .control("z")), ("\u{0}", .control("@")),
        ("\u{1C}", .control("\\")), ("\u{1F}", .control("_")),
        ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
        ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
        ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
        ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)), ("\u{1B}OS", .function(4)),
        ("\u{1B}[11~", .function(1)), ("\u{1B}[12~", .function(2)), ("\u{1B}[13~", .function(3)),
        ("\u{1B}[14~", .function(4)), ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)),
        ("\u{1B}[18~", .function(7)), ("\u{1B}[19~", .function(8)), ("\u{1B}[20~", .function(9)),
        ("\u{1B}[21~", .function(10)), ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)),
        ("\u{1B}[Z", .backTab), ("\u{1B}[1;5A", .up), ("\u{1B}[1;2D", .left), ("\u{1B}[3;5~", .delete),
        ("\u{1B}[1;2P", .function(1)), ("\u{1B}OM", .enter),
        ("\u{1B}a", .alt("a")), ("\u{1B}Q", .alt("Q")), ("\u{1B} ", .alt(" ")), ("\u{1B}é", .alt("é")),
        ("a", .character("a")), (" ", .character(" ")), ("~", .character("~")),
        ("é", .character("é")), ("日", .character("日")), ("👍", .character("👍")),
    ]

    @Test func everySequenceInTheContract() {
        for (input, key) in Self.table {
            #expect(decode(input) == [.key(key)], "\(Array(input.utf8))")
        }
    }

    @Test func aRunOfKeysInOneRead() {
        #expect(decode("ab\u{1B}[Ac\r") == keys(.character("a"), .character("b"), .up, .character("c"), .enter))
    }

    @Test func unknownSequencesAreConsumedAndDropped() {
        #expect(decode("\u{1B}[99~x") == keys(.character("x")))
        #expect(decode("\u{1B}[?1;2cx") == keys(.character("x")))   // a device attributes reply
        #expect(decode("\u{1B}[Ix\u{1B}[O") == keys(.character("x")))  // focus events
        #expect(decode("\u{1B}Ozx") == keys(.character("x")))
        #expect(decode("\u{1B}[201~x") == keys(.character("x")))    // a stray paste end
        #expect(decode("\u{1B}[65;3u") == [])                          // kitty keyboard protocol
    }

    @Test func escapeBeforeAControlIsEscapeThenTheKey() {
        #expect(decode("\u{1B}\u{1B}") == keys(.escape) )             // the second is held
        #expect(decode("\u{1B}\r") == keys(.escape, .enter))
        #expect(decode("\u{1B}\u{7F}") == keys(.escape, .backspace))
    }

    @Test func aCSIBrokenByAControlIsDropped() {
        #expect(decode("\u{1B}[1;\rx") == keys(.enter, .character("x")))
        #expect(decode("\u{1B}[\r") == keys(.alt("["), .enter))
    }

    @Test func hugeParametersAreClamped() {
        let digits = String(repeating: "9", count: 40)
        #expect(decode("\u{1B}[\(digits)~x") == keys(.character("x")))
        guard case .mouse(let event)? = decode("\u{1B}[<\(digits);\(digits);\(digits)M").first else {
            Issue.record("no mouse event")
            return
        }
        #expect(event.x == 999_999 && event.y == 999_999)
        #expect(InputDecoder.parseParameters(ArraySlice(Array(digits.utf8))) == [1_000_000])
    }

    @Test func overlongSequencesAreDroppedWholeNeverTyped() {
        var decoder = InputDecoder()
        let events = decoder.feed(Array(("\u{1B}[" + String(repeating: "1;", count: 300) + "Ax").utf8))
        #expect(events == keys(.character("x")))
        #expect(!decoder.hasPendingInput)
        // Split: the held part is bounded, and the tail is still skipped in a later read.
        var split = InputDecoder()
        #expect(split.feed(Array(("\u{1B}[" + String(repeating: "9", count: 1000)).utf8)) == [])
        #expect(split.pending.count <= InputDecoder.maxSequenceLength)
        #expect(split.hasPendingInput)
        #expect(split.feed(Array("999;1~y".utf8)) == keys(.character("y")))
        // A tail that never comes stops being skipped at the escape timeout.
        var lost = InputDecoder()
        _ = lost.feed(Array(("\u{1B}[" + String(repeating: "9", count: 1000)).utf8))
        #expect(lost.flushPending() == [])
        #expect(lost.feed(Array("12".utf8)) == keys(.character("1"), .character("2")))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        var decoder = InputDecoder()
        let replacement = InputEvent.key(.character("\u{FFFD}"))
        #expect(decoder.feed([0xFF]) == [replacement])
        #expect(decoder.feed([0xC3, 0x41]) == [replacement, .key(.character("A"))])
        #expect(decoder.feed([0xE2, 0x82, 0x41]) == [replacement, .key(.character("A"))])
        #expect(decoder.feed([0xED, 0xA0, 0x80]) == [replacement, replacement, replacement])   // a surrogate
        #expect(decoder.feed([0xC0, 0xAF]) == [replacement, replacement])                       // overlong
        #expect(decoder.feed([0xF4, 0x90, 0x80, 0x80]) == Array(repeating: replacement, count: 4))  // > U+10FFFF
        #expect(decoder.feed([0xC2, 0x9B]) == [])                                               // C1 CSI: not text
        #expect(!decoder.hasPendingInput)
    }

    @Test func sgrMouse() {
        #expect(decode("\u{1B}[<0;10;5M") == [.mouse(MouseEvent(kind: .press(button: 0), x: 9, y: 4))])
        #expect(decode("\u{1B}[<2;1;1M") == [.mouse(MouseEvent(kind: .press(button: 2), x: 0, y: 0))])
        #expect(decode("\u{1B}[<0;10;5m") == [.mouse(MouseEvent(kind: .release, x: 9, y: 4))])
        #expect(decode("\u{1B}[<64;3;4M") == [.mouse(MouseEvent(kind: .scrollUp, x: 2, y: 3))])
        #expect(decode("\u{1B}[<65;3;4M") == [.mouse(MouseEvent(kind: .scrollDown, x: 2, y: 3))])
        #expect(decode("\u{1B}[<32;7;8M") == [.mouse(MouseEvent(kind: .drag, x: 6, y: 7))])
        #expect(decode("\u{1B}[<16;1;1M") == [.mouse(MouseEvent(kind: .press(button: 0), x: 0, y: 0))])  // ctrl-click
        #expect(decode("\u{1B}[<0;0;0M") == [.mouse(MouseEvent(kind: .press(button: 0), x: 0, y: 0))])   // never negative
        #expect(decode("\u{1B}[<66;1;1M") == [])   // horizontal wheel
        #expect(decode("\u{1B}[<1;2M") == [])      // malformed
    }

    @Test func legacyX10Mouse() {
        #expect(decode("\u{1B}[M +%") == [.mouse(MouseEvent(kind: .press(button: 0), x: 10, y: 4))])
        #expect(decode("\u{1B}[M#+%") == [.mouse(MouseEvent(kind: .release, x: 10, y: 4))])
        #expect(decode("\u{1B}[M`!!") == [.mouse(MouseEvent(kind: .scrollUp, x: 0, y: 0))])
        var decoder = InputDecoder()
        #expect(decoder.feed(Array("\u{1B}[M ".utf8)) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.feed(Array("!!x".utf8)) == [.mouse(MouseEvent(kind: .press(button: 0), x: 0, y: 0)), .key(.character("x"))])
    }
}
