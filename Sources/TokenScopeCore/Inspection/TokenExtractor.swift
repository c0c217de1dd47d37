/// Where in the pasted text a token was found.
public enum TokenSource: Sendable, Equatable, CustomStringConvertible {
    /// The input was the token itself (possibly wrapped, quoted or with `Bearer`).
    case input
    /// A named field of a token response, form body or redirect URL (`access_token`, `id_token`, ...).
    case field(String)
    /// The value of an `Authorization: Bearer` header or a bare `Bearer` prefix.
    case bearer
    /// Found inside other text (a curl command, a log line).
    case embedded

    public var description: String {
        switch self {
        case .input: return "input"
        case let .field(name): return name
        case .bearer: return "bearer"
        case .embedded: return "embedded"
        }
    }
}

public struct ExtractedToken: Sendable, Equatable {
    /// The compact token with whitespace, quotes and wrappers removed.
    public let text: String
    public let source: TokenSource
    /// Where the dots in `text` are, when extraction already found them (the parser's first step).
    /// Not part of the value: two extracted tokens are equal when their text and source are.
    let dots: TokenParser.DotPositions?

    public init(text: String, source: TokenSource) {
        self.init(text: text, source: source, dots: nil)
    }

    init(text: String, source: TokenSource, dots: TokenParser.DotPositions?) {
        self.text = text
        self.source = source
        self.dots = dots
    }

    public static func == (lhs: ExtractedToken, rhs: ExtractedToken) -> Bool {
        lhs.text == rhs.text && lhs.source == rhs.source
    }
}

public enum TokenExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int)
    case noToken

    public var description: String {
        switch self {
        case .empty:
            return "the input is empty: paste a token, a `Bearer` header or a token response"
        case let .tooLarge(bytes):
            return "the input is \(bytes) bytes; TokenScope reads at most \(TokenExtractor.maxInputBytes) bytes (1 MiB). Paste only the token or the token response"
        case .noToken:
            return "no token found in the input: expected a JWT (three base64url parts joined by dots), a JWE (five parts), a `Bearer` header, or a JSON token response with access_token / id_token / refresh_token"
        }
    }
}

/// Finds tokens in messy pasted text: bare tokens, `Bearer` and `Authorization:` lines, JSON token
/// responses, curl and HTTP output, tokens wrapped over lines or wrapped in quotes.
public enum TokenExtractor {
    public static let maxInputBytes = 1 << 20
    /// Response fields that carry tokens, in the order a token response usually lists them.
    static let tokenFields = ["access_token", "id_token", "refresh_token"]

    public static func extract(from text: String) throws(TokenExtractionError) -> [ExtractedToken] {
        guard text.utf8.count <= maxInputBytes else { throw .tooLarge(bytes: text.utf8.count) }
        // The usual paste first: one pass over the bytes, no copy. It returns only what the search
        // below would return for the same text.
        if let (token, dots) = soleCleanToken(text) { return [ExtractedToken(text: token, source: .input, dots: dots)] }
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { !isSpace($0) }) else { throw .empty }

        var found: [ExtractedToken] = []
        func add(_ token: [UInt8], _ source: TokenSource) {
            let text = String(decoding: token, as: UTF8.self)
            guard !text.isEmpty, !found.contains(where: { $0.text == text }) else { return }
            found.append(ExtractedToken(text: text, source: source))
        }

        for (name, value) in fieldValues(in: bytes) { add(value, .field(name)) }
        if !found.isEmpty { return found }

