/// A `scope` parameter that may name several resources, as /authorize and refresh requests may
/// (`User.Read api://x/Data.Read openid`): one `ScopeRequest` per resource, in the order first
/// named, each carrying the OIDC scopes. Only OIDC scopes gives one group with no resource.
enum ScopeGroups {
    static func parse(_ text: String) throws(EntraError) -> [ScopeRequest] {
        var oidc: [String] = []
        var order: [String] = []
        var buckets: [String: [String]] = [:]
        for raw in text.split(whereSeparator: { $0 == " " || $0 == "+" }).map(String.init) {
            if ScopeRequest.oidcScopes.contains(raw.lowercased()) {
                oidc.append(raw)
                continue
            }
            let key = ScopeRequest.split(raw).0.lowercased()
            if buckets[key] == nil { order.append(key) }
            buckets[key, default: []].append(raw)
        }
        if order.isEmpty { return [try ScopeRequest.parse(oidc.joined(separator: " "))] }
        var groups: [ScopeRequest] = []
        for key in order {
            groups.append(try ScopeRequest.parse((buckets[key, default: []] + oidc).joined(separator: " ")))
        }
        return groups
    }
}
