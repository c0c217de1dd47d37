/// Typed, lenient reads of a claims object: a wrong type reads as nil (the `claim-type` rule
/// reports it), so no rule ever traps on a hostile token.
struct ClaimSet: Sendable {
    let object: JSONValue?

    init(_ object: JSONValue?) { self.object = object }

    func has(_ name: String) -> Bool { object?[name] != nil }
    func value(_ name: String) -> JSONValue? { object?[name] }
    func string(_ name: String) -> String? { object?[name]?.stringValue }
    func strings(_ name: String) -> [String]? { object?[name]?.stringArray }

    /// A NumericDate: a JSON number (integer part), or nil for any other type or an absurd value.
    func time(_ name: String) -> Int64? {
        guard let d = object?[name]?.doubleValue, d > -1e12, d < 1e12 else { return nil }
        return Int64(d.rounded(.down))
    }

    /// `aud` may legally be a string or an array of strings.
    var audiences: [String] {
        if let a = string("aud") { return [a] }
        return strings("aud") ?? []
    }

    /// Delegated scopes from the space-separated `scp`.
    var scopes: [String] {
        string("scp")?.split(separator: " ").map(String.init) ?? []
    }

    var roles: [String] { strings("roles") ?? [] }

    /// The calling client: `azp` (v2) or `appid` (v1).
    var clientID: String? { string("azp") ?? string("appid") }
}
