/// What a token's `iss` says: which cloud, which tenant, which endpoint version.
public struct IssuerInfo: Sendable, Equatable {
    public var issuer: String { fields.issuer }
    public var host: String { fields.host }
    /// Stable cloud label: `public`, `usgov`, `china`, `germany`, `bleu`, `delos`, `govsg`, `ppe`,
    /// `b2c`, `external-id`, `local` (loopback, e.g. the sandbox) or `unknown`.
    public var cloud: String { fields.cloud }
    /// The tenant segment of the issuer path (a GUID for Entra-issued tokens).
    public var tenant: String? { fields.tenant }
    /// The issuer has the v2 endpoint's `/v2.0` suffix.
    public var isV2Endpoint: Bool { fields.isV2Endpoint }
    /// The v1 issuer form `https://sts.<cloud>/{tid}/`.
    public var isV1Form: Bool { fields.isV1Form }

    /// The values live in one shared, immutable box: an `IssuerInfo` is copied into the rule input,
    /// the report and the `iss` claim's report, and a copy is then one retain instead of one per string.
    private final class Fields: Sendable {
        let issuer: String, host: String, cloud: String, tenant: String?, isV2Endpoint: Bool, isV1Form: Bool

        init(issuer: String, host: String, cloud: String, tenant: String?, isV2Endpoint: Bool, isV1Form: Bool) {
            self.issuer = issuer
            self.host = host
            self.cloud = cloud
            self.tenant = tenant
            self.isV2Endpoint = isV2Endpoint
            self.isV1Form = isV1Form
        }
    }

    private let fields: Fields

    public static func == (lhs: IssuerInfo, rhs: IssuerInfo) -> Bool {
        lhs.fields === rhs.fields
            || (lhs.issuer == rhs.issuer && lhs.host == rhs.host && lhs.cloud == rhs.cloud && lhs.tenant == rhs.tenant
                && lhs.isV2Endpoint == rhs.isV2Endpoint && lhs.isV1Form == rhs.isV1Form)
    }

    public var isB2C: Bool { cloud == "b2c" }
    public var isEntra: Bool { cloud != "unknown" && cloud != "local" }

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
        let cloud: String
        if let known = Self.hostClouds[parts.host] {
            cloud = known
        } else if parts.host.hasSuffix(".b2clogin.com") || parts.host.hasSuffix(".b2clogin.cn") || parts.host.hasSuffix(".b2clogin.us") {
            cloud = "b2c"
        } else if parts.host.hasSuffix(".ciamlogin.com") {
            cloud = "external-id"
        } else if parts.host == "127.0.0.1" || parts.host == "localhost" || parts.host == "::1" || parts.host == "[::1]" {
            cloud = "local"
        } else {
            cloud = "unknown"
        }
        // The path's non-empty `/`-separated segments: the first (tenant), the last and how many,
        // read in place rather than split into an array.
        var path = parts.path
        let (first, lastIsV2, segmentCount) = path.withUTF8 { b -> (Range<Int>?, Bool, Int) in
            var first: Range<Int>?, last: Range<Int>?, count = 0, i = 0
            while i < b.count {
                if b[i] == UInt8(ascii: "/") { i += 1; continue }
                let start = i
                while i < b.count, b[i] != UInt8(ascii: "/") { i += 1 }
                if first == nil { first = start..<i }
                last = start..<i
                count += 1
            }
            return (first, last.map { b[$0].elementsEqual("v2.0".utf8) } ?? false, count)
        }
        let tenant = first.map { range in path.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) } }
        fields = Fields(issuer: issuer, host: parts.host, cloud: cloud, tenant: tenant, isV2Endpoint: lastIsV2,
                        isV1Form: parts.host.hasPrefix("sts.") && segmentCount == 1)
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
        // Parsed on the UTF-8 bytes in place: this runs for every token's `iss`, and Character-level
        // String work (grapheme breaking) would dominate the decode time.
        var text = text
        guard let parts = text.withUTF8(Self.parse) else { return nil }
        self = parts
    }

    private init(scheme: String, host: String, port: Int?, path: String, hasUserInfo: Bool) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.hasUserInfo = hasUserInfo
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> URLParts? {
        guard let colon = firstIndex(of: "://", in: b) else { return nil }
        let scheme = lowered(b, 0..<colon)
        guard scheme == "https" || scheme == "http" else { return nil }
        let authorityStart = colon + 3
        var authorityEnd = authorityStart
        while authorityEnd < b.count, b[authorityEnd] != UInt8(ascii: "/"), b[authorityEnd] != UInt8(ascii: "?"), b[authorityEnd] != UInt8(ascii: "#") {
            authorityEnd += 1
        }
        var hostStart = authorityStart
        let hasUserInfo = b[authorityStart..<authorityEnd].contains(UInt8(ascii: "@"))
        if let at = b[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }
        var hostEnd = authorityEnd
        var port: Int?
        if hostStart < authorityEnd, b[hostStart] == UInt8(ascii: "[") {
            guard let close = b[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostEnd = close + 1
            if hostEnd < authorityEnd {
                guard b[hostEnd] == UInt8(ascii: ":"), let p = Int(String(decoding: UnsafeBufferPointer(rebasing: b[(hostEnd + 1)..<authorityEnd]), as: UTF8.self)) else { return nil }
                port = p
            }
        } else if let c = b[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
            guard let p = Int(String(decoding: UnsafeBufferPointer(rebasing: b[(c + 1)..<authorityEnd]), as: UTF8.self)) else { return nil }
            port = p
            hostEnd = c
        }
        guard hostEnd > hostStart else { return nil }
        let host = lowered(b, hostStart..<hostEnd)
        var pathEnd = authorityEnd
        while pathEnd < b.count, b[pathEnd] != UInt8(ascii: "?"), b[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        let path = String(decoding: UnsafeBufferPointer(rebasing: b[authorityEnd..<pathEnd]), as: UTF8.self)
        return URLParts(scheme: scheme, host: host, port: port, path: path, hasUserInfo: hasUserInfo)
    }

    private static func lower(_ c: UInt8) -> UInt8 {
        c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
    }

    /// The bytes in `range` with ASCII letters lowercased, as a String (copied once when already lowercase).
    private static func lowered(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: b[range])
        if !slice.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            return String(decoding: slice, as: UTF8.self)
        }
        return String(decoding: slice.map(lower), as: UTF8.self)
    }

    private static func firstIndex(of needle: StaticString, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, haystack.count >= n else { return nil }
        let p = needle.utf8Start
        for i in 0...(haystack.count - n) where haystack[i] == p[0] {
            var j = 1
            while j < n, haystack[i + j] == p[j] { j += 1 }
            if j == n { return i }
        }
        return nil
    }

    public var isLoopback: Bool { ["127.0.0.1", "localhost", "[::1]"].contains(host) || host.hasPrefix("127.") }
}
