#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits and decodes compact JWS/JWE tokens. Never throws and never traps on hostile input.
public enum TokenParser {
    /// Prefixes of Entra and MSA refresh tokens and codes, which contain dots but are not JOSE.
    static let opaquePrefixes = ["0.A", "1.A", "M.C", "M.R3_"]

    public static func parse(_ raw: String) -> ParsedToken {
        parse(raw, dots: nil)
    }

    /// `dots`: where the dots of `raw` are, when `TokenExtractor` found them already.
    static func parse(_ raw: String, dots: DotPositions?) -> ParsedToken {
        // Work on the UTF-8 bytes in place: no copy, and no Character-level work (splitting a String
        // by Character runs grapheme breaking on every byte).
        raw.withUTF8Bytes { parse(raw, bytes: $0, dots: dots ?? DotPositions($0)) }
    }

    private static func parse(_ raw: String, bytes: UnsafeBufferPointer<UInt8>, dots: DotPositions) -> ParsedToken {
        let segmentCount = dots.count + 1
        if opaquePrefixes.contains(where: { hasPrefix(raw, bytes, $0) }) { return opaque(raw, segmentCount, problems: []) }
        switch segmentCount {
        case 3: return parseJWS(raw, bytes, dots)
        case 5: return parseJWE(raw, bytes, dots)
        case 1: return opaque(raw, segmentCount, problems: [])
        default:
            // A JWT cut short by a copy (or two pasted together) usually still starts with `eyJ`.
            let problems = hasPrefix(raw, bytes, "eyJ")
                ? [ParseProblem(part: "token", message: "has \(segmentCount) dot-separated parts; a signed JWT has 3 and an encrypted one 5. Was it cut short or pasted twice?")]
                : []
            return opaque(raw, segmentCount, problems: problems)
        }
    }

    /// `raw.hasPrefix(prefix)` (Character semantics), with the bytes ruling out the usual miss
    /// cheaply: these ASCII prefixes can only match text that starts with their bytes.
    private static func hasPrefix(_ raw: String, _ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        var p = prefix
        let bytesMatch = p.withUTF8 { p in
            guard bytes.count >= p.count else { return false }
            for i in 0..<p.count where bytes[i] != p[i] { return false }
            return true
        }
        return bytesMatch && raw.hasPrefix(prefix)
    }

    /// Where the dots are: their number, and the first four positions (all a JWS or JWE needs).
    struct DotPositions: Sendable {
        private(set) var count = 0
        private(set) var first: (Int, Int, Int, Int) = (0, 0, 0, 0)

        init() {}

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            // The C library's `memchr` searches many bytes per instruction: a token has two or four
            // dots in hundreds or thousands of bytes, so a few calls cover it.
            var i = 0
            while i < bytes.count, let hit = memchr(base + i, Int32(UInt8(ascii: ".")), bytes.count - i) {
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                record(position)
                i = position + 1
            }
        }

