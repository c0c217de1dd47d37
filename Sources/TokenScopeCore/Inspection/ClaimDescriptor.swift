/// Where a claim lives in a JWT.
public enum ClaimLocation: String, Sendable {
    case header
    case payload
}

/// Which tokens carry a claim, as the catalogue documents it.
public struct ClaimCarriers: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let v1AccessToken = ClaimCarriers(rawValue: 1 << 0)
    public static let v2AccessToken = ClaimCarriers(rawValue: 1 << 1)
    public static let v1IDToken = ClaimCarriers(rawValue: 1 << 2)
    public static let v2IDToken = ClaimCarriers(rawValue: 1 << 3)
    /// Emitted only when an app asks for it as an optional claim (or in special cases).
    public static let optional = ClaimCarriers(rawValue: 1 << 4)

    public static let accessTokens: ClaimCarriers = [.v1AccessToken, .v2AccessToken]
    public static let idTokens: ClaimCarriers = [.v1IDToken, .v2IDToken]
    public static let all: ClaimCarriers = [.accessTokens, .idTokens]

    /// Stable labels used in `--json` output (`"v1-access"`, `"v2-id"`, `"optional"` ...).
    public var labels: [String] {
        var out: [String] = []
        if contains(.v1AccessToken) { out.append("v1-access") }
        if contains(.v2AccessToken) { out.append("v2-access") }
        if contains(.v1IDToken) { out.append("v1-id") }
        if contains(.v2IDToken) { out.append("v2-id") }
        if contains(.optional) { out.append("optional") }
        return out
    }
}

/// One entry of the claims catalogue: what a claim means and how to read its value.
public struct ClaimDescriptor: Sendable {
    public let name: String
    public let location: ClaimLocation
    /// One line, plain words.
    public let meaning: String
    public let carriers: ClaimCarriers
    /// How to read the value (format, units, pitfalls).
    public let reading: String

    public init(_ name: String, _ location: ClaimLocation = .payload, carriers: ClaimCarriers,
                meaning: String, reading: String) {
        self.name = name
        self.location = location
        self.meaning = meaning
        self.carriers = carriers
        self.reading = reading
    }
}
