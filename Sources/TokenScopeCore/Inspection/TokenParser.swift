/// Splits and decodes compact JWS/JWE tokens. Never throws and never traps on hostile input.
public enum TokenParser {
    /// Prefixes of Entra and MSA refresh tokens and codes, which contain dots but are not JOSE.
    static let opaquePrefixes = ["0.A", "1.A", "M.C", "M.R3_"]

    public static func parse(_ raw: String) -> ParsedToken {
        // Work on UTF-8 bytes: splitting a String by Character runs grapheme breaking on every byte.
        let bytes = Array(raw.utf8)
        var segments: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: ".") {
            segments.append(bytes[start..<i])
            start = i + 1
        }
        segments.append(bytes[start...])
        if opaquePrefixes.contains(where: raw.hasPrefix) { return opaque(raw, segments.count, problems: []) }
        switch segments.count {
        case 3: return parseJWS(raw, segments)
        case 5: return parseJWE(raw, segments)
        case 1: return opaque(raw, segments.count, problems: [])
        default:
            // A JWT cut short by a copy (or two pasted together) usually still starts with `eyJ`.
            let problems = raw.hasPrefix("eyJ")
                ? [ParseProblem(part: "token", message: "has \(segments.count) dot-separated parts; a signed JWT has 3 and an encrypted one 5. Was it cut short or pasted twice?")]
                : []
            return opaque(raw, segments.count, problems: problems)
        }
    }

    private static func opaque(_ raw: String, _ count: Int, problems: [ParseProblem]) -> ParsedToken {
        ParsedToken(raw: raw, format: .opaque, segmentCount: count, header: nil, claims: nil,
                    signature: [], signingInput: "", problems: problems)
    }

    private static func parseJWS(_ raw: String, _ segments: [ArraySlice<UInt8>]) -> ParsedToken {
        var problems: [ParseProblem] = []
        let header = decodeObject(segments[0], part: "header", problems: &problems)
        let claims = decodeObject(segments[1], part: "payload", problems: &problems)
        var signature: [UInt8] = []
        if let sig = Base64URL.decode(segments[2]) {
            signature = sig
        } else {
            problems.append(ParseProblem(part: "signature", message: "is not valid base64url"))
        }
        // The dots are ASCII, so a UTF-8 offset is a valid String index here.
        let signingInput = raw[raw.startIndex..<raw.utf8.index(raw.utf8.startIndex, offsetBy: segments[1].endIndex)]
        return ParsedToken(raw: raw, format: .jws, segmentCount: 3, header: header, claims: claims,
                           signature: signature, signingInput: signingInput, problems: problems)
    }

    private static func parseJWE(_ raw: String, _ segments: [ArraySlice<UInt8>]) -> ParsedToken {
        var problems: [ParseProblem] = []
        let header = decodeObject(segments[0], part: "header", problems: &problems)
        if let header, header["enc"] == nil {
            problems.append(ParseProblem(part: "header", message: "has five parts like an encrypted JWT but no `enc` member"))
        }
        return ParsedToken(raw: raw, format: .jwe, segmentCount: 5, header: header, claims: nil,
                           signature: [], signingInput: "", problems: problems)
    }

    /// Names written more than once, in order of first appearance. Claim names are short strings,
    /// whose equality is a couple of word compares, so small objects are checked pairwise rather
    /// than by hashing every name.
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

    /// base64url → JSON object, reporting each way it can fail and any member written twice.
    static func decodeObject(_ segment: ArraySlice<UInt8>, part: String, problems: inout [ParseProblem]) -> JSONValue? {
        if segment.isEmpty {
            problems.append(ParseProblem(part: part, message: "is empty"))
            return nil
        }
        guard let bytes = Base64URL.decode(segment) else {
            problems.append(ParseProblem(part: part, message: "is not valid base64url"))
            return nil
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let hint = bytes.first == 0x78 || bytes.first == 0x1F ? " (it looks compressed; `zip: DEF` payloads are not JWTs Entra issues)" : ""
            problems.append(ParseProblem(part: part, message: "is not JSON: \(error.description)\(hint)"))
            return nil
        }
        guard let members = value.objectMembers else {
            problems.append(ParseProblem(part: part, message: "is JSON \(value.typeName), expected an object"))
            return nil
        }
        for (name, count) in duplicates(members) {
            problems.append(ParseProblem(part: part, message: "has `\(name)` \(count) times; libraries disagree on which one wins, so this token is ambiguous"))
        }
        return value
    }
}