        if let whole = wholeInputToken(bytes) {
            add(whole.token, whole.hadBearer ? .bearer : .input)
            return found
        }
        for token in bearerValues(in: bytes) { add(token, .bearer) }
        for token in jwtLikeRuns(in: unwrapLines(bytes)) { add(token, .embedded) }
        guard !found.isEmpty else { throw .noToken }
        return found
    }

    // MARK: - Whole input

    /// The token when the input is one token and nothing else but white space or quotes around it:
    /// the case `extract` handles most. Then the search below finds exactly this token (source
    /// `input`): no field (every field form needs a `"` or `_token=`), no `authorization:` or
    /// `bearer` prefix, and every byte in between is a token byte. Anything else returns nil and
    /// takes the full search.
    static func soleCleanToken(_ text: String) -> (token: String, dots: TokenParser.DotPositions)? {
        soleCandidate(text) { b, start, end, dots in
            let (clean, hasEquals) = TokenBytes.scan(UnsafeBufferPointer(rebasing: b[start..<end]), dots: &dots)
            guard clean else { return false }
            if hasEquals {
                // `access_token=...` (a form body) is a field, found by `fieldValues`: leave it to the search.
                let suffix = Array("_token".utf8)
                for i in (start + suffix.count)..<end where b[i] == UInt8(ascii: "=") {
                    if b[(i - suffix.count)..<i].elementsEqual(suffix) { return false }
                }
            }
            return true
        }
    }

    /// The trimmed candidate of `text` with its dots, when `accept` takes it (given the bytes, the
    /// candidate's bounds, and the dots to record): `text` itself when nothing was trimmed.
    private static func soleCandidate(
        _ text: String,
        accept: (UnsafeBufferPointer<UInt8>, Int, Int, inout TokenParser.DotPositions) -> Bool
    ) -> (token: String, dots: TokenParser.DotPositions)? {
        let whole = text.utf8.count
        var dots = TokenParser.DotPositions()
        let range: Range<Int>? = text.withUTF8Bytes { b in
            guard let (start, end) = trimmedCandidate(b), accept(b, start, end, &dots) else { return nil }
            return start..<end
        }
        guard let range else { return nil }
        if range.count == whole { return (text, dots) }
        return (text.withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }, dots)
    }

    /// The bytes `soleCleanToken` would consider (white space and quotes around them dropped), when
    /// they are long enough to be a token and do not start with `Bearer`; their bytes are not checked.
    private static func trimmedCandidate(_ b: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int)? {
        var start = 0, end = b.count
        while start < end, isSpace(b[start]) || b[start] == UInt8(ascii: "\"") || b[start] == UInt8(ascii: "'") { start += 1 }
        while end > start, isSpace(b[end - 1]) || b[end - 1] == UInt8(ascii: "\"") || b[end - 1] == UInt8(ascii: "'") { end -= 1 }
        guard end - start >= 16, !startsWithBearer(b, start) else { return nil }
        return (start, end)
    }

    /// What `soleCleanToken` would return if every byte of the candidate is a token byte and none is
    /// `=`, without checking the bytes: the caller proves that by decoding them (`TokenInspector`).
    /// nil unless the candidate has exactly two dots (a JWS, whose three parts the parser decodes).
    static func unverifiedSoleJWS(_ text: String) -> (token: String, dots: TokenParser.DotPositions)? {
        soleCandidate(text) { b, start, end, dots in
            dots = TokenParser.DotPositions(UnsafeBufferPointer(rebasing: b[start..<end]))
            return dots.count == 2
        }
    }

    private static func startsWithBearer(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let bearer: StaticString = "bearer"
        let n = bearer.utf8CodeUnitCount
        guard b.count - start >= n else { return false }
        for i in 0..<n where asciiLower(b[start + i]) != bearer.utf8Start[i] { return false }
        return true
    }

    /// The input is one token once `Authorization:`, `Bearer`, quotes and all white space are removed.
    static func wholeInputToken(_ bytes: [UInt8]) -> (token: [UInt8], hadBearer: Bool)? {
        var rest = ArraySlice(bytes)
        trimSpace(&rest)
        var hadBearer = false
        if dropPrefix(&rest, "authorization:") { trimSpace(&rest); hadBearer = true }
        if dropPrefix(&rest, "bearer") {
            guard let first = rest.first, isSpace(first) else { return nil }
            hadBearer = true
        }
        // One pass to classify: a clean token (the usual paste) is returned without copying byte by byte.
        var clean = true
        let runBytes = tokenOrDotTable
        for b in rest where !runBytes[Int(b)] {
            guard isSpace(b) || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") else { return nil }
            clean = false
        }
        let token = clean ? Array(rest) : rest.filter { !isSpace($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
        // Short words are not tokens; real tokens are hundreds of characters.
        guard token.count >= 16 else { return nil }
        return (token, hadBearer)
    }

    /// Base64 (either alphabet), `=` and `.`: the bytes a token is made of, as a table for the
    /// per-byte scan of the whole input.
    static let tokenOrDotTable: [Bool] = (0..<256).map { Base64URL.isTokenByte(UInt8($0)) || $0 == Int(UInt8(ascii: ".")) }

    // MARK: - Named fields (JSON, form bodies, redirect fragments)

    /// `"access_token": "..."` (JSON) and `access_token=...` (form body or URL fragment), in order of appearance.
    static func fieldValues(in bytes: [UInt8]) -> [(String, [UInt8])] {
        // Every field name ends in `_token`: one cheap scan decides whether to look for them at all.
        guard find(Array("_token".utf8), in: bytes, from: 0) != nil else { return [] }
        var results: [(offset: Int, name: String, value: [UInt8])] = []
        for name in tokenFields {
            let key = Array(name.utf8)
            var searchFrom = 0
            while let at = find(key, in: bytes, from: searchFrom) {
                searchFrom = at + key.count
                // A whole word only: `xaccess_token` is someone else's field.
                if at > 0, isWordByte(bytes[at - 1]) { continue }
                var i = at + key.count
                if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                    i += 1
                    while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { continue }
                    i += 1
                    while i < bytes.count, isSpace(bytes[i]) { i += 1 }
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { continue }
                    i += 1
                    var value: [UInt8] = []
                    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                        // JSON may escape `/` as `\/`; tokens contain no other escapes.
                        if bytes[i] != UInt8(ascii: "\\") { value.append(bytes[i]) }
                        i += 1
                    }
                    if !value.isEmpty { results.append((at, name, value)) }
                } else if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                    i += 1
                    var value: [UInt8] = []
                    while i < bytes.count, Base64URL.isTokenByte(bytes[i]) || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "%") {
                        value.append(bytes[i])
                        i += 1
                    }
                    if !value.isEmpty { results.append((at, name, percentDecoded(value))) }
                }
            }
        }
        return results.sorted { $0.offset < $1.offset }.map { ($0.name, $0.value) }
    }

    // MARK: - Bearer values inside other text

    static func bearerValues(in bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let lower = bytes.map(asciiLower)
        let key = Array("bearer".utf8)
        var from = 0
        while let at = find(key, in: lower, from: from) {
            from = at + key.count
            var i = from
            guard i < bytes.count, isSpace(bytes[i]) else { continue }
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            var token: [UInt8] = []
            while i < bytes.count, Base64URL.isTokenByte(bytes[i]) || bytes[i] == UInt8(ascii: ".") {
                token.append(bytes[i])
                i += 1
            }
            if token.count >= 16 { out.append(token) }
        }
        return out
    }

    // MARK: - JWT-shaped runs

    /// Joins lines that a terminal or e-mail client wrapped in the middle of a token: a line ending in
    /// a token character continues on the next line unless that line starts a new JWT (`eyJ`).
    static func unwrapLines(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n") {
                var j = i
                while j < bytes.count, bytes[j] == UInt8(ascii: "\r") || bytes[j] == UInt8(ascii: "\n") { j += 1 }
                let previous = out.last
                let next = j < bytes.count ? bytes[j] : nil
                let startsNewJWT = j + 3 <= bytes.count && bytes[j] == UInt8(ascii: "e") && bytes[j + 1] == UInt8(ascii: "y") && bytes[j + 2] == UInt8(ascii: "J")
                if let p = previous, let n = next, isRunByte(p), isRunByte(n), !startsNewJWT,
                   looksWrapped(before: out, after: bytes[j...]) {
                    i = j
                    continue
                }
                out.append(UInt8(ascii: "\n"))
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    /// A terminal wraps long tokens: the line ends in a long run of token characters, and the next
    /// line is a long run too, or a run that ends the line (the token's last piece). Short words on
    /// the next line (`next line`) are never glued on.
    static func looksWrapped(before: [UInt8], after: ArraySlice<UInt8>) -> Bool {
        let minimum = 32
        guard before.reversed().prefix(while: isRunByte).count >= minimum else { return false }
        let run = after.prefix(while: isRunByte)
        if run.count >= minimum { return true }
        let rest = after.dropFirst(run.count)
        guard let following = rest.first else { return true }
        return following == UInt8(ascii: "\r") || following == UInt8(ascii: "\n") || following == UInt8(ascii: "\"") || following == UInt8(ascii: "'")
    }

    /// Maximal runs of base64url characters and dots that look like a JWS or JWE (a JSON header
    /// first), or that start like one (`eyJ`) so a truncated token is still reported, not ignored.
    static func jwtLikeRuns(in bytes: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            guard isRunByte(bytes[i]) else { i += 1; continue }
            var start = i
            while i < bytes.count, isRunByte(bytes[i]) {
                // Padding only ends a segment; `=` followed by more text separates (`token=eyJ...`).
                if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, isRunByte(bytes[i + 1]),
                   bytes[i + 1] != UInt8(ascii: "."), bytes[i + 1] != UInt8(ascii: "=") {
                    start = i + 1
                }
                i += 1
            }
            var run = Array(bytes[start..<i])
            while let last = run.last, last == UInt8(ascii: ".") { run.removeLast() }
            if looksLikeJOSE(run) { out.append(run) }
        }
        return out
    }

    static func looksLikeJOSE(_ run: [UInt8]) -> Bool {
        guard run.count >= 16 else { return false }
        if run.starts(with: Array("eyJ".utf8)) { return true }
        let dots = run.lazy.filter { $0 == UInt8(ascii: ".") }.count
        guard dots == 2 || dots == 4, let end = run.firstIndex(of: UInt8(ascii: ".")),
              let header = Base64URL.decode(run[..<end]) else { return false }
        return header.first == UInt8(ascii: "{")
    }

    // MARK: - Byte helpers

    static func isRunByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        isRunByte(b) && b != UInt8(ascii: ".") && b != UInt8(ascii: "=") && b != UInt8(ascii: "-")
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    static func asciiLower(_ b: UInt8) -> UInt8 {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b + 32 : b
    }

    static func trimSpace(_ s: inout ArraySlice<UInt8>) {
        while let f = s.first, isSpace(f) || f == UInt8(ascii: "\"") || f == UInt8(ascii: "'") { s.removeFirst() }
    }

    static func dropPrefix(_ s: inout ArraySlice<UInt8>, _ lowercasePrefix: String) -> Bool {
        let p = Array(lowercasePrefix.utf8)
        guard s.count >= p.count, zip(s.prefix(p.count), p).allSatisfy({ asciiLower($0) == $1 }) else { return false }
        s.removeFirst(p.count)
        return true
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let first = n[0], last = h.count - n.count
                var i = from
                outer: while i <= last {
                    if h[i] == first {
                        for j in 1..<n.count where h[i + j] != n[j] {
                            i += 1
                            continue outer
                        }
                        return i
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// Redirect URLs and form bodies may percent-encode `=` padding or `.`.
    static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "%")) else { return bytes }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}

