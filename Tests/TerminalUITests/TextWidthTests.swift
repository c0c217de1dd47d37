import Testing
@testable import TerminalUI

@Suite("Text width")
struct TextWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("日本", 4), ("e\u{301}", 1), ("👍", 2), ("ｈ", 2), ("한국", 4),
        ("🇫🇷", 2), ("❤️", 2), ("❤", 1), ("👨‍👩‍👧", 2), ("👍🏽", 2), ("\u{200B}", 0), ("a\u{200D}b", 2),
        ("\u{1B}", 1), ("\r\n", 1), ("\t", 1), ("\u{9B}", 1), ("\u{202E}", 1), ("é", 1), ("Ω", 1),
        ("ｶﾀｶﾅ", 4), ("カタカナ", 8), ("\u{1100}\u{1161}\u{11A8}", 2), ("x\u{FE0E}", 1), ("🫨", 2),
    ])
    func widths(text: String, columns: Int) {
        #expect(TextWidth.of(text) == columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func characterWidths() {
        #expect(TextWidth.of(Character("日")) == 2)
        #expect(TextWidth.of(Character("a")) == 1)
        #expect(TextWidth.of(Character("\u{301}")) == 0)
        #expect(TextWidth.of(Character("e\u{301}")) == 1)
        #expect(TextWidth.of(Character("👍")) == 2)
    }

    @Test func wideTableIsSortedAndDisjoint() {
        let ranges = WideRanges.ranges
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            #expect(a.0 <= a.1 && a.1 < b.0)
        }
    }

    @Test func truncate() {
        #expect(TextWidth.truncate("hello world", to: 8) == "hello w…")
        #expect(TextWidth.truncate("hello", to: 5) == "hello")
        #expect(TextWidth.truncate("hello", to: 0) == "")
        #expect(TextWidth.truncate("hello", to: -1) == "")
        #expect(TextWidth.truncate("hello", to: 1) == "…")
        #expect(TextWidth.truncate("日本語", to: 4) == "日…")       // a wide char never split
        #expect(TextWidth.truncate("日本語", to: 5) == "日本…")
        #expect(TextWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(TextWidth.truncate("abcdef", to: 4, ellipsis: "...") == "a...")
        #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
    }

    @Test func wrapByWords() {
        #expect(TextWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWidth.wrap("a  b", width: 10) == ["a b"])
        #expect(TextWidth.wrap("", width: 10) == [""])
        #expect(TextWidth.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextWidth.wrap("one\r\ntwo", width: 10) == ["one", "two"])
        #expect(TextWidth.wrap("abc", width: 0) == [])
    }

    @Test func wrapHardBreaksLongWords() {
        #expect(TextWidth.wrap("eyJhbGciOiJSUzI1NiJ9", width: 8) == ["eyJhbGci", "OiJSUzI1", "NiJ9"])
        #expect(TextWidth.wrap("to eyJhbGciOiJ x", width: 6) == ["to", "eyJhbG", "ciOiJ", "x"])
        #expect(TextWidth.wrap("日本語", width: 3) == ["日", "本", "語"])
        #expect(TextWidth.wrap("日本", width: 1) == ["日", "本"])    // at least one grapheme per line
    }

    @Test func wrappedLinesFit() {
        let text = "Entra returned AADSTS50013: Assertion failed signature validation. 日本語のテキスト 👍👍👍 done"
        for width in 2...30 {
            for line in TextWidth.wrap(text, width: width) {
                #expect(TextWidth.of(line) <= width, "width \(width): \(line)")
            }
        }
    }
}

@Suite("Terminal sanitizer")
struct TerminalSanitizerTests {
    @Test func replacesEveryControlWithAVisibleGlyph() {
        #expect(TerminalSanitizer.clean("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(TerminalSanitizer.clean("\u{0}\u{7}\u{8}\n\r") == "␀␇␈␊␍")
        #expect(TerminalSanitizer.clean("x\ty") == "x y")
        #expect(TerminalSanitizer.clean("\u{7F}") == "␡")
        #expect(TerminalSanitizer.clean("\u{9B}31m\u{85}") == "\u{FFFD}31m\u{FFFD}")
        #expect(TerminalSanitizer.clean("abc\u{202E}gnp.exe") == "abc\u{FFFD}gnp.exe")
        #expect(TerminalSanitizer.clean("\u{2066}x\u{2069}\u{2028}") == "\u{FFFD}x\u{FFFD}\u{FFFD}")
    }

    @Test func leavesOrdinaryTextAlone() {
        for text in ["plain", "日本語", "e\u{301}", "👨‍👩‍👧", "café – “quotes” ‘x’ …", "\u{200D}\u{FE0F}"] {
            #expect(TerminalSanitizer.clean(text) == text)
            #expect(!TerminalSanitizer.needsCleaning(text))
        }
    }

    @Test func noControlScalarSurvivesAnyScalar() {
        var all = String.UnicodeScalarView()
        for value in UInt32(0)...0x3000 { if let scalar = Unicode.Scalar(value) { all.append(scalar) } }
        let clean = TerminalSanitizer.clean(String(all))
        for scalar in clean.unicodeScalars {
            let v = scalar.value
            #expect(!(v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)))
        }
    }
}
