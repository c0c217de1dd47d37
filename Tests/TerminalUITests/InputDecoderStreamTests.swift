import Testing
@testable import TerminalUI

/// Feeds `bytes` in pieces cut at `cuts` (sorted offsets) and collects every event.
func decodeSplit(_ bytes: [UInt8], at cuts: [Int], maxPasteBytes: Int = 8 << 20) -> [InputEvent] {
    var decoder = InputDecoder(maxPasteBytes: maxPasteBytes)
    var events: [InputEvent] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut >= start {
        events += decoder.feed(Array(bytes[start..<cut]))
        start = cut
    }
    return events
}

@Suite("Input decoder: split reads and bracketed paste")
struct InputDecoderStreamTests {
    static let sample = "a\u{1B}[A\u{1B}OP日\u{1B}[1;5C\u{1B}[200~pa\u{1B}[Aste\r\n!\u{1B}[201~\u{1B}[<0;3;4M\u{1B}x👍\u{1B}[3~z"
    static let sampleEvents: [InputEvent] = [
        .key(.character("a")), .key(.up), .key(.function(1)), .key(.character("日")), .key(.right),
        .paste("pa\u{1B}[Aste\n!"), .mouse(MouseEvent(kind: .press(button: 0), x: 2, y: 3)),
        .key(.alt("x")), .key(.character("👍")), .key(.delete), .key(.character("z")),
    ]

    @Test func wholeSample() {
        #expect(decode(Self.sample) == Self.sampleEvents)
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let bytes = Array(Self.sample.utf8)
        for cut in 0...bytes.count {
            #expect(decodeSplit(bytes, at: [cut]) == Self.sampleEvents, "cut at \(cut)")
        }
    }

    @Test func splitAtEveryPairOfOffsets() {
        let bytes = Array(Self.sample.utf8)
        for first in 0...bytes.count {
            for second in first...bytes.count {
                #expect(decodeSplit(bytes, at: [first, second]) == Self.sampleEvents, "cuts \(first), \(second)")
            }
        }
    }

    @Test func oneByteAtATime() {
        let bytes = Array(Self.sample.utf8)
        #expect(decodeSplit(bytes, at: Array(0...bytes.count)) == Self.sampleEvents)
    }

    @Test func pasteKeepsContentRawAndLineBreaksAsNewlines() {
        #expect(decode("\u{1B}[200~line1\rline2\r\nline3\nq\u{1B}[201~") == [.paste("line1\nline2\nline3\nq")])
        #expect(decode("\u{1B}[200~\u{1B}[201~") == [.paste("")])
        #expect(decode("\u{1B}[200~\u{1B}[20x\u{1B}\u{1B}[201~") == [.paste("\u{1B}[20x\u{1B}")])
        #expect(decode("\u{1B}[200~q\u{3}x\u{1B}[201~q") == [.paste("q\u{3}x"), .key(.character("q"))])
    }

    @Test func pasteMarkersSplitAtEveryOffset() {
        let bytes = Array("x\u{1B}[200~tok\u{1B}[201~y".utf8)
        let expected: [InputEvent] = [.key(.character("x")), .paste("tok"), .key(.character("y"))]
        for cut in 0...bytes.count {
            for second in cut...bytes.count {
                #expect(decodeSplit(bytes, at: [cut, second]) == expected, "cuts \(cut), \(second)")
            }
        }
    }

    @Test func nestedAndDuplicatedStartMarkersAreDropped() {
        #expect(decode("\u{1B}[200~\u{1B}[200~a\u{1B}[200~b\u{1B}[201~") == [.paste("ab")])
        #expect(decode("\u{1B}[200~a\u{1B}[201~\u{1B}[201~b") == [.paste("a"), .key(.character("b"))])
    }

    @Test func anUnterminatedPasteWaitsForFlushPaste() {
        var decoder = InputDecoder()
        #expect(decoder.feed(Array("\u{1B}[200~abc".utf8)) == [])
        #expect(decoder.isInPaste)
        #expect(!decoder.hasPendingInput)
        #expect(decoder.flushPending() == [])        // the escape timer does not end a paste
        #expect(decoder.isInPaste)
        #expect(decoder.feed(Array("d\u{1B}[2".utf8)) == [])
        #expect(decoder.flushPaste() == [.paste("abcd\u{1B}[2")])
        #expect(!decoder.isInPaste)
        #expect(decoder.flushPaste() == [])
        // Input is no longer latched into the paste.
        #expect(decoder.feed(Array("q".utf8)) == [.key(.character("q"))])
    }