/// The token alphabet test of `TokenExtractor.tokenOrDotTable` (base64 in either alphabet, `=` and
/// `.`) for the whole-input check, which runs over every byte of every paste: one table load and
/// one OR per byte, the rare `.` and `=` handled apart.
enum TokenBytes {
    private static let notToken: UInt8 = 1, dot: UInt8 = 2, equals: UInt8 = 4

    /// Per byte: `notToken`, or a token byte (`dot` and `equals` mark those two).
    private static let classes: [UInt8] = (0..<256).map { b in
        b == Int(UInt8(ascii: ".")) ? dot : b == Int(UInt8(ascii: "=")) ? equals : TokenExtractor.tokenOrDotTable[b] ? 0 : notToken
    }

    /// True when each of the eight bytes of `word` is `A`–`Z`, `a`–`z`, `0`–`9`, `-` or `_`. Per byte,
    /// for bytes below 0x80: `b + (0x80 - lo)` has its high bit set exactly when `b >= lo`, and
    /// `b + (0x7F - hi)` exactly when `b > hi`; neither sum carries into the next byte.
    @inline(__always)
    static func isBase64URLWord(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080, low7 = ~high
        if word & high != 0 { return false }
        @inline(__always) func within(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (word &+ ones &* (0x80 &- lo)) & ~(word &+ ones &* (0x7F &- hi))
        }
        @inline(__always) func equal(_ c: UInt64) -> UInt64 {
            let v = word ^ (ones &* c)
            return ~(((v & low7) &+ low7) | v)
        }
        let letters = within(0x41, 0x5A) | within(0x61, 0x7A) | within(0x30, 0x39) | equal(0x2D) | equal(0x5F)
        return letters & high == high
    }

