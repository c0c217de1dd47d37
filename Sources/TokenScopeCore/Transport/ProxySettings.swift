/// `HTTPS_PROXY` / `NO_PROXY` as curl and the Azure SDKs read them: which proxy (if any) a request
/// to a host goes through. Loopback never goes through a proxy (a proxy would see the sandbox's
/// traffic and usually cannot reach it).
public struct ProxySettings: Sendable, Equatable {
    public struct Proxy: Sendable, Equatable {
        public let host: String
        public let port: Int
        /// `user:password` from the proxy URL, for Basic proxy authentication.
        public let credentials: String?

        public init(host: String, port: Int, credentials: String?) {
            self.host = host
            self.port = port
            self.credentials = credentials
        }
    }

    public let proxy: Proxy?
    /// Lowercased `NO_PROXY` entries: hosts, `.suffix`es, or `*`.
    public let exclusions: [String]

    public init(proxy: Proxy?, exclusions: [String]) {
        self.proxy = proxy
        self.exclusions = exclusions
    }

    /// Reads `HTTPS_PROXY`/`https_proxy` (then `ALL_PROXY`) and `NO_PROXY`/`no_proxy`. A malformed
    /// proxy URL is an input error rather than a silent direct connection.
    public static func from(environment: [String: String]) throws(ExchangeInputError) -> ProxySettings {
        let raw = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"].lazy.compactMap { environment[$0] }.first { !$0.trimmedWhitespace.isEmpty }
        let noProxy = (environment["NO_PROXY"] ?? environment["no_proxy"] ?? "")
            .split(separator: ",").map { $0.trimmedWhitespace.lowercased() }.filter { !$0.isEmpty }
        guard let raw else { return ProxySettings(proxy: nil, exclusions: noProxy) }
        let text = raw.trimmedWhitespace.contains("://") ? raw.trimmedWhitespace : "http://" + raw.trimmedWhitespace
        guard let parts = URLParts(text), !parts.host.isEmpty, parts.scheme == "http" else {
            throw ExchangeInputError("proxy-invalid", field: "HTTPS_PROXY", "`\(TerminalSafe.escape(raw))` is not an http://host:port proxy URL.",
                                     fix: "Set HTTPS_PROXY=http://proxy.example:8080 (an https:// proxy URL is not supported), or unset it.")
        }
        var credentials: String?
        if parts.hasUserInfo, let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://") {
            credentials = FormEncoding.unescape(text[schemeEnd.upperBound..<at])
        }
        return ProxySettings(proxy: Proxy(host: parts.host, port: parts.port ?? 80, credentials: credentials), exclusions: noProxy)
    }

    /// The proxy to use for `host`, or nil for a direct connection.
    public func proxy(for host: String) -> Proxy? {
        guard let proxy else { return nil }
        let h = host.lowercased()
        if AuthorityRules.isLoopback(h) { return nil }
        for entry in exclusions {
            if entry == "*" { return nil }
            let bare = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            let hostOnly = bare.split(separator: ":").first.map(String.init) ?? bare
            if h == hostOnly || h.hasSuffix("." + hostOnly) { return nil }
        }
        return proxy
    }
}