        /// Positions must be recorded in increasing order.
        @inline(__always)
        mutating func record(_ position: Int) {
            switch count {
            case 0: first.0 = position
            case 1: first.1 = position
            case 2: first.2 = position
            case 3: first.3 = position
            default: break
            }
            count += 1
        }
    }

    private static func opaque(_ raw: String, _ count: Int, problems: [ParseProblem]) -> ParsedToken {
        ParsedToken(raw: raw, format: .opaque, segmentCount: count, header: nil, claims: nil,
                    signingInput: "", problems: problems)
    }

    private static func parseJWS(_ raw: String, _ bytes: UnsafeBufferPointer<UInt8>, _ dots: DotPositions) -> ParsedToken {
        var problems: [ParseProblem] = []
        let (d0, d1) = (dots.first.0, dots.first.1)
        let header = decodeObject(UnsafeBufferPointer(rebasing: bytes[0..<d0]), part: "header", problems: &problems)
        let claims = decodeObject(UnsafeBufferPointer(rebasing: bytes[(d0 + 1)..<d1]), part: "payload", problems: &problems)
        // The signature is only checked here; `ParsedToken.signature` decodes it when verification asks.
        let signature = UnsafeBufferPointer(rebasing: bytes[(d1 + 1)...])
        let signatureIsBase64 = Base64URL.isValid(signature)
        if !signatureIsBase64 { problems.append(ParseProblem(part: "signature", message: "is not valid base64url")) }
        let signatureRange = signatureIsBase64 && Base64URL.decodedCount(signature) != 0 ? (d1 + 1)..<bytes.count : nil
        // Base64 decoding read every byte of the three parts: it succeeded only on base64 letters,
        // apart from `=` at the end of a part. So with no such `=`, every byte was a token byte.
        let lettersOnly = header.base64 && claims.base64 && signatureIsBase64
            && !endsWithEquals(bytes, d0) && !endsWithEquals(bytes, d1) && !endsWithEquals(bytes, bytes.count)
        // The dots are ASCII, so a UTF-8 offset is a valid String index here.
        let signingInput = raw[raw.startIndex..<raw.utf8.index(raw.utf8.startIndex, offsetBy: d1)]
        return ParsedToken(raw: raw, format: .jws, segmentCount: 3, header: header.value, claims: claims.value,
                           signatureRange: signatureRange, signingInput: signingInput, problems: problems,
                           headerSlots: header.keys?.slots, claimSlots: claims.keys?.slots, onlyBase64Letters: lettersOnly)
    }

    private static func endsWithEquals(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        end > 0 && bytes[end - 1] == UInt8(ascii: "=")
    }

    private static func parseJWE(_ raw: String, _ bytes: UnsafeBufferPointer<UInt8>, _ dots: DotPositions) -> ParsedToken {
        var problems: [ParseProblem] = []
        let header = decodeObject(UnsafeBufferPointer(rebasing: bytes[0..<dots.first.0]), part: "header", problems: &problems)
        if let value = header.value, value["enc"] == nil {
            problems.append(ParseProblem(part: "header", message: "has five parts like an encrypted JWT but no `enc` member"))
        }
        return ParsedToken(raw: raw, format: .jwe, segmentCount: 5, header: header.value, claims: nil,
                           signingInput: "", problems: problems, headerSlots: header.keys?.slots, claimSlots: nil)
    }

    /// Names written more than once, in order of first appearance. (`ClaimKeys` does the same while
    /// resolving a token's names, comparing fingerprints first; this is the reference and the path
    /// for objects with many members.)
    static func duplicates(_ members: [(key: String, value: JSONValue)]) -> [(String, Int)] {
        var out: [(String, Int)] = []
        if members.count <= 64 {
            for i in members.indices {
                let name = members[i].key
                guard !out.contains(where: { $0.0 == name }) else { continue }
                var count = 1
                for j in (i + 1)..<members.count where members[j].key == name { count += 1 }
                if count > 1 { out.append((name, count)) }
            }
            return out
        }
        var counts: [String: Int] = [:]
        for member in members { counts[member.key, default: 0] += 1 }
        for member in members where (counts[member.key] ?? 0) > 1 && !out.contains(where: { $0.0 == member.key }) {
            out.append((member.key, counts[member.key]!))
        }
        return out
    }

    private enum DecodeFailure: Error {
        case base64
        case json(JSONParseError, looksCompressed: Bool)
    }

    /// base64url → JSON object, reporting each way it can fail and any member written twice.
    /// `base64`: the part decoded as base64url (true for an empty part, which has no bytes to fail).
    static func decodeObject(_ segment: UnsafeBufferPointer<UInt8>, part: String, problems: inout [ParseProblem]) -> (value: JSONValue?, keys: ClaimKeys?, base64: Bool) {
        if segment.isEmpty {
            problems.append(ParseProblem(part: part, message: "is empty"))
            return (nil, nil, true)
        }
        // The JSON text is needed only while it is parsed: decode it into scratch memory, not an Array.
        guard let decodedCount = Base64URL.decodedCount(segment) else {
            problems.append(ParseProblem(part: part, message: "is not valid base64url"))
            return (nil, nil, false)
        }
        // Scratch memory from `withUnsafeTemporaryAllocation`: on the stack when the thread has room
        // (a malloc of this size, after a token's worth of small frees, costs a heap consolidation).
        // The outcome is written to these rather than returned through the closures: no Result of
        // a value and its keys to wrap, copy and unwrap on every part of every token.
        var parsed: JSONValue?, resolved: ClaimKeys?, failure: DecodeFailure?
        withUnsafeTemporaryAllocation(byteCount: decodedCount + 2, alignment: 8) { scratch in
            guard let written = Base64URL.decode(segment, into: scratch.baseAddress!) else { failure = .base64; return }
            let bytes = UnsafeBufferPointer(start: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), count: written)
            // The names are resolved as they are read (`ClaimKeys.Builder`, with scratch space for its set).
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: ClaimKeys.Builder.setSize(forBytes: written)) { set in
                var builder = ClaimKeys.Builder(set: set)
                do throws(JSONParseError) {
                    let value = try JSONParser.parse(buffer: bytes, observer: &builder)
                    resolved = value.objectMembers.map(builder.finish)
                    parsed = value
                } catch {
                    failure = .json(error, looksCompressed: bytes.first == 0x78 || bytes.first == 0x1F)
                }
            }
        }
        switch failure {
        case .base64?:
            problems.append(ParseProblem(part: part, message: "is not valid base64url"))
            return (nil, nil, false)
        case let .json(error, looksCompressed)?:
            let hint = looksCompressed ? " (it looks compressed; `zip: DEF` payloads are not JWTs Entra issues)" : ""
            problems.append(ParseProblem(part: part, message: "is not JSON: \(error.description)\(hint)"))
            return (nil, nil, true)
        case nil:
            break
        }
        guard let value = parsed else { return (nil, nil, true) }  // not reached: no failure means a value
        guard let keys = resolved else {
            problems.append(ParseProblem(part: part, message: "is JSON \(value.typeName), expected an object"))
            return (nil, nil, true)
        }
        for (name, count) in keys.duplicates {
            problems.append(ParseProblem(part: part, message: "has `\(name)` \(count) times; libraries disagree on which one wins, so this token is ambiguous"))
        }
        return (value, keys, true)
    }
}
