/// Splits and decodes compact JWS/JWE tokens. Never throws and never traps on hostile input.
public enum TokenParser {
    /// Prefixes of Entra and MSA refresh tokens and codes, which contain dots but are not JOSE.
    static let opaquePrefixes = ["0.A", "1.A", "M.C", "M.R3_"]

    public static func parse(_ raw: String) -> ParsedToken {
        let segments = raw.split(separator: ".", omittingEmptySubsequences: false)
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

    private static func parseJWS(_ raw: String, _ segments: [Substring]) -> ParsedToken {
        var problems: [ParseProblem] = []
        let header = decodeObject(segments[0], part: "header", problems: &problems)
        let claims = decodeObject(segments[1], part: "payload", problems: &problems)
        var signature: [UInt8] = []
        if let sig = Base64URL.decode(Array(segments[2].utf8)) {
            signature = sig
        } else {
            problems.append(ParseProblem(part: "signature", message: "is not valid base64url"))
        }
        let signingInput = raw[raw.startIndex..<segments[1].endIndex]
        return ParsedToken(raw: raw, format: .jws, segmentCount: 3, header: header, claims: claims,
                           signature: signature, signingInput: signingInput, problems: problems)
    }

    private static func parseJWE(_ raw: String, _ segments: [Substring]) -> ParsedToken {
        var problems: [ParseProblem] = []
        let header = decodeObject(segments[0], part: "header", problems: &problems)
        if let header, header["enc"] == nil {
            problems.append(ParseProblem(part: "header", message: "has five parts like an encrypted JWT but no `enc` member"))
        }
        return ParsedToken(raw: raw, format: .jwe, segmentCount: 5, header: header, claims: nil,
                           signature: [], signingInput: "", problems: problems)
    }

    /// base64url → JSON object, reporting each way it can fail and any member written twice.
    static func decodeObject(_ segment: Substring, part: String, problems: inout [ParseProblem]) -> JSONValue? {
        if segment.isEmpty {
            problems.append(ParseProblem(part: part, message: "is empty"))
            return nil
        }
        guard let bytes = Base64URL.decode(Array(segment.utf8)) else {
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
        var seen: [String: Int] = [:]
        for member in members { seen[member.key, default: 0] += 1 }
        for member in members where (seen[member.key] ?? 0) > 1 {
            problems.append(ParseProblem(part: part, message: "has `\(member.key)` \(seen[member.key]!) times; libraries disagree on which one wins, so this token is ambiguous"))
            seen[member.key] = 0
        }
        return value
    }
}