    @Test func anOversizedPasteKeepsItsStartAndEndsCleanly() {
        let body = String(repeating: "0123456789", count: 100)
        let bytes = Array("\u{1B}[200~\(body)\u{1B}[201~k".utf8)
        let expected: [InputEvent] = [.paste("0123456789012"), .key(.character("k"))]
        #expect(decodeSplit(bytes, at: [], maxPasteBytes: 13) == expected)
        for cut in stride(from: 0, through: bytes.count, by: 7) {
            #expect(decodeSplit(bytes, at: [cut, cut + 3], maxPasteBytes: 13) == expected, "cut \(cut)")
        }
        // A character cut by the limit is dropped rather than turned into U+FFFD.
        #expect(decode("\u{1B}[200~abcé\u{1B}[201~", maxPasteBytes: 4) == [.paste("abc")])
        #expect(decode("\u{1B}[200~abc\u{1B}[201~", maxPasteBytes: 0) == [.paste("")])
    }

    @Test func invalidUTF8InAPasteBecomesReplacementCharacters() {
        var decoder = InputDecoder()
        let bytes: [UInt8] = Array("\u{1B}[200~a".utf8) + [0xFF, 0xC3] + Array("b\u{1B}[201~".utf8)
        #expect(decoder.feed(bytes) == [.paste("a\u{FFFD}\u{FFFD}b")])
    }

    @Test func aLargePasteArrivesWholeAndFast() {
        let token = String(repeating: "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.", count: 16_384 / 37 + 1)
        let bytes = Array("\u{1B}[200~\(token)\u{1B}[201~".utf8)
        let clock = ContinuousClock()
        var events: [InputEvent] = []
        let elapsed = clock.measure {
            var decoder = InputDecoder()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 4096)   // a tty read size
                events += decoder.feed(Array(bytes[start..<end]))
                start = end
            }
        }
        #expect(events == [.paste(token)])
        #expect(elapsed < .seconds(5))   // a hang guard; it takes well under a millisecond in release
    }

    @Test func flushPendingResolvesHeldInput() {
        func flushed(_ bytes: [UInt8]) -> (events: [InputEvent], before: Bool, after: Bool) {
            var decoder = InputDecoder()
            let fed = decoder.feed(bytes)
            let before = decoder.hasPendingInput
            return (fed + decoder.flushPending(), before, decoder.hasPendingInput)
        }
        #expect(flushed([0x1B]) == (keys(.escape), true, false))
        #expect(flushed(Array("\u{1B}[".utf8)) == (keys(.alt("[")), true, false))
        #expect(flushed(Array("\u{1B}O".utf8)) == (keys(.alt("O")), true, false))
        #expect(flushed(Array("\u{1B}[1;5".utf8)) == ([], true, false))
        #expect(flushed([0x1B, 0xC3]) == (keys(.escape, .character("\u{FFFD}")), true, false))
        #expect(flushed([0xE2, 0x82]) == (keys(.character("\u{FFFD}")), true, false))
        #expect(flushed(Array("\u{1B}[M!".utf8)) == ([], true, false))
        #expect(flushed(Array("ab".utf8)) == (keys(.character("a"), .character("b")), false, false))
    }

    @Test func escapeThenALetterInTheNextReadIsAlt() {
        var decoder = InputDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.feed(Array("j".utf8)) == keys(.alt("j")))
    }
}

@Suite("Input decoder: fuzz")
struct InputDecoderFuzzTests {
    /// xorshift64*: deterministic, so a failure reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    /// Bytes that make up sequences, so random input often forms near-valid ones.
    static let alphabet: [UInt8] = Array("\u{1B}\u{1B}\u{1B}[[[O<;;0123456789~~200201MmABZu \r\n\t".utf8) + [0x00, 0x7F, 0x80, 0x9B, 0xC3, 0xE2, 0xF0, 0xFF, 0xBF]

    @Test func randomInputNeverTrapsAndSplittingNeverChangesTheResult() {
        var rng = Generator(state: 0x9E37_79B9_7F4A_7C15)
        for round in 0..<3000 {
            let length = Int.random(in: 0...80, using: &rng)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &rng) ? Self.alphabet.randomElement(using: &rng) ?? 0 : UInt8.random(in: 0...255, using: &rng)
            }
            var whole = InputDecoder(maxPasteBytes: 16)
            let expected = whole.feed(bytes)
            let cuts = (0..<Int.random(in: 0...4, using: &rng)).map { _ in Int.random(in: 0...length, using: &rng) }.sorted()
            #expect(decodeSplit(bytes, at: cuts, maxPasteBytes: 16) == expected, "round \(round): \(bytes) cut at \(cuts)")
            _ = whole.flushPaste()
            _ = whole.flushPending()
            #expect(!whole.isInPaste && !whole.hasPendingInput, "round \(round)")
            for event in expected {
                if case .key(.character(let c)) = event {
                    #expect(!c.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "round \(round)")
                }
            }
        }
    }
}
