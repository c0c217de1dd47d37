/// How the result token differs from the token that went in (OBO's assertion): which claims
/// changed, and whether the user's identity survived the exchange.
public struct ClaimDiff: Sendable {
    public enum Change: String, Sendable {
        case same, changed, added, removed
    }

    public struct Entry: Sendable {
        public let claim: String
        public let change: Change
        public let before: JSONValue?
        public let after: JSONValue?
    }

    /// Claims that name the user: they must match for the exchange to have kept the identity.
    /// (`sub` is pairwise per application, so it is expected to change.)
    public static let identityClaims = ["oid", "tid", "upn", "preferred_username", "unique_name", "name", "idp"]

    /// Claims whose change is the point of the exchange (shown, not flagged).
    public static let expectedToChange = ["aud", "scp", "roles", "appid", "azp", "appidacr", "azpacr", "iat", "nbf", "exp",
                                          "uti", "rh", "aio", "sub", "ver", "iss", "app_displayname", "xms_tcdt", "nonce"]

    public let entries: [Entry]

    public init(before: JSONValue?, after: JSONValue?) {
        let a = before?.objectMembers ?? [], b = after?.objectMembers ?? []
        var entries: [Entry] = []
        for (key, value) in a {
            if let other = b.first(where: { $0.key == key })?.value {
                entries.append(Entry(claim: key, change: other == value ? .same : .changed, before: value, after: other))
            } else {
                entries.append(Entry(claim: key, change: .removed, before: value, after: nil))
            }
        }
        for (key, value) in b where !a.contains(where: { $0.key == key }) {
            entries.append(Entry(claim: key, change: .added, before: nil, after: value))
        }
        self.entries = entries
    }

    /// Identity claims present in both tokens whose value differs (empty = identity preserved).
    public var identityChanges: [Entry] {
        entries.filter { Self.identityClaims.contains($0.claim) && $0.change == .changed }
    }

    /// Identity claims present in both tokens with the same value.
    public var identityPreserved: [Entry] {
        entries.filter { Self.identityClaims.contains($0.claim) && $0.change == .same }
    }

    public var changed: [Entry] { entries.filter { $0.change != .same } }
}
