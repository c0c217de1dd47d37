/// A successful token response, read as MSAL reads it: `access_token` present means success;
/// `expires_in` and friends may be numbers or numeric strings.
public struct TokenResponse: Sendable {
    public let raw: JSONValue
    public let tokenType: String?
    public let accessToken: String?
    public let idToken: String?
    public let refreshToken: String?
    public let scope: [String]
    public let expiresIn: Int64?
    public let extExpiresIn: Int64?
    public let refreshIn: Int64?
    /// `client_info` decoded: the account's object ID and home tenant (`uid`, `utid`).
    public let clientInfo: (uid: String, utid: String)?

    public init?(json: JSONValue) {
        guard case .object = json, let access = json["access_token"]?.stringValue, !access.isEmpty else { return nil }
        raw = json
        accessToken = access
        tokenType = json["token_type"]?.stringValue
        idToken = json["id_token"]?.stringValue
        refreshToken = json["refresh_token"]?.stringValue
        scope = json["scope"]?.stringValue.map { $0.split(separator: " ").map(String.init) } ?? []
        expiresIn = Self.seconds(json["expires_in"])
        extExpiresIn = Self.seconds(json["ext_expires_in"])
        refreshIn = Self.seconds(json["refresh_in"])
        if let info = json["client_info"]?.stringValue, let bytes = Base64URL.decode(info), let value = try? JSONParser.parse(bytes),
           let uid = value["uid"]?.stringValue, let utid = value["utid"]?.stringValue {
            clientInfo = (uid, utid)
        } else {
            clientInfo = nil
        }
    }

    /// A number of seconds, nil when absent or out of range: a value such as 1e300 or "inf" would
    /// trap in `Int64(_:)`, and callers add these to the clock (`issuedAt + expiresIn`).
    static func seconds(_ value: JSONValue?) -> Int64? {
        guard let d = value?.doubleValue ?? value?.stringValue.flatMap(Double.init), d > -maxSeconds, d < maxSeconds else { return nil }
        return Int64(d)
    }

    /// About 31,700 years: beyond any lifetime or interval, far from overflowing when added to a time.
    static let maxSeconds = 1e12

    /// What MSAL.NET would reject in a 200 answer (`token_type_missing` / `token_type_mismatch`).
    public var problems: [String] {
        var out: [String] = []
        if tokenType == nil { out.append("`token_type` is missing (MSAL.NET fails with token_type_missing).") }
        else if tokenType?.lowercased() != "bearer" { out.append("`token_type` is `\(tokenType!)`, not Bearer (MSAL.NET fails with token_type_mismatch).") }
        if expiresIn == nil { out.append("`expires_in` is missing (azure-identity raises; msal assumes 600 s).") }
        return out
    }
}
