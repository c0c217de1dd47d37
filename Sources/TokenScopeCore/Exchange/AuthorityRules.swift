/// Builds and checks the authority of an exchange from the user's choices, before anything is
/// sent: credentials go only to HTTPS (loopback excepted), never to a URL carrying credentials,
/// and never to an unknown host unless the user says `--allow-custom-authority` — a look-alike
/// host must not receive a secret.
public struct AuthoritySelection: Sendable {
    public var cloud: Cloud?
    public var tenant: String?
    /// `--authority URL`: Entra-shaped (`https://host[:port]/{tenant}`).
    public var authorityURL: String?
    /// `--oidc-authority URL`: a generic OIDC issuer, endpoints from discovery.
    public var oidcAuthorityURL: String?
    /// `AZURE_AUTHORITY_HOST`: a host or https base, used when no cloud or URL is given.
    public var authorityHostEnvironment: String?
    public var allowCustomAuthority: Bool

    public init(cloud: Cloud? = nil, tenant: String? = nil, authorityURL: String? = nil, oidcAuthorityURL: String? = nil,
                authorityHostEnvironment: String? = nil, allowCustomAuthority: Bool = false) {
        self.cloud = cloud
        self.tenant = tenant
        self.authorityURL = authorityURL
        self.oidcAuthorityURL = oidcAuthorityURL
        self.authorityHostEnvironment = authorityHostEnvironment
        self.allowCustomAuthority = allowCustomAuthority
    }
}

public enum AuthorityRules {
    /// Resolves the authority. `defaultTenant` applies when neither the URL nor `--tenant` names
    /// one (OBO passes the assertion's `tid`; others `common`, as MSAL's default authority).
    public static func resolve(_ s: AuthoritySelection, defaultTenant: String?) throws(ExchangeInputError) -> Authority {
        if s.authorityURL != nil, s.oidcAuthorityURL != nil {
            throw ExchangeInputError("authority-conflict", field: "--authority", "both --authority and --oidc-authority were given.",
                                     fix: "Use --authority for Entra-shaped authorities (the sandbox) or --oidc-authority for a generic OIDC issuer, not both.")
        }
        if let url = s.oidcAuthorityURL {
            let parts = try checkedURL(url, field: "--oidc-authority", allowCustom: s.allowCustomAuthority)
            let path = parts.path.drop { $0 == "/" }
            return Authority(kind: .oidc, scheme: parts.scheme, host: parts.host, port: parts.port,
                             tenant: String(path.hasSuffix("/") ? path.dropLast() : path))
        }
        if let url = s.authorityURL {
            let parts = try checkedURL(url, field: "--authority", allowCustom: s.allowCustomAuthority)
            let segments = parts.path.split(separator: "/").map(String.init)
            guard segments.count <= 1 else {
                throw ExchangeInputError("authority-path", field: "--authority", "`\(url)` has more than a tenant in its path.",
                                         fix: "Give the authority as https://host/{tenant} (e.g. https://login.microsoftonline.com/contoso.onmicrosoft.com); TokenScope adds /oauth2/v2.0/token itself.")
            }
            if let inURL = segments.first, let flag = s.tenant, inURL.lowercased() != flag.lowercased() {
                throw ExchangeInputError("tenant-conflict", field: "--tenant", "--tenant `\(flag)` differs from the tenant `\(inURL)` in --authority.",
                                         fix: "Drop --tenant or make the two agree.")
            }
            let tenant = try checkedTenant(segments.first ?? s.tenant ?? defaultTenant ?? "common")
            let kind: Authority.Kind = isStandardPort(parts).flatMap { $0 ? Cloud.cloud(forHost: parts.host) : nil }.map { .entra($0) } ?? .custom
            return Authority(kind: kind, scheme: parts.scheme, host: parts.host, port: parts.port, tenant: tenant)
        }
        let tenant = try checkedTenant(s.tenant ?? defaultTenant ?? "common")
        if let cloud = s.cloud {
            return Authority(kind: .entra(cloud), scheme: "https", host: cloud.loginHost, port: nil, tenant: tenant)
        }
        if let env = s.authorityHostEnvironment?.trimmedWhitespace, !env.isEmpty {
            let base = env.contains("://") ? env : "https://\(env)"
            let parts = try checkedURL(base, field: "AZURE_AUTHORITY_HOST", allowCustom: s.allowCustomAuthority)
            let kind: Authority.Kind = Cloud.cloud(forHost: parts.host).map { .entra($0) } ?? .custom
            return Authority(kind: kind, scheme: parts.scheme, host: parts.host, port: parts.port, tenant: tenant)
        }
        return Authority(kind: .entra(.public), scheme: "https", host: Cloud.public.loginHost, port: nil, tenant: tenant)
    }

