public import TokenScopeCore

/// `POST /{tenant}/oauth2/v2.0/token`: picks the grant handler by `grant_type`. Pure apart from the
/// authority's stores, so route tests and in-process callers share one code path.
public enum TokenEndpoint {
    public static let jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    public static let deviceCode = "urn:ietf:params:oauth:grant-type:device_code"

    /// The JSON body and status to send back.
    public static func handle(_ request: TokenRequest, authority: SandboxAuthority) -> (status: Int, body: JSONValue) {
        do {
            let response = try dispatch(request, authority: authority)
            return (200, response.json)
        } catch {
            return (error.status, error.body(traceID: Random.guid(), correlationID: request.correlationID ?? Random.guid(),
                                             now: request.now, errorHost: authority.baseURL))
        }
    }

    static func dispatch(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        let grant = try request.require("grant_type")
        switch grant {
        case "client_credentials": return try ClientCredentialsGrant.handle(request, authority: authority)
        case jwtBearer: return try OnBehalfOfGrant.handle(request, authority: authority)
        case "authorization_code": return try AuthorizationCodeGrant.handle(request, authority: authority)
        case "refresh_token": return try RefreshTokenGrant.handle(request, authority: authority)
        // MSAL.NET sends the short form; the v2 docs name the URN. Entra takes both.
        case deviceCode, "device_code": return try DeviceCodeGrant.handle(request, authority: authority)
        default: throw SandboxErrors.unsupportedGrantType(grant)
        }
    }
}

/// What `{tenant}` in the path resolves to.
enum TenantSegment {
    case tenant(Tenant)
    /// `common`, `organizations`, `consumers`: the tenant comes from the user.
    case tenantless(String)

    static func resolve(_ segment: String, in directory: SandboxDirectory) throws(EntraError) -> TenantSegment {
        let lower = segment.lowercased()
        if ["common", "organizations", "consumers"].contains(lower) { return .tenantless(lower) }
        guard let tenant = directory.tenant(matching: lower) else { throw SandboxErrors.tenantNotFound(segment) }
        return .tenant(tenant)
    }
}
