/// Cross-reference checks after parsing: names unique, every reference resolves, every granted
/// scope or role exists. Errors name the offending entry.
enum DirectoryValidator {
    static func validate(_ d: SandboxDirectory, top: YAMLReader) throws(DirectoryError) {
        func fail(_ key: String, _ message: String) -> DirectoryError {
            DirectoryError(file: top.file, line: nil, key: key, message: message)
        }
        try unique(d.tenants.map(\.name), "tenants", "name", fail)
        try unique(d.tenants.map(\.id), "tenants", "id", fail)
        try unique(d.apps.map(\.name), "apps", "name", fail)
        try unique(d.apps.map(\.clientId), "apps", "clientId", fail)
        try unique(d.users.map(\.name), "users", "name", fail)
        try unique(d.users.map(\.oid), "users", "oid", fail)
        let tenants = Set(d.tenants.map(\.name)), apps = Dictionary(d.apps.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let users = Set(d.users.map(\.name))

        for (i, app) in d.apps.enumerated() {
            guard tenants.contains(app.tenant) else { throw fail("apps[\(i)].tenant", "no tenant named `\(app.tenant)`") }
            for (j, known) in app.knownClientApplications.enumerated() where apps[known] == nil {
                throw fail("apps[\(i)].knownClientApplications[\(j)]", "no app named `\(known)`")
            }
            for (j, pre) in app.preAuthorizedApplications.enumerated() {
                guard apps[pre.app] != nil else { throw fail("apps[\(i)].preAuthorizedApplications[\(j)].app", "no app named `\(pre.app)`") }
                for scope in pre.scopes where !app.scopes.contains(where: { $0.value == scope }) {
                    throw fail("apps[\(i)].preAuthorizedApplications[\(j)].scopes", "`\(app.name)` exposes no scope `\(scope)`")
                }
            }
        }
        for (i, sp) in d.servicePrincipals.enumerated() {
            guard apps[sp.app] != nil else { throw fail("servicePrincipals[\(i)].app", "no app named `\(sp.app)`") }
            guard tenants.contains(sp.tenant) else { throw fail("servicePrincipals[\(i)].tenant", "no tenant named `\(sp.tenant)`") }
        }
        for (i, user) in d.users.enumerated() {
            guard tenants.contains(user.homeTenant) else { throw fail("users[\(i)].homeTenant", "no tenant named `\(user.homeTenant)`") }
            for t in user.guestOf where !tenants.contains(t) { throw fail("users[\(i)].guestOf", "no tenant named `\(t)`") }
        }
        for (i, g) in d.delegatedGrants.enumerated() {
            guard apps[g.client] != nil else { throw fail("delegatedGrants[\(i)].client", "no app named `\(g.client)`") }
            guard let resource = apps[g.resource] else { throw fail("delegatedGrants[\(i)].resource", "no app named `\(g.resource)`") }
            guard tenants.contains(g.tenant) else { throw fail("delegatedGrants[\(i)].tenant", "no tenant named `\(g.tenant)`") }
            if let user = g.user, !users.contains(user) { throw fail("delegatedGrants[\(i)].user", "no user named `\(user)`") }
            for scope in g.scopes where !resource.scopes.contains(where: { $0.value == scope }) {
                throw fail("delegatedGrants[\(i)].scopes", "`\(resource.name)` exposes no scope `\(scope)`")
            }
        }
        for (i, r) in d.appRoleAssignments.enumerated() {
            guard apps[r.client] != nil else { throw fail("appRoleAssignments[\(i)].client", "no app named `\(r.client)`") }
            guard let resource = apps[r.resource] else { throw fail("appRoleAssignments[\(i)].resource", "no app named `\(r.resource)`") }
            guard resource.appRoles.contains(where: { $0.value == r.role }) else {
                throw fail("appRoleAssignments[\(i)].role", "`\(resource.name)` has no app role `\(r.role)`")
            }
            guard tenants.contains(r.tenant) else { throw fail("appRoleAssignments[\(i)].tenant", "no tenant named `\(r.tenant)`") }
        }
        for (i, rule) in d.conditionalAccess.enumerated() {
            guard apps[rule.resource] != nil else { throw fail("conditionalAccess[\(i)].resource", "no app named `\(rule.resource)`") }
            for u in rule.users where !users.contains(u) { throw fail("conditionalAccess[\(i)].users", "no user named `\(u)`") }
        }
    }

    private static func unique(_ values: [String], _ list: String, _ key: String, _ fail: (String, String) -> DirectoryError) throws(DirectoryError) {
        var seen: Set<String> = []
        for (i, v) in values.enumerated() {
            guard seen.insert(v.lowercased()).inserted else { throw fail("\(list)[\(i)].\(key)", "`\(v)` is used twice") }
        }
    }
}
