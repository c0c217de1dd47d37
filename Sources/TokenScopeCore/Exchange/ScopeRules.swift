/// The `scope` parameter as MSAL.NET computes it, and the checks that save a round trip.
public enum ScopeRules {
    /// Added by MSAL to every user flow (OBO, auth code, refresh, device code).
    public static let reserved = ["openid", "profile", "offline_access"]

    /// Requested scopes, trimmed and split on spaces, duplicates (case-insensitive) removed, plus
    /// the reserved scopes for user flows unless the caller opted out.
    public static func scopes(for flow: ExchangeFlow, requested: [String], addReserved: Bool) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        let given = requested.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) }
        for scope in given + (flow.isDelegated && addReserved ? reserved : []) where seen.insert(scope.lowercased()).inserted {
            out.append(scope)
        }
        return out
    }

    /// Refuses requests Entra would refuse anyway, with the reason, before anything is sent.
    public static func check(_ flow: ExchangeFlow, requested: [String]) throws(ExchangeInputError) {
        let scopes = scopes(for: flow, requested: requested, addReserved: false)
        let resourceScopes = scopes.filter { !reserved.contains($0.lowercased()) }
        switch flow {
        case .clientCredentials:
            guard !scopes.isEmpty else {
                throw ExchangeInputError("scope-missing", field: "--scope", "client credentials needs a scope.",
                                         fix: "Pass the resource's App ID URI followed by /.default, e.g. --scope https://graph.microsoft.com/.default.")
            }
            if let bad = scopes.first(where: { !$0.hasSuffix("/.default") }) {
                throw ExchangeInputError("scope-not-default", field: "--scope", "`\(bad)` is a single permission; client credentials can only ask for {resource}/.default (the app roles granted to the app).",
                                         fix: "Use `\(resourceOf(bad))/.default`.")
            }
            if Set(scopes.map { resourceOf($0).lowercased() }).count > 1 {
                throw ExchangeInputError("scope-multiple-resources", field: "--scope", "client credentials gets a token for one resource, but \(scopes.count) resources were asked for.",
                                         fix: "Make one request per resource.")
            }
        case .onBehalfOf:
            guard !resourceScopes.isEmpty else {
                throw ExchangeInputError("scope-missing", field: "--scope", "On-Behalf-Of needs the downstream API's scope.",
                                         fix: "Pass e.g. --scope api://downstream-api/Data.Read (or https://graph.microsoft.com/.default).")
            }
            try checkDefaultNotMixed(resourceScopes)
        case .authorizationCode, .deviceCode, .refreshToken:
            try checkDefaultNotMixed(resourceScopes)
        }
    }

    /// `.default` cannot be combined with other permissions of the same request (AADSTS70011).
    static func checkDefaultNotMixed(_ scopes: [String]) throws(ExchangeInputError) {
        if scopes.count > 1, let d = scopes.first(where: { $0.hasSuffix("/.default") }) {
            throw ExchangeInputError("scope-default-mixed", field: "--scope", "`\(d)` cannot be combined with other permissions (Entra answers AADSTS70011).",
                                     fix: "Ask for `\(d)` alone, or list the individual permissions without /.default.")
        }
    }

    /// `api://x/Data.Read` → `api://x`; `User.Read` → `https://graph.microsoft.com` (Entra's rule
    /// for a scope without a resource).
    public static func resourceOf(_ scope: String) -> String {
        guard let slash = scope.lastIndex(of: "/"), scope.contains("/") else { return "https://graph.microsoft.com" }
        let resource = String(scope[..<slash])
        return resource.hasSuffix(":/") || resource.hasSuffix(":") ? scope : resource
    }
}