    /// Whether every byte is a token byte, and whether any of them is `=`; the dots are recorded in
    /// `dots` on the way (what `TokenParser` would look for next).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, dots: inout TokenParser.DotPositions) -> (clean: Bool, hasEquals: Bool) {
        guard let p = bytes.baseAddress else { return (true, false) }
        let n = bytes.count
        var hasEquals = false
        return classes.withUnsafeBufferPointer { table -> (clean: Bool, hasEquals: Bool) in
            let t = table.baseAddress!
            // Handles a run holding something other than a plain token byte: usually a dot.
            func special(_ from: Int, _ to: Int, _ seen: UInt8) -> Bool {
                if seen & notToken != 0 { return false }  // other text: leave at once
                for j in from..<to {
                    if p[j] == UInt8(ascii: ".") { dots.record(j) } else if p[j] == UInt8(ascii: "=") { hasEquals = true }
                }
                return true
            }
            var i = 0
            let raw = UnsafeRawPointer(p)
            while i &+ 8 <= n {
                // Almost every word of a token is eight base64url letters: a few ALU operations say so.
                // Any other word (a dot, `=`, `+`, `/`, or not a token byte) is read byte by byte.
                if !isBase64URLWord(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    let q = p + i
                    let seen = t[Int(q[0])] | t[Int(q[1])] | t[Int(q[2])] | t[Int(q[3])] | t[Int(q[4])] | t[Int(q[5])] | t[Int(q[6])] | t[Int(q[7])]
                    if seen != 0, !special(i, i &+ 8, seen) { return (false, false) }
                }
                i &+= 8
            }
            var seen: UInt8 = 0
            for j in i..<n { seen |= t[Int(p[j])] }
            if seen != 0, !special(i, n, seen) { return (false, false) }
            return (true, hasEquals)
        }
    }
}
