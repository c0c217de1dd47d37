import TokenScopeCore

/// A successful token response, with the fields msal expects, in Entra's order.
struct TokenResponse: Sendable {
    var scope: String
    var expiresIn: Int64
    var accessToken: String
    var refreshToken: String?
    var idToken: String?
    var clientInfo: String?

    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("token_type", .string("Bearer")),
            ("scope", .string(scope)),
            ("expires_in", .number(String(expiresIn))),
            ("ext_expires_in", .number(String(expiresIn))),
            ("access_token", .string(accessToken)),
        ]
        if let refreshToken { members.append(("refresh_token", .string(refreshToken))) }
        if let idToken { members.append(("id_token", .string(idToken))) }
        if let clientInfo { members.append(("client_info", .string(clientInfo))) }
        return .object(members)
    }
}
