/// The `scope` parameter split the way Entra reads it: one resource, its scope names, and the
/// OpenID Connect scopes (`openid`, `profile`, `email`, `offline_access`).
public struct ScopeRequest: Sendable, Equatable {
    public static let oidcScopes: Set<String> = ["openid", "profile", "email", "offline_access"]
    /// Microsoft Graph is the resource of bare scope names (`User.Read`).
    public static let graphResource = "https://graph.microsoft.com"

    /// The resource identifier (App ID URI or client ID), nil when only OIDC scopes were asked.
    public var resource: String?
    /// Scope names on the resource (`Data.Read`), or `[".default"]`.
    public var names: [String]
    public var oidc: Set<String>

    public var isDefault: Bool { names == [".default"] }
    public var offlineAccess: Bool { oidc.contains("offline_access") }
    public var openid: Bool { oidc.contains("openid") }

    public static func parse(_ text: String) throws(EntraError) -> ScopeRequest {
        var request = ScopeRequest(resource: nil, names: [], oidc: [])
        // The form decoder has already turned `+` into spaces; a literal `+` (from `%2B`) is data.
        for raw in text.split(whereSeparator: { $0 == " " }).map(String.init) {
            if oidcScopes.contains(raw.lowercased()) {
                request.oidc.insert(raw.lowercased())
                continue
            }
            let (resource, name) = split(raw)
            if let existing = request.resource, existing.lowercased() != resource.lowercased() {
                throw SandboxErrors.invalidScope("the scopes name more than one resource ('\(existing)' and '\(resource)'); request tokens for one resource at a time.")
            }
            request.resource = resource
            request.names.append(name)
        }
        if request.names.contains(".default"), request.names.count > 1 {
            throw SandboxErrors.invalidScope("'.default' cannot be combined with other scopes of the same resource.")
        }
        return request
    }

    /// `api://x/Data.Read` → (`api://x`, `Data.Read`); `https://host//.default` keeps the resource's
    /// trailing slash; a bare name belongs to Microsoft Graph.
    static func split(_ scope: String) -> (String, String) {
        guard let slash = scope.lastIndex(of: "/") else { return (graphResource, scope) }
        var resource = String(scope[..<slash])
        let name = String(scope[scope.index(after: slash)...])
        if resource.hasSuffix("/"), !resource.hasSuffix("://") { resource.removeLast() }
        return (resource, name)
    }

    /// The scope string Entra returns: full names for the resource (`api://x/Data.Read`,
    /// `https://graph.microsoft.com/User.Read`).
    public func responseScope(granted: [String]) -> String {
        let prefix = resource.map { $0 + "/" } ?? ""
        return (granted.map { prefix + $0 } + oidc.sorted()).joined(separator: " ")
    }
}
