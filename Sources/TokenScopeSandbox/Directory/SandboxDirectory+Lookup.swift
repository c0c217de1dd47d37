/// Lookups with Entra's matching rules (GUIDs and domains case-insensitively, App ID URIs with or
/// without a trailing slash).
extension SandboxDirectory {
    public func tenant(named name: String) -> Tenant? { tenants.first { $0.name == name } }

    /// A tenant by GUID or verified domain (the `{tenant}` path segment).
    public func tenant(matching segment: String) -> Tenant? {
        let s = segment.lowercased()
        return tenants.first { $0.id == s || $0.domains.contains(s) }
    }

    public func app(named name: String) -> AppRegistration? { apps.first { $0.name == name } }

    public func app(clientId: String) -> AppRegistration? {
        let id = clientId.lowercased()
        return apps.first { $0.clientId == id }
    }

    /// The app whose client ID or App ID URI is `resource` (`api://x`, `https://graph.microsoft.com`).
    public func app(resource: String) -> AppRegistration? {
        let r = Self.trimmed(resource)
        return apps.first { $0.clientId == r || $0.appIdUris.contains { Self.trimmed($0) == r } }
    }

    public func user(named name: String) -> DirectoryUser? { users.first { $0.name == name } }

    public func user(matching hint: String) -> DirectoryUser? {
        let h = hint.lowercased()
        return users.first { $0.upn == h || $0.name == h || $0.oid == h }
    }

    public func user(oid: String) -> DirectoryUser? { users.first { $0.oid == oid.lowercased() } }

    /// Has the app a service principal in the tenant (its home, or an explicit one)?
    public func hasServicePrincipal(app: AppRegistration, in tenant: Tenant) -> Bool {
        app.tenant == tenant.name || servicePrincipals.contains { $0.app == app.name && $0.tenant == tenant.name }
    }

    /// Is the user a member or guest of the tenant?
    public func user(_ user: DirectoryUser, belongsTo tenant: Tenant) -> Bool {
        user.homeTenant == tenant.name || user.guestOf.contains(tenant.name)
    }

    /// Delegated scopes consented for `client` on `resource` for `user` in `tenant` (admin or user
    /// consent, plus pre-authorization by the resource).
    public func consentedScopes(client: AppRegistration, resource: AppRegistration, user: DirectoryUser?, tenant: Tenant) -> Set<String> {
        var scopes: Set<String> = []
        for g in delegatedGrants where g.client == client.name && g.resource == resource.name && g.tenant == tenant.name {
            if g.user == nil || g.user == user?.name { scopes.formUnion(g.scopes) }
        }
        for pre in resource.preAuthorizedApplications where pre.app == client.name { scopes.formUnion(pre.scopes) }
        return scopes
    }

    /// App roles assigned to `client` on `resource` in `tenant`.
    public func assignedRoles(client: AppRegistration, resource: AppRegistration, tenant: Tenant) -> [String] {
        appRoleAssignments.filter { $0.client == client.name && $0.resource == resource.name && $0.tenant == tenant.name }.map(\.role)
    }

    static func trimmed(_ s: String) -> String {
        var t = s.lowercased()
        while t.hasSuffix("/") { t.removeLast() }
        return t
    }
}
