import TokenScopeCore

/// The app platform a redirect URI is registered under. It decides the SPA rules: codes and
/// refresh tokens issued through a `spa` URI must be redeemed cross-origin, with PKCE.
enum RedirectPlatform: Sendable, Equatable {
    case web, spa, publicClient
}

/// Matches a requested redirect URI against an app's registrations the way Entra does: exactly
/// (case-sensitive), except that a loopback URI registered for a web or public client matches
/// any port on `localhost` or `127.0.0.1`, because native apps listen on whatever port is free.
enum RedirectURIMatcher {
    static func platform(of uri: String, for app: AppRegistration) -> RedirectPlatform? {
        let uris = app.redirectUris
        // Exact matches first, SPA before the others: a URI the demo registers under two
        // platforms is redeemed by browsers, and the loopback rule must not hide that.
        if uris.spa.contains(uri) { return .spa }
        if uris.web.contains(uri) { return .web }
        if uris.publicClient.contains(uri) { return .publicClient }
        if uris.web.contains(where: { loopbackMatch(registered: $0, requested: uri) }) { return .web }
        if uris.publicClient.contains(where: { loopbackMatch(registered: $0, requested: uri) }) { return .publicClient }
        return nil
    }

    static func loopbackMatch(registered: String, requested: String) -> Bool {
        let loopbackHosts = ["localhost", "127.0.0.1"]
        guard let r = URLParts(registered), let q = URLParts(requested), r.scheme == "http", q.scheme == "http",
              loopbackHosts.contains(r.host), loopbackHosts.contains(q.host), !q.hasUserInfo else { return false }
        return normalizedPath(r.path) == normalizedPath(q.path) && suffix(registered) == suffix(requested)
    }

    private static func normalizedPath(_ path: String) -> String { path.isEmpty ? "/" : path }

    /// The query string, which must match as exactly as the path.
    private static func suffix(_ uri: String) -> Substring {
        uri.firstIndex(of: "?").map { uri[$0...] } ?? ""
    }
}
