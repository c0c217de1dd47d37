/// Cross-reference checks after parsing: names unique, every reference resolves, every granted
/// scope or role exists. Errors name the offending entry and, through its key path, its line.
enum DirectoryValidator {
    static func validate(_ d: SandboxDirectory, top: YAMLReader) throws(DirectoryError) {
        func fail(_ key: String, _ message: String) -> DirectoryError {
            DirectoryError(file: top.file, line: top.line(atPath: key), key: key, message: message)
        }
        try unique(d.tenants.enumerated().map { ("tenants[\($0.offset)].name", $0.element.name) }, fail)
        try unique(d.tenants.enumerated().map { ("tenants[\($0.offset)].id", $0.element.id) }, fail)
        // A domain names one tenant: the `{tenant}` path segment must not be ambiguous.
        try unique(d.tenants.enumerated().flatMap { t in t.element.domains.enumerated().map { ("tenants[\(t.offset)].domains[\($0.offset)]", $0.element) } }, fail)
        try unique(d.apps.enumerated().map { ("apps[\($0.offset)].name", $0.element.name) }, fail)
        try unique(d.apps.enumerated().map { ("apps[\($0.offset)].clientId", $0.element.clientId) }, fail)
        // A scope's resource is found by App ID URI, so one URI must name one app.
        try unique(d.apps.enumerated().flatMap { a in a.element.appIdUris.enumerated().map {
            ("apps[\(a.offset)].appIdUris[\($0.offset)]", SandboxDirectory.trimmed($0.element))
        } }, fail)
        // Generated certificates are stored under their name in the state dir: names are file names.
        try unique(d.apps.enumerated().flatMap { a in a.element.certificates.enumerated().map {
            ("apps[\(a.offset)].certificates[\($0.offset)].name", $0.element.name)
        } }, fail)
        try unique(d.users.enumerated().map { ("users[\($0.offset)].name", $0.element.name) }, fail)
        try unique(d.users.enumerated().map { ("users[\($0.offset)].upn", $0.element.upn) }, fail)
        try unique(d.users.enumerated().map { ("users[\($0.offset)].oid", $0.element.oid) }, fail)
        let tenants = Set(d.tenants.map(\.name)), apps = Dictionary(d.apps.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let users = Set(d.users.map(\.name))

        for (i, app) in d.apps.enumerated() {
            guard tenants.contains(app.tenant) else { throw fail("apps[\(i)].tenant", "no tenant named `\(app.tenant)`") }
            for (j, known) in app.knownClientApplications.enumerated() where apps[known] == nil {
                throw fail("apps[\(i)].knownClientApplications[\(j)]", "no app named `\(known)`")
            }
            for (j, pre) in app.preAuthorizedApplications.enumerated() {
                guard apps[pre.app] != nil else { throw fail("apps[\(i)].preAuthorizedApplications[\(j)].app", "no app named `\(pre.app)`") }
                for (k, scope) in pre.scopes.enumerated() where !app.scopes.contains(where: { $0.value == scope }) {
                    throw fail("apps[\(i)].preAuthorizedApplications[\(j)].scopes[\(k)]", "`\(app.name)` exposes no scope `\(scope)`")
                }
            }
        }
        for (i, sp) in d.servicePrincipals.enumerated() {
            guard apps[sp.app] != nil else { throw fail("servicePrincipals[\(i)].app", "no app named `\(sp.app)`") }
            guard tenants.contains(sp.tenant) else { throw fail("servicePrincipals[\(i)].tenant", "no tenant named `\(sp.tenant)`") }
        }
        for (i, user) in d.users.enumerated() {
            guard tenants.contains(user.homeTenant) else { throw fail("users[\(i)].homeTenant", "no tenant named `\(user.homeTenant)`") }
            for (j, t) in user.guestOf.enumerated() where !tenants.contains(t) { throw fail("users[\(i)].guestOf[\(j)]", "no tenant named `\(t)`") }
        }
        for (i, g) in d.delegatedGrants.enumerated() {
            guard apps[g.client] != nil else { throw fail("delegatedGrants[\(i)].client", "no app named `\(g.client)`") }
            guard let resource = apps[g.resource] else { throw fail("delegatedGrants[\(i)].resource", "no app named `\(g.resource)`") }
            guard tenants.contains(g.tenant) else { throw fail("delegatedGrants[\(i)].tenant", "no tenant named `\(g.tenant)`") }
            if let user = g.user, !users.contains(user) { throw fail("delegatedGrants[\(i)].user", "no user named `\(user)`") }
            for (j, scope) in g.scopes.enumerated() where !resource.scopes.contains(where: { $0.value == scope }) {
                throw fail("delegatedGrants[\(i)].scopes[\(j)]", "`\(resource.name)` exposes no scope `\(scope)`")
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
            for (j, u) in rule.users.enumerated() where !users.contains(u) { throw fail("conditionalAccess[\(i)].users[\(j)]", "no user named `\(u)`") }
        }
    }

    /// Values compared case-insensitively (names, GUIDs, domains and UPNs all are in Entra).
    private static func unique(_ entries: [(path: String, value: String)], _ fail: (String, String) -> DirectoryError) throws(DirectoryError) {
        var seen: [String: String] = [:]
        for (path, value) in entries {
            if let first = seen[value.lowercased()] { throw fail(path, "`\(value)` is used twice (first at \(first))") }
            seen[value.lowercased()] = path
        }
    }
}
