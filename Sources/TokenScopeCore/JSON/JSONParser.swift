/// Why a JSON text could not be parsed, with the byte offset where it went wrong.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public let offset: Int

    public var description: String { "\(reason) at byte \(offset)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes that produces `JSONValue`.
///
/// It keeps member order and duplicate keys, refuses nesting deeper than `maxDepth` (a hostile
/// token must not exhaust the stack) and never traps on bad input.
public struct JSONParser {
    public static let defaultMaxDepth = 64

    private init() {}

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try parse(buffer: buffer, maxDepth: maxDepth)
        }
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        // `withUTF8` is not typed-throws: carry the error out in a Result.
        let result = text.withUTF8 { buffer -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) {
                return .success(try parse(buffer: buffer, maxDepth: maxDepth))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// `String(decoding: bytes, as: UTF8.self)` for bytes known to be ASCII. Up to 15 bytes (most
    /// names, numbers and short values) the string's two words are written directly
    /// (`SmallASCIIString`, when the runtime's layout is the one it checked).
    @inline(__always)
    static func asciiString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count <= SmallASCIIString.maxCount, let start = bytes.baseAddress, SmallASCIIString.layoutHolds {
            return SmallASCIIString.make(start, bytes.count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `buffer` must stay valid for the call.
    static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var ignore = IgnoringKeys()
        return try parse(buffer: buffer, maxDepth: maxDepth, observer: &ignore)
    }

    /// `parse`, telling `observer` each member name of the top-level object as it is read.
    static func parse<Observer: JSONTopLevelKeyObserver>(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth,
                                                        observer: inout Observer) throws(JSONParseError) -> JSONValue {
        // The reader tells the observer through a pointer: holding a copy would copy it in and back
        // out again, with a retain and a release for each reference it holds.
        try withUnsafeMutablePointer(to: &observer) { (observer) throws(JSONParseError) -> JSONValue in
            var reader = JSONReader(bytes: buffer, maxDepth: maxDepth, observer: observer)
            return try reader.parseDocument()
        }
    }
}

/// Told each member name of the top-level object while it is parsed (what `ClaimKeys` needs,
/// read from the bytes while they are at hand instead of from the strings afterwards).
protocol JSONTopLevelKeyObserver {
    /// A name whose bytes are plain ASCII (no escape, no control character): returns the name as a
    /// String (the observer may hand back a copy it already holds instead of making one).
    mutating func topLevelKey(ascii raw: UnsafeBufferPointer<UInt8>) -> String
    /// Any other name, decoded.
    mutating func topLevelKey(_ key: String)
}

struct IgnoringKeys: JSONTopLevelKeyObserver {
    @inline(__always)
    func topLevelKey(ascii raw: UnsafeBufferPointer<UInt8>) -> String { JSONParser.asciiString(raw) }
    @inline(__always)
    func topLevelKey(_ key: String) {}
}

/// The parser proper. It reads the bytes through a pointer (no per-byte bounds checks: every read
/// is guarded by `index < count` already); this is the inner loop of every token decode.
struct JSONReader<Observer: JSONTopLevelKeyObserver> {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let count: Int
    private var index = 0
    private let maxDepth: Int
    /// Elements the array-length guesses of `parseArray` may still reserve in this document.
    private var guessBudget: Int
    /// `SmallASCIIString.layoutHolds`, read once per document rather than per string.
    private let smallStrings = SmallASCIIString.layoutHolds
    /// Valid for the reader's life (`JSONParser.parse` lends it).
    private let observer: UnsafeMutablePointer<Observer>

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, observer: UnsafeMutablePointer<Observer>) {
        self.bytes = bytes
        self.count = bytes.count
        self.maxDepth = maxDepth
        self.guessBudget = bytes.count / 2
        self.observer = observer
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == count else {
            throw error("unexpected text after the JSON value")
        }
        return value
    }

    private func error(_ reason: String) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < count else { throw error("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: throw error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count else { throw error("unexpected end of JSON") }
        let matches = literal.withUTF8Buffer { buffer in
            (0..<length).allSatisfy { bytes[index + $0] == buffer[$0] }
        }
        guard matches else { throw error("invalid literal") }
        index += length
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("JSON nested deeper than \(maxDepth) levels") }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        // A token's claims object has two or three dozen members: start big enough to skip the
        // first few regrowths (each one a malloc, a copy and a free). But no bigger than the bytes
        // left can hold (a member takes at least six: `"a":1,`): a header's three members in room
        // for 32 is a 1.3 KB block, which glibc serves from its slow large-block path.
        members.reserveCapacity(depth == 1 ? min(32, (count - index) / 6 + 1) : 4)
        while true {
            skipWhitespace()
            guard index < count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a quoted member name")
            }
            let key: String
            if depth != 1 {
                key = try parseString()
            } else if let raw = plainASCIIString() {
                key = observer.pointee.topLevelKey(ascii: UnsafeBufferPointer(rebasing: bytes[raw]))
            } else {
                key = try parseString()
                observer.pointee.topLevelKey(key)
            }
            skipWhitespace()
            guard index < count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            skipWhitespace()
            guard index < count else { throw error("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw error("JSON nested deeper than \(maxDepth) levels") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        items.reserveCapacity(4)
        let start = index
        while true {
            skipWhitespace()
            if items.count == 4 {
                // A long array (`groups`, `roles`: hundreds of IDs) would grow 4, 8, … 256: six large
                // allocations and copies. Guess its length once from the bytes the first four took
                // and the bytes left. Every element takes at least two bytes, so all the guesses of
                // one document together may reserve at most `count / 2` elements (`guessBudget`):
                // a hostile document of many arrays cannot make the guesses outgrow its real size.
                let perItem = max(2, (index - start) / 4)
                let guess = min((count - index) / perItem, guessBudget)
                guessBudget -= guess
                if guess > 4 { items.reserveCapacity(4 + guess) }
            }
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < count else { throw error("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(bytes[index]) else { throw error("invalid number") }
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        return asciiString(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    }

    /// `JSONParser.asciiString`, with the layout check done once for the document.
    @inline(__always)
    private func asciiString(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        if smallStrings, slice.count <= SmallASCIIString.maxCount, let start = slice.baseAddress {
            return SmallASCIIString.make(start, slice.count)
        }
        return String(decoding: slice, as: UTF8.self)
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// At an opening quote: when the string's bytes up to its closing quote are plain ASCII (no
    /// escape, no control character), their range, with `index` past the closing quote. Otherwise
    /// nil and `index` unchanged: `parseString` reads it (and reports any error). For member
    /// names, which are short.
    @inline(__always)
    private mutating func plainASCIIString() -> Range<Int>? {
        let start = index + 1
        var i = skipPlainWords(from: start)
        while i < count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { index = i + 1; return start..<i }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
            i += 1
        }
        return nil
    }

    /// From `start`, eight bytes at a time: the position of the first quote, backslash, control
    /// character or non-ASCII byte, or, when whole words hold none, of the last few bytes (fewer
    /// than eight) for a byte loop to finish. The bytes before the position are plain ASCII.
    @inline(__always)
    private func skipPlainWords(from start: Int) -> Int {
        var i = start
        guard let base = bytes.baseAddress else { return i }
        while i &+ 8 <= count {
            let special = Self.specialBytes(UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if special != 0 { return i &+ special.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        return i
    }

    /// The high bit of each byte of `word` (eight bytes from memory) that is a quote, a backslash, a
    /// control character or not ASCII, numbered from the byte at the lowest address: the lowest
    /// set bit is exact (the subtraction trick can only misflag bytes after a flagged one).
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let w = UInt64(littleEndian: word)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w) | w) & highs
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes. Pure ASCII needs no validation; anything else is validated.
        var high: UInt8 = 0
        // Past the plain bytes (IDs, URLs, base64) eight at a time; the byte loop takes over at the
        // first byte that may end or escape the string.
        var i = skipPlainWords(from: index)
        while i < count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                index = i + 1
                if high < 0x80 { return asciiString(slice) }
                guard let s = String(validating: slice, as: UTF8.self) else {
                    throw JSONParseError(reason: "string is not valid UTF-8", offset: start)
                }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { index = i; throw error("control character in string") }
            high |= b
            i += 1
        }
        index = i
        var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                guard let s = String(validating: scalars, as: UTF8.self) else {
                    throw JSONParseError(reason: "string is not valid UTF-8", offset: start)
                }
                return s
            }
            if b < 0x20 { throw error("control character in string") }
            if b != UInt8(ascii: "\\") {
                scalars.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(0x22)
            case UInt8(ascii: "\\"): scalars.append(0x5C)
            case UInt8(ascii: "/"): scalars.append(0x2F)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try parseUnicodeEscape()
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw error("invalid escape")
            }
        }
        throw JSONParseError(reason: "unterminated string", offset: start)
    }

    /// Reads `XXXX` after `\u`, joining surrogate pairs; a lone surrogate becomes U+FFFD.
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try readHex4()
        if (0xD800...0xDBFF).contains(high) {
            if index + 1 < count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let saved = index
                index += 2
                let low = try readHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    return Unicode.Scalar(value) ?? "\u{FFFD}"
                }
                index = saved
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
