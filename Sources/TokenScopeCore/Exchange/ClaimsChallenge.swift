/// The `claims` request parameter: a claims challenge (from an error response, a
/// `WWW-Authenticate` header, or typed), merged with client capabilities (`cp1`) as MSAL does.
public enum ClaimsChallenge {
    /// Accepts a claims JSON object, its base64/base64url form (as CAE puts it in
    /// `WWW-Authenticate`), a whole `WWW-Authenticate: Bearer … claims="…"` header, or an Entra
    /// error response carrying `claims`. Returns compact JSON.
    public static func parse(_ text: String) throws(ExchangeInputError) -> JSONValue {
        let trimmed = text.trimmedWhitespace
        if let value = try? JSONParser.parse(trimmed) {
            if case .object = value {
                // An Entra error response: the challenge is its `claims` member (JSON in a string).
                if let inner = value["claims"]?.stringValue, value["error"] != nil { return try parse(inner) }
                return value
            }
        }
        if let quoted = headerParameter("claims", in: trimmed) { return try parse(quoted) }
        if let bytes = Base64URL.decode(trimmed.replacingBase64Standard()), let value = try? JSONParser.parse(bytes), case .object = value {
            return value
        }
        throw ExchangeInputError("claims-invalid", field: "--claims", "the claims challenge is neither JSON, base64-encoded JSON, a WWW-Authenticate header nor an error response with `claims`.",
                                 fix: "Paste the `claims` value of the error response (e.g. {\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}) or the whole WWW-Authenticate header.")
    }

    /// Merges `{"access_token":{"xms_cc":{"values":[caps]}}}` into the challenge (MSAL.NET's
    /// `ClaimsHelper`): the capabilities join whatever the challenge asks of the access token.
    public static func merged(challenge: JSONValue?, capabilities: [String]) -> String? {
        guard !capabilities.isEmpty else { return challenge.map { JSONWriter.write($0, pretty: false) } }
        let xmsCC: JSONValue = .object([("xms_cc", .object([("values", .array(capabilities.map { .string($0) }))]))])
        guard case let .object(members)? = challenge else {
            return JSONWriter.write(.object([("access_token", xmsCC)]), pretty: false)
        }
        var out = members
        if let i = out.firstIndex(where: { $0.key == "access_token" }), case let .object(inner) = out[i].value {
            out[i].value = .object(inner.filter { $0.key != "xms_cc" } + [("xms_cc", xmsCC["xms_cc"]!)])
        } else {
            out.append(("access_token", xmsCC))
        }
        return JSONWriter.write(.object(out), pretty: false)
    }

    /// The value of `name="…"` (or `name=token`) in a header such as `WWW-Authenticate`.
    public static func headerParameter(_ name: String, in header: String) -> String? {
        let bytes = Array(header.utf8), key = Array((name + "=").utf8)
        var i = 0
        while i + key.count <= bytes.count {
            let atBoundary = i == 0 || [UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "\t")].contains(bytes[i - 1])
            if atBoundary, Array(bytes[i..<i + key.count]).map({ $0 | 0x20 }) == key.map({ $0 | 0x20 }) {
                var j = i + key.count
                if j < bytes.count, bytes[j] == UInt8(ascii: "\"") {
                    j += 1
                    var value: [UInt8] = []
                    while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                        if bytes[j] == UInt8(ascii: "\\"), j + 1 < bytes.count { j += 1 }
                        value.append(bytes[j])
                        j += 1
                    }
                    return String(decoding: value, as: UTF8.self)
                }
                let end = bytes[j...].firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") }) ?? bytes.count
                return String(decoding: bytes[j..<end], as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}

extension String {
    /// Standard base64 (`+/`, padding) turned into base64url, so one decoder reads both.
    func replacingBase64Standard() -> String {
        String(decoding: utf8.compactMap { b -> UInt8? in
            b == UInt8(ascii: "+") ? UInt8(ascii: "-") : b == UInt8(ascii: "/") ? UInt8(ascii: "_") : b == UInt8(ascii: "=") ? nil : b
        }, as: UTF8.self)
    }
}
