import Testing
@testable import TokenScopeCore

/// `TokenBytes.scan` reads eight bytes at a time with a bit trick; these tests hold it to the plain
/// byte-by-byte definition (every byte a token byte; `=` seen; dots recorded) on every byte value
/// at every position of a word, and on random text.
@Suite("Token bytes: the whole-input scan")
struct TokenBytesScanTests {
    static func reference(_ bytes: [UInt8]) -> (clean: Bool, hasEquals: Bool, dots: [Int]) {
        let clean = bytes.allSatisfy { TokenExtractor.tokenOrDotTable[Int($0)] }
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        return (clean, clean && bytes.contains(UInt8(ascii: "=")), clean ? dots : [])
    }

    static func scanned(_ bytes: [UInt8]) -> (clean: Bool, hasEquals: Bool, dots: [Int]) {
        var dots = TokenParser.DotPositions()
        let (clean, equals) = bytes.withUnsafeBufferPointer { TokenBytes.scan($0, dots: &dots) }
        let first = [dots.first.0, dots.first.1, dots.first.2, dots.first.3]
        return (clean, clean && equals, clean ? Array(first.prefix(dots.count)) : [])
    }

    @Test func theWordTestAcceptsExactlyTheBase64URLLetters() {
        for value in 0...255 {
            for position in 0..<8 {
                var word = [UInt8](repeating: UInt8(ascii: "Q"), count: 8)
                word[position] = UInt8(value)
                let packed = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let letter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || (0x30...0x39).contains(value)
                    || value == 0x2D || value == 0x5F
                #expect(TokenBytes.isBase64URLWord(packed) == letter, "byte \(value) at \(position)")
            }
        }
    }

    @Test func everyByteValueAtEveryPositionMatchesTheDefinition() {
        for value in 0...255 {
            for position in 0..<24 {
                var text = Array("eyJhbGciOiJSUzI1NiJ9.eyJ".utf8)  // 24 bytes: three words
                text[position] = UInt8(value)
                let a = Self.scanned(text), b = Self.reference(text)
                #expect(a.clean == b.clean && a.hasEquals == b.hasEquals && Array(a.dots.prefix(4)) == Array(b.dots.prefix(4)),
                        "byte \(value) at \(position)")
            }
        }
    }

    @Test func randomTextMatchesTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCxyz019-_+/=.".utf8)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...70, using: &generator)
            let bytes = (0..<length).map { _ in
                Int.random(in: 0..<50, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator) : alphabet.randomElement(using: &generator)!
            }
            let a = Self.scanned(bytes), b = Self.reference(bytes)
            #expect(a.clean == b.clean && a.hasEquals == b.hasEquals && Array(a.dots.prefix(4)) == Array(b.dots.prefix(4)), "\(bytes)")
        }
    }
}
