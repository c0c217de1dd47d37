/// Typed, lenient reads of a claims object: a wrong type reads as nil (the `claim-type` rule
/// reports it), so no rule ever traps on a hostile token.
///
/// The well-known claims are located once (`ClaimKeys`, normally while the token is parsed), so the
/// rules' hundred-odd reads per token are array indexes, not searches by name.
struct ClaimSet: Sendable {
    /// The part decoded to a JSON object (an absent or non-object part reads as an empty set).
    let isObject: Bool
    /// In document order (empty when the part is not an object).
    let members: [(key: String, value: JSONValue)]
    private let slots: ClaimSlots
    /// `scp` holds at least one scope (the cheap question most rules ask; `scopes` splits it).
    let hasScopes: Bool
    /// `exp`, `nbf` and `iat` as `time` reads them, read once: the rules ask for them a dozen times.
    private let exp: Int64?, nbf: Int64?, iat: Int64?

    init(_ object: JSONValue?) {
        self.init(object, slots: nil)
    }

    /// With the names `TokenParser` already resolved for this object (`ParsedToken.claimSlots`).
    init(_ object: JSONValue?, slots: ClaimSlots?) {
        self.init(members: object?.objectMembers, slots: slots)
    }

    /// An object's members (nil: the part is not an object), with their names resolved when known.
    init(members: [(key: String, value: JSONValue)]?, slots: ClaimSlots?) {
        self.init(isObject: members != nil, members: members ?? [], slots: slots ?? ClaimKeys(members ?? []).slots)
    }

    private init(isObject: Bool, members: [(key: String, value: JSONValue)], slots: ClaimSlots) {
        self.isObject = isObject
        self.members = members
        self.slots = slots
        // Read in place (`inPlace`): a copied value is a retain and a release per read.
        // `scopes` is empty exactly when `scp` is missing, not a string, or only spaces.
        hasScopes = Self.inPlace(.scp, members, slots) { value -> Bool in
            guard case let .string(scp) = value else { return false }
            return scp.utf8.contains { $0 != UInt8(ascii: " ") }
        } ?? false
        exp = Self.inPlace(.exp, members, slots, Self.time) ?? nil
        nbf = Self.inPlace(.nbf, members, slots, Self.time) ?? nil
        iat = Self.inPlace(.iat, members, slots, Self.time) ?? nil
    }

    @inline(__always)
    private static func inPlace<R>(_ claim: WellKnownClaim, _ members: [(key: String, value: JSONValue)], _ slots: ClaimSlots,
                                   _ body: (JSONValue) -> R) -> R? {
        let i = slots[claim]
        return i < 0 ? nil : body(members[i].value)
    }

    @inline(__always)
    private static func value(of claim: WellKnownClaim, _ members: [(key: String, value: JSONValue)], _ slots: ClaimSlots) -> JSONValue? {
        let i = slots[claim]
        return i < 0 ? nil : members[i].value
    }

    // MARK: - Reads by well-known claim (the inspector's own reads)

    @inline(__always)
    func value(_ claim: WellKnownClaim) -> JSONValue? { Self.value(of: claim, members, slots) }
    /// `body(value)` for the claim's value read in place (not copied), or nil when it is absent.
    @inline(__always)
    func withValue<R>(_ claim: WellKnownClaim, _ body: (JSONValue) -> R) -> R? { Self.inPlace(claim, members, slots, body) }
    func has(_ claim: WellKnownClaim) -> Bool { slots[claim] >= 0 }
    func string(_ claim: WellKnownClaim) -> String? { value(claim)?.stringValue }
    func strings(_ claim: WellKnownClaim) -> [String]? { value(claim)?.stringArray }
    /// The claim is an array of strings (what `strings` would return, without building it).
    func isStringArray(_ claim: WellKnownClaim) -> Bool { withValue(claim) { $0.isStringArray } ?? false }
    /// The claim is an array of strings and one of them satisfies `predicate`.
    func stringArrayContains(_ claim: WellKnownClaim, where predicate: (String) -> Bool) -> Bool {
        withValue(claim) { $0.stringArrayContains(where: predicate) } ?? false
    }
    /// The claim is a string (`string(claim) != nil`, without copying it out).
    func isString(_ claim: WellKnownClaim) -> Bool {
        withValue(claim) { if case .string = $0 { return true } else { return false } } ?? false
    }
    /// `body` of the claim's string read in place, or nil when the claim is absent or not a string.
    func withString<R>(_ claim: WellKnownClaim, _ body: (String) -> R) -> R? {
        withValue(claim) { value -> R? in
            guard case let .string(s) = value else { return nil }
            return body(s)
        } ?? nil
    }

    /// A NumericDate: a JSON number (integer part), or nil for any other type or an absurd value.
    func time(_ claim: WellKnownClaim) -> Int64? {
        switch claim {
        case .exp: return exp
        case .nbf: return nbf
        case .iat: return iat
        default: return Self.time(value(claim))
        }
    }

    static func time(_ value: JSONValue?) -> Int64? {
        guard let value else { return nil }
        return time(value)
    }

    static func time(_ value: JSONValue) -> Int64? {
        // The usual NumericDate is plain digits: read as an integer, no Double and no rounding.
        guard case let .number(text) = value else { return nil }
        if let n = JSONValue.smallNaturalNumber(text) { return n < 1_000_000_000_000 ? n : nil }
        guard let d = value.doubleValue, d > -1e12, d < 1e12 else { return nil }
        return Int64(d.rounded(.down))
    }

    // MARK: - Reads by name (for any claim, and for callers outside the inspector)

    func value(_ name: String) -> JSONValue? {
        if let claim = WellKnownClaim(name: name) { return value(claim) }
        // Any other name: the first member with the same byte length, first and last byte, and an
        // equal name (the well-known names, all ASCII, match exactly the same members this way).
        let tag = Self.tag(name)
        return members.first { Self.tag($0.key) == tag && $0.key == name }?.value
    }

    private static func tag(_ name: String) -> UInt32 {
        let utf8 = name.utf8
        return UInt32(truncatingIfNeeded: utf8.count) << 16 | UInt32(utf8.first ?? 0) << 8 | UInt32(utf8.last ?? 0)
    }

    func has(_ name: String) -> Bool { value(name) != nil }
    func string(_ name: String) -> String? { value(name)?.stringValue }
    func strings(_ name: String) -> [String]? { value(name)?.stringArray }
    func time(_ name: String) -> Int64? {
        if let claim = WellKnownClaim(name: name) { return time(claim) }
        return Self.time(value(name))
    }

    // MARK: - Derived values

    /// `aud` may legally be a string or an array of strings.
    var audiences: [String] {
        let aud = value(.aud)
        return aud?.stringValue.map { [$0] } ?? aud?.stringArray ?? []
    }

    /// Delegated scopes from the space-separated `scp`.
    var scopes: [String] {
        // Split on UTF-8 bytes: a Character-level split runs grapheme breaking over the whole string.
        string(.scp)?.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) } ?? []
    }

    var roles: [String] { strings(.roles) ?? [] }
    /// `roles` is a non-empty array of strings (`!roles.isEmpty`, without building it).
    var hasRoles: Bool {
        guard case let .array(items)? = value(.roles), !items.isEmpty else { return false }
        return value(.roles)?.isStringArray ?? false
    }

    /// The calling client: `azp` (v2) or `appid` (v1).
    var clientID: String? { string(.azp) ?? string(.appid) }
    /// `clientID != nil`, without copying the ID out.
    var hasClientID: Bool { isString(.azp) || isString(.appid) }
}
