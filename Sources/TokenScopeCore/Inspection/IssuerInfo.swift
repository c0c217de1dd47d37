/// What a token's `iss` says: which cloud, which tenant, which endpoint version.
public struct IssuerInfo: Sendable, Equatable {
    public let issuer: String
    public let host: String
    /// Stable cloud label: `public`, `usgov`, `china`, `germany`, `bleu`, `delos`, `govsg`, `ppe`,
    /// `b2c`, `external-id`, `local` (loopback, e.g. the sandbox) or `unknown`.
    public let cloud: String
    /// The tenant segment of the issuer path (a GUID for Entra-issued tokens).
    public let tenant: String?
    /// The issuer has the v2 endpoint's `/v2.0` suffix.
    public let isV2Endpoint: Bool
    /// The v1 issuer form `https://sts.<cloud>/{tid}/`.
    public let isV1Form: Bool

    public var isB2C: Bool { cloud == "b2c" }
    public var isEntra: Bool { !["unknown", "local"].contains(cloud) }

    /// Human name of the cloud, for display.
    public var cloudName: String {
        switch cloud {
        case "public": return "Azure public cloud"
        case "usgov": return "Azure US Government"
        case "china": return "Azure China (21Vianet)"
        case "germany": return "Azure Germany (closed in 2021)"
        case "bleu": return "Bleu (France sovereign)"
        case "delos": return "Delos (Germany sovereign)"
        case "govsg": return "Singapore government sovereign"
        case "ppe": return "Microsoft pre-production (PPE)"
        case "b2c": return "Azure AD B2C"
        case "external-id": return "Microsoft Entra External ID (CIAM)"
        case "local": return "local issuer (loopback, e.g. the TokenScope sandbox)"
        default: return "not a known Entra cloud"
        }
    }

    static let hostClouds: [String: String] = [
        "login.microsoftonline.com": "public", "sts.windows.net": "public", "login.windows.net": "public",
        "login.microsoft.com": "public",
        "login.microsoftonline.us": "usgov", "login-us.microsoftonline.com": "usgov", "login.usgovcloudapi.net": "usgov",
        "sts.usgovcloudapi.net": "usgov",
        "login.partner.microsoftonline.cn": "china", "login.chinacloudapi.cn": "china", "sts.chinacloudapi.cn": "china",
        "login.microsoftonline.de": "germany",
        "login.sovcloud-identity.fr": "bleu", "login.sovcloud-identity.de": "delos", "login.sovcloud-identity.sg": "govsg",
        "login.windows-ppe.net": "ppe", "sts.windows-ppe.net": "ppe", "login.microsoft-ppe.com": "ppe",
    ]

    public init?(issuer: String) {
        guard let parts = URLParts(issuer) else { return nil }
        self.issuer = issuer
        self.host = parts.host
        if let cloud = Self.hostClouds[parts.host] {
            self.cloud = cloud
        } else if parts.host.hasSuffix(".b2clogin.com") || parts.host.hasSuffix(".b2clogin.cn") || parts.host.hasSuffix(".b2clogin.us") {
            self.cloud = "b2c"
        } else if parts.host.hasSuffix(".ciamlogin.com") {
            self.cloud = "external-id"
        } else if ["127.0.0.1", "localhost", "::1", "[::1]"].contains(parts.host) {
            self.cloud = "local"
        } else {
            self.cloud = "unknown"
        }
        let segments = parts.path.split(separator: "/").map(String.init)
        self.tenant = segments.first
        self.isV2Endpoint = segments.last == "v2.0"
        self.isV1Form = parts.host.hasPrefix("sts.") && segments.count == 1
    }
}

/// The scheme, host, port and path of an absolute URL, parsed without Foundation.
public struct URLParts: Sendable, Equatable {
    public let scheme: String
    /// Lowercased; IPv6 literals keep their brackets.
    public let host: String
    public let port: Int?
    public let path: String
    public let hasUserInfo: Bool

    public init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        self.scheme = scheme
        let rest: Substring = text[schemeEnd.upperBound...]
        let authorityEnd: String.Index = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority: Substring = rest[..<authorityEnd]
        hasUserInfo = authority.contains("@")
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var hostPart = Substring(authority)
        var port: Int?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ; if port == nil { return nil } }
            hostPart = hostPart[...close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            port = Int(hostPart[hostPart.index(after: colon)...])
            if port == nil { return nil }
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty else { return nil }
        host = hostPart.lowercased()
        self.port = port
        let pathEnd = rest[authorityEnd...].firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        path = String(rest[authorityEnd..<pathEnd])
    }

    public var isLoopback: Bool { ["127.0.0.1", "localhost", "[::1]"].contains(host) || host.hasPrefix("127.") }
}
