/// Where `--verify` gets the signing keys.
public enum KeySource: Sendable {
    /// A JWKS document the user supplied (offline); `origin` names it in messages.
    case jwks([UInt8], origin: String)
    /// OpenID Connect discovery from `authority` (or from the token's issuer when nil).
    case discovery(authority: String?, transport: any HTTPTransport)
}

/// Where discovery looks for a token's metadata.
public enum DiscoveryLocation {
    /// Login hosts that serve the metadata of the v1 `sts.*` issuers.
    static let v1IssuerLoginHosts: [String: String] = [
        "sts.windows.net": "login.microsoftonline.com",
        "sts.chinacloudapi.cn": "login.chinacloudapi.cn",
        "sts.usgovcloudapi.net": "login.microsoftonline.us",
        "sts.windows-ppe.net": "login.windows-ppe.net",
    ]

    /// The openid-configuration URL for a token: from `authority` when given (`…/v2.0/…` for v2
    /// tokens, as Entra publishes them), else from its issuer.
    public static func metadataURL(issuer: String?, version: String?, authority: String?) -> Result<String, VerificationRefusal> {
        if var authority {
            while authority.hasSuffix("/") { authority.removeLast() }
            guard let parts = URLParts(authority) else { return .failure(.init("the authority `\(authority)` is not an absolute http(s) URL")) }
            if let refusal = refusal(parts, what: "authority") { return .failure(refusal) }
            if authority.hasSuffix("/.well-known/openid-configuration") { return .success(authority) }
            let v2 = version != "1.0" && !authority.hasSuffix("/v2.0")
            return .success(authority + (v2 ? "/v2.0" : "") + "/.well-known/openid-configuration")
        }
        guard let issuer, let parts = URLParts(issuer) else {
            return .failure(.init("the token has no usable `iss` to discover keys from; pass --authority URL or --jwks FILE"))
        }
        if let refusal = refusal(parts, what: "issuer") { return .failure(refusal) }
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        if let login = v1IssuerLoginHosts[parts.host] {
            base = "https://\(login)\(parts.path)"
            while base.hasSuffix("/") { base.removeLast() }
        }
        return .success(base + "/.well-known/openid-configuration")
    }

    /// Discovery only over HTTPS, except to loopback (the sandbox, tests); never to URLs carrying credentials.
    static func refusal(_ parts: URLParts, what: String) -> VerificationRefusal? {
        if parts.hasUserInfo { return .init("the \(what) URL carries credentials (user:password@); refusing to use it") }
        if parts.scheme != "https", !parts.isLoopback { return .init("the \(what) uses plain http to \(parts.host); discovery needs https (plain http only to loopback)") }
        return nil
    }
}

public struct VerificationRefusal: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