    /// A URL credentials may be sent to: absolute, no user info, https unless loopback, an ASCII
    /// host, and a known Entra host unless custom authorities are allowed (loopback always is).
    static func checkedURL(_ text: String, field: String, allowCustom: Bool) throws(ExchangeInputError) -> URLParts {
        let trimmed = text.trimmedWhitespace
        if let colon = trimmed.range(of: "://"), !["http", "https"].contains(trimmed[..<colon.lowerBound].lowercased()) {
            throw ExchangeInputError("authority-not-https", field: field, "`\(TerminalSafe.escape(String(trimmed[..<colon.lowerBound])))://` is not a scheme credentials can be sent over.",
                                     fix: "Use https:// (plain http is allowed only for loopback addresses such as the sandbox).")
        }
        guard let parts = URLParts(trimmed), !parts.host.isEmpty else {
            throw ExchangeInputError("authority-invalid", field: field, "`\(TerminalSafe.escape(trimmed))` is not an absolute URL.",
                                     fix: "Give a URL such as https://login.microsoftonline.com/{tenant}.")
        }
        guard !parts.hasUserInfo else {
            throw ExchangeInputError("authority-credentials", field: field, "the URL carries a user name or password before the host.",
                                     fix: "Remove the `user:password@` part; client credentials go in the credential flags, never in the URL.")
        }
        guard parts.scheme == "https" || (parts.scheme == "http" && isLoopback(parts.host)) else {
            throw ExchangeInputError("authority-not-https", field: field, "`\(parts.scheme)://` would send credentials in clear text to \(parts.host).",
                                     fix: "Use https:// (plain http is allowed only for loopback addresses such as the sandbox).")
        }
        guard parts.host.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw ExchangeInputError("authority-idn", field: field, "the host `\(TerminalSafe.escape(parts.host))` has non-ASCII characters, which can imitate a Microsoft host.",
                                     fix: "Type the host in ASCII; an internationalised host must be given in its xn-- form with --allow-custom-authority.")
        }
        let known = Cloud.cloud(forHost: parts.host) != nil && isStandardPort(parts) == true
        if !known, !isLoopback(parts.host), !allowCustom {
            let hint = parts.host.contains("xn--") ? " It is an internationalised (xn--) name, a common way to imitate a real host." : ""
            throw ExchangeInputError("authority-unknown-host", field: field, "`\(parts.host)\(parts.port.map { ":\($0)" } ?? "")` is not a Microsoft Entra login host.\(hint)",
                                     fix: "Check the spelling; if you really mean this authority, add --allow-custom-authority.")
        }
        return parts
    }

    /// nil when the scheme is not https; true for https on 443 or no port.
    static func isStandardPort(_ parts: URLParts) -> Bool? {
        guard parts.scheme == "https" else { return nil }
        return parts.port == nil || parts.port == 443
    }

    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "[::1]" || h == "::1" || h.hasPrefix("127.")
    }

    /// GUID, verified domain, or `common`/`organizations`/`consumers`.
    public static func checkedTenant(_ text: String) throws(ExchangeInputError) -> String {
        let tenant = text.trimmedWhitespace
        let allowed = tenant.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
        }
        guard !tenant.isEmpty, allowed, tenant.utf8.count <= 256 else {
            throw ExchangeInputError("tenant-invalid", field: "--tenant", "`\(TerminalSafe.escape(tenant))` is not a tenant ID or domain.",
                                     fix: "Use the tenant's GUID (the token's `tid`), a verified domain such as contoso.onmicrosoft.com, or common / organizations / consumers.")
        }
        return tenant
    }
}
