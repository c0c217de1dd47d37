/// What a token's `iss` says: which cloud, which tenant, which endpoint version.
public struct IssuerInfo: Sendable, Equatable {
    public let issuer: String
    /// Lowercased; IPv6 literals keep their brackets. Made when asked (only messages show it).
    public var host: String {
        issuer.withUTF8Bytes { URLParts.lowered($0, hostRange) }
    }
    /// Stable cloud label: `public`, `usgov`, `china`, `germany`, `bleu`, `delos`, `govsg`, `ppe`,
    /// `b2c`, `external-id`, `local` (loopback, e.g. the sandbox) or `unknown`.
    public let cloud: String
    /// The tenant segment of the issuer path (a GUID for Entra-issued tokens).
    public var tenant: String? {
        guard let range = tenantRange else { return nil }
        return issuer.withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// `tenant?.lowercased() == lowercase` (for an ASCII `lowercase`), on the issuer's bytes: the
    /// inspector asks this of every token, and the tenant need not become a String for it.
    func tenantLowercased(equals lowercase: String) -> Bool {
        guard let range = tenantRange else { return false }
        let answer: Bool? = issuer.withUTF8Bytes { b in
            let tenant = UnsafeBufferPointer(rebasing: b[range])
            return tenant.contains { $0 >= 0x80 } ? nil : ASCIIText.lowercased(tenant, equals: lowercase)
        }
        return answer ?? ASCIIText.lowercased(tenant, equals: lowercase)
    }
    /// The issuer has the v2 endpoint's `/v2.0` suffix.
    public let isV2Endpoint: Bool
    /// The v1 issuer form `https://sts.<cloud>/{tid}/`.
    public let isV1Form: Bool
    /// The host and the tenant (the path's first segment), as where they are in `issuer`'s UTF-8:
    /// no String is made for them unless asked (the issuer is one reference to copy, and `cloud`
    /// is always a literal, which needs no reference counting).
    private let hostRange: Range<Int>
    private let tenantRange: Range<Int>?

    public static func == (lhs: IssuerInfo, rhs: IssuerInfo) -> Bool {
        lhs.issuer == rhs.issuer && lhs.host == rhs.host && lhs.cloud == rhs.cloud && lhs.tenant == rhs.tenant
            && lhs.isV2Endpoint == rhs.isV2Endpoint && lhs.isV1Form == rhs.isV1Form
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

    /// Entra's token-issuing hosts and their clouds, the two that issue most tokens first (the
    /// inspector tries them in this order).
    static let knownHosts: [(host: StaticString, cloud: String)] = [
        ("login.microsoftonline.com", "public"), ("sts.windows.net", "public"), ("login.windows.net", "public"),
        ("login.microsoft.com", "public"),
        ("login.microsoftonline.us", "usgov"), ("login-us.microsoftonline.com", "usgov"), ("login.usgovcloudapi.net", "usgov"),
        ("sts.usgovcloudapi.net", "usgov"),
        ("login.partner.microsoftonline.cn", "china"), ("login.chinacloudapi.cn", "china"), ("sts.chinacloudapi.cn", "china"),
        ("login.microsoftonline.de", "germany"),
        ("login.sovcloud-identity.fr", "bleu"), ("login.sovcloud-identity.de", "delos"), ("login.sovcloud-identity.sg", "govsg"),
        ("login.windows-ppe.net", "ppe"), ("sts.windows-ppe.net", "ppe"), ("login.microsoft-ppe.com", "ppe"),
    ]

    static let hostClouds: [String: String] = Dictionary(uniqueKeysWithValues: knownHosts.map { ("\($0.host)", $0.cloud) })

    /// Read on the issuer's bytes in place: this runs for every token, and each String made here
    /// (host, path) would be an allocation the inspection never needs.
    public init?(issuer: String) {
        guard let (hostRange, cloud, tenantRange, isV2, isV1) = issuer.withUTF8Bytes({ b -> (Range<Int>, String, Range<Int>?, Bool, Bool)? in
            guard let url = URLParts.locate(b) else { return nil }
            let host = UnsafeBufferPointer(rebasing: b[url.host])
            let asciiHost = !host.contains { $0 >= 0x80 }
            let cloud = asciiHost ? Self.cloud(ofASCIIHost: host) : Self.cloud(ofHost: URLParts.lowered(b, url.host))
            // The path's non-empty `/`-separated segments: the first (tenant), the last and how many.
            var first: Range<Int>?, last: Range<Int>?, count = 0, i = url.path.lowerBound
            while i < url.path.upperBound {
                if b[i] == UInt8(ascii: "/") { i += 1; continue }
                let start = i
                while i < url.path.upperBound, b[i] != UInt8(ascii: "/") { i += 1 }
                if first == nil { first = start..<i }
                last = start..<i
                count += 1
            }
            let isV2 = last.map { $0.count == 4 && b[$0.lowerBound] == UInt8(ascii: "v") && b[$0.lowerBound + 1] == UInt8(ascii: "2")
                && b[$0.lowerBound + 2] == UInt8(ascii: ".") && b[$0.lowerBound + 3] == UInt8(ascii: "0") } ?? false
            let isV1 = count == 1 && (asciiHost ? ASCIIText.lowercased(host, hasPrefix: "sts.") : URLParts.lowered(b, url.host).hasPrefix("sts."))
            return (url.host, cloud, first, isV2, isV1)
        }) else { return nil }
        self.issuer = issuer
        self.hostRange = hostRange
        self.cloud = cloud
        self.tenantRange = tenantRange
        isV2Endpoint = isV2
        isV1Form = isV1
    }

    /// The cloud label of a lowercased host: `hostClouds`, the B2C and External ID suffixes, loopback.
    static func cloud(ofHost host: String) -> String {
        if let known = hostClouds[host] { return known }
        if b2cSuffixes.contains(where: host.hasSuffix) { return "b2c" }
        if host.hasSuffix(ciamSuffix) { return "external-id" }
        if loopbackHosts.contains(host) { return "local" }
        return "unknown"
    }

    /// `cloud(ofHost:)` of an ASCII host's lowercased bytes, compared in place: a few length-first
    /// byte comparisons cost less than making the host a String and hashing it.
    static func cloud(ofASCIIHost host: UnsafeBufferPointer<UInt8>) -> String {
        for (name, cloud) in knownHosts where ASCIIText.lowercased(host, equals: name) { return cloud }
        if b2cSuffixes.contains(where: { ASCIIText.lowercased(host, hasSuffix: $0) }) { return "b2c" }
        if ASCIIText.lowercased(host, hasSuffix: ciamSuffix) { return "external-id" }
        if loopbackHosts.contains(where: { ASCIIText.lowercased(host, equals: $0) }) { return "local" }
        return "unknown"
    }

    private static let b2cSuffixes = [".b2clogin.com", ".b2clogin.cn", ".b2clogin.us"]
    private static let ciamSuffix = ".ciamlogin.com"
    private static let loopbackHosts = ["127.0.0.1", "localhost", "::1", "[::1]"]
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
        guard let url = locate(b) else { return nil }
        return URLParts(scheme: lowered(b, url.scheme), host: lowered(b, url.host), port: url.port,
                        path: String(decoding: UnsafeBufferPointer(rebasing: b[url.path]), as: UTF8.self), hasUserInfo: url.hasUserInfo)
    }

    /// Where an absolute http(s) URL's parts are in its bytes (nothing copied).
    struct Located {
        let scheme: Range<Int>, host: Range<Int>, port: Int?, path: Range<Int>, hasUserInfo: Bool
    }

    static func locate(_ b: UnsafeBufferPointer<UInt8>) -> Located? {
        guard let colon = firstIndex(of: "://", in: b) else { return nil }
        let scheme = UnsafeBufferPointer(rebasing: b[0..<colon])
        guard ASCIIText.lowercased(scheme, equals: "https") || ASCIIText.lowercased(scheme, equals: "http") else { return nil }
        let authorityStart = colon + 3
        var authorityEnd = authorityStart
        while authorityEnd < b.count, b[authorityEnd] != UInt8(ascii: "/"), b[authorityEnd] != UInt8(ascii: "?"), b[authorityEnd] != UInt8(ascii: "#") {
            authorityEnd += 1
        }
        // The last `@` ends any user info; the last `:` after it may start a port.
        var lastAt: Int?, lastColon: Int?
        for i in authorityStart..<authorityEnd {
            if b[i] == UInt8(ascii: "@") { lastAt = i; lastColon = nil } else if b[i] == UInt8(ascii: ":") { lastColon = i }
        }
        let hasUserInfo = lastAt != nil
        let hostStart = lastAt.map { $0 + 1 } ?? authorityStart
        var hostEnd = authorityEnd
        var port: Int?
        if hostStart < authorityEnd, b[hostStart] == UInt8(ascii: "[") {
            guard let close = b[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostEnd = close + 1
            if hostEnd < authorityEnd {
                guard b[hostEnd] == UInt8(ascii: ":"), let p = Int(String(decoding: UnsafeBufferPointer(rebasing: b[(hostEnd + 1)..<authorityEnd]), as: UTF8.self)) else { return nil }
                port = p
            }
        } else if let c = lastColon {
            guard let p = Int(String(decoding: UnsafeBufferPointer(rebasing: b[(c + 1)..<authorityEnd]), as: UTF8.self)) else { return nil }
            port = p
            hostEnd = c
        }
        guard hostEnd > hostStart else { return nil }
        var pathEnd = authorityEnd
        while pathEnd < b.count, b[pathEnd] != UInt8(ascii: "?"), b[pathEnd] != UInt8(ascii: "#") { pathEnd += 1 }
        return Located(scheme: 0..<colon, host: hostStart..<hostEnd, port: port, path: authorityEnd..<pathEnd, hasUserInfo: hasUserInfo)
    }

    private static func lower(_ c: UInt8) -> UInt8 {
        c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c
    }

    /// The bytes in `range` with ASCII letters lowercased, as a String (copied once when already lowercase).
    static func lowered(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
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
