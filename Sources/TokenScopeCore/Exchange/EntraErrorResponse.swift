/// An error answer of the token endpoint, parsed into what support asks for: the codes, trace and
/// correlation IDs, timestamp, the claims challenge.
public struct EntraErrorResponse: Sendable {
    public let error: String
    public let description: String?
    /// Every code of `error_codes`, else the AADSTS numbers found in the description.
    public let codes: [Int]
    public let traceId: String?
    public let correlationId: String?
    public let timestamp: String?
    public let suberror: String?
    public let errorURI: String?
    /// The claims challenge, decoded (Entra sends it as JSON inside a string).
    public let claims: JSONValue?
    /// The raw `claims` string as sent, to pass back verbatim.
    public let claimsText: String?
    public let raw: JSONValue

    /// nil when the body is not an Entra/OAuth error object.
    public init?(json: JSONValue) {
        guard case .object = json, let error = json["error"]?.stringValue else { return nil }
        raw = json
        self.error = error
        description = json["error_description"]?.stringValue
        // `Int(exactly:)`: a code such as 1e300 is no code (and `Int(_:)` would trap on it).
        var codes = json["error_codes"]?.arrayValue?.compactMap { $0.doubleValue.flatMap { Int(exactly: $0.rounded(.towardZero)) } } ?? []
        if codes.isEmpty, let description { codes = Self.aadstsCodes(in: description) }
        self.codes = codes
        traceId = json["trace_id"]?.stringValue
        correlationId = json["correlation_id"]?.stringValue
        timestamp = json["timestamp"]?.stringValue
        suberror = json["suberror"]?.stringValue
        errorURI = json["error_uri"]?.stringValue
        claimsText = json["claims"]?.stringValue
        claims = claimsText.flatMap { try? JSONParser.parse($0) }
    }

    public init?(body: [UInt8]) {
        guard let json = try? JSONParser.parse(body) else { return nil }
        self.init(json: json)
    }

    /// The first line of the description without Entra's trailing "Trace ID: … Timestamp: …".
    public var message: String? {
        guard let description else { return nil }
        let firstLine = description.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }).first.map(String.init) ?? description
        return firstLine
    }

    /// `AADSTS` followed by digits, anywhere in the text, in order, without repeats.
    public static func aadstsCodes(in text: String) -> [Int] {
        var out: [Int] = []
        let bytes = Array(text.utf8), prefix = Array("AADSTS".utf8)
        var i = 0
        while i + prefix.count < bytes.count {
            if Array(bytes[i..<i + prefix.count]) == prefix {
                var j = i + prefix.count, n = 0, digits = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39, digits < 9 {
                    n = n * 10 + Int(bytes[j] - 0x30)
                    j += 1
                    digits += 1
                }
                if digits > 0, !out.contains(n) { out.append(n) }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }
}
