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
        let segments = parts.path.utf8.split(separator: UInt8(ascii: "/"))
        self.tenant = segments.first.map { String(decoding: $0, as: UTF8.self) }
        self.isV2Endpoint = segments.last.map { $0.elementsEqual("v2.0".utf8) } ?? false
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
        // Parsed on UTF-8 bytes: this runs for every token's `iss`, and Character-level String
        // work (grapheme breaking) would dominate the decode time.
        let b = Array(text.utf8)
        guard let colon = Self.firstIndex(of: Array("://".utf8), in: b) else { return nil }
        let scheme = String(decoding: b[0..<colon].map(Self.lower), as: UTF8.self)
        guard scheme == "https" || scheme == "http" else { return nil }
        self.scheme = scheme
        let authorityStart = colon + 3
        var authorityEnd = authorityStart
        while authorityEnd < b.count, b[authorityEnd] != UInt8(ascii: "/"), b[authorityEnd] != UInt8(ascii: "?"), b[authorityEnd] != UInt8(ascii: "#") {
            authorityEnd += 1
        }
        var hostStart = authorityStart
        hasUserInfo = b[authorityStart..<authorityEnd].contains(UInt8(ascii: "@"))
        if let at = b[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }
        var hostEnd = authorityEnd
        var port: Int?
        if hostStart < authorityEnd, b[hostStart] == UInt8(ascii: "[") {
            guard let close = b[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostEnd = close + 1
            if hostEnd < authorityEnd {
                guard b[hostEnd] == UInt8(ascii: ":"), let p = Int(String(decoding: b[(hostEnd + 1)..<authorityEnd], as: UTF8.self)) else { return nil }
                port = p
            }
        } else if let c = b[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
            guard let p = Int(String(decoding: b[(c + 1)..<authorityEnd], as: UTF8.self)) else { return nil }
            port = p
            hostEnd = c
        }
        guard hostEnd > hostStart else { return nil }
        host = String(decoding: b[hostStart..<hostEnd].map(Self.lower), as: UTF8.self)
        self.port = port
        var pathEnd = authorityEnd
        while pathEnd < b.count, b[pathEnd] != UInt8(ascii: "?"), b[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        path = String(decoding: b[authorityEnd..<pathEnd], as: UTF8.self)
    }

    private static func lower(_ c: UInt8) -> UInt8 {
        c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    public var isLoopback: Bool { ["127.0.0.1", "localhost", "[::1]"].contains(host) || host.hasPrefix("127.") }
}
