/// Typed, lenient reads of a claims object: a wrong type reads as nil (the `claim-type` rule
/// reports it), so no rule ever traps on a hostile token.
struct ClaimSet: Sendable {
    let object: JSONValue?
    /// The members, searched linearly (cheaper than hashing for two dozen claims). Each carries a
    /// tag (length, first and last byte) so a lookup compares strings only when the tags match:
    /// rules read claims well over a hundred times per token.
    private let members: [(key: String, value: JSONValue)]
    private let tags: [UInt32]
    /// `aud` may legally be a string or an array of strings.
    let audiences: [String]
    /// Delegated scopes from the space-separated `scp`.
    let scopes: [String]

    init(_ object: JSONValue?) {
        self.object = object
        members = object?.objectMembers ?? []
        tags = members.map { Self.tag($0.key) }
        let aud = members.first { $0.key == "aud" }?.value
        audiences = aud?.stringValue.map { [$0] } ?? aud?.stringArray ?? []
        // Split on UTF-8 bytes: a Character-level split runs grapheme breaking over the whole string.
        scopes = members.first { $0.key == "scp" }?.value.stringValue?.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) } ?? []
    }

    func value(_ name: String) -> JSONValue? {
        let tag = Self.tag(name)
        for i in tags.indices where tags[i] == tag && members[i].key == name { return members[i].value }
        return nil
    }

    private static func tag(_ name: String) -> UInt32 {
        let utf8 = name.utf8
        return UInt32(truncatingIfNeeded: utf8.count) << 16 | UInt32(utf8.first ?? 0) << 8 | UInt32(utf8.last ?? 0)
    }

    func has(_ name: String) -> Bool { value(name) != nil }
    func string(_ name: String) -> String? { value(name)?.stringValue }
    func strings(_ name: String) -> [String]? { value(name)?.stringArray }

    /// A NumericDate: a JSON number (integer part), or nil for any other type or an absurd value.
    func time(_ name: String) -> Int64? {
        guard let d = value(name)?.doubleValue, d > -1e12, d < 1e12 else { return nil }
        return Int64(d.rounded(.down))
    }

    var roles: [String] { strings("roles") ?? [] }

    /// The calling client: `azp` (v2) or `appid` (v1).
    var clientID: String? { string("azp") ?? string("appid") }
}
