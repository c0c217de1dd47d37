import TokenScopeCore

/// Discovery documents, shaped like Entra's.
enum Metadata {
    /// `{tenant}/v2.0/.well-known/openid-configuration` (and the v1 form).
    static func openIDConfiguration(tenantSegment: String, v2: Bool, authority: SandboxAuthority) -> (Int, JSONValue) {
        let lower = tenantSegment.lowercased()
        let tenantless = ["common", "organizations", "consumers"].contains(lower)
        guard tenantless || authority.directory.tenant(matching: lower) != nil else {
            let error = SandboxErrors.tenantNotFound(tenantSegment)
            return (error.status, error.body(traceID: Random.guid(), correlationID: Random.guid(), now: authority.clock(), errorHost: authority.baseURL))
        }
        let base = authority.baseURL
        let path = "\(base)/\(tenantSegment)"
        let v = v2 ? "/v2.0" : ""
        return (200, .object([
            ("token_endpoint", .string("\(path)/oauth2\(v)/token")),
            ("token_endpoint_auth_methods_supported", .array(["client_secret_post", "private_key_jwt", "client_secret_basic"].map(JSONValue.string))),
            ("jwks_uri", .string("\(path)/discovery\(v)/keys")),
            ("response_modes_supported", .array(["query", "fragment", "form_post"].map(JSONValue.string))),
            ("subject_types_supported", .array([.string("pairwise")])),
            ("id_token_signing_alg_values_supported", .array([.string("RS256")])),
            // Only the code flow is implemented; advertise nothing the sandbox would refuse.
            ("response_types_supported", .array([.string("code")])),
            ("scopes_supported", .array(["openid", "profile", "email", "offline_access"].map(JSONValue.string))),
            ("issuer", .string(issuerTemplate(tenant: tenantSegment, v2: v2, authority: authority))),
            ("request_uri_parameter_supported", .bool(false)),
            ("authorization_endpoint", .string("\(path)/oauth2\(v)/authorize")),
            ("device_authorization_endpoint", .string("\(path)/oauth2\(v)/devicecode")),
            ("http_logout_supported", .bool(true)),
            ("frontchannel_logout_supported", .bool(true)),
            ("end_session_endpoint", .string("\(path)/oauth2\(v)/logout")),
            ("claims_supported", .array(["sub", "iss", "aud", "exp", "iat", "nonce", "name", "oid", "preferred_username", "tid", "ver"].map(JSONValue.string))),
            ("tenant_region_scope", .string("local")),
            ("cloud_instance_name", .string("sandbox.local")),
        ]))
    }

    /// Tenant metadata names the tenant's GUID; tenantless metadata the `{tenantid}` template, as Entra's.
    static func issuerTemplate(tenant: String, v2: Bool, authority: SandboxAuthority) -> String {
        let id = authority.directory.tenant(matching: tenant)?.id ?? "{tenantid}"
        return v2 ? "\(authority.baseURL)/\(id)/v2.0" : "\(authority.baseURL)/\(id)/"
    }

    /// `common/discovery/instance`: the sandbox is its own single alias.
    static func instanceDiscovery(query: String, authority: SandboxAuthority) -> (Int, JSONValue) {
        let host = URLParts(authority.baseURL)?.host ?? "127.0.0.1"
        let hostWithPort = authority.baseURL.split(separator: "/").dropFirst(1).first.map(String.init) ?? host
        return (200, .object([
            ("tenant_discovery_endpoint", .string("\(authority.baseURL)/common/v2.0/.well-known/openid-configuration")),
            ("api-version", .string("1.1")),
            ("metadata", .array([.object([
                ("preferred_network", .string(hostWithPort)), ("preferred_cache", .string(hostWithPort)),
                ("aliases", .array([.string(hostWithPort)])),
            ])])),
        ]))
    }

    static func federationConfiguration(_ authority: SandboxAuthority) -> JSONValue {
        .object([
            ("issuer", .string(FederationIssuer.issuer(authority))),
            ("jwks_uri", .string("\(FederationIssuer.issuer(authority))/keys")),
            ("response_types_supported", .array([.string("id_token")])),
            ("subject_types_supported", .array([.string("public")])),
            ("id_token_signing_alg_values_supported", .array([.string("RS256")])),
        ])
    }
}
