import TokenScopeCore
import Yams

/// Loads a directory YAML file: every value validated, every error located (file, line, key).
public enum DirectoryLoader {
    public static func load(yaml: String, file: String) throws(DirectoryError) -> SandboxDirectory {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw DirectoryError(file: file, line: nil, key: "", message: "the file is empty")
            }
            root = node
        } catch let error as DirectoryError {
            throw error
        } catch let error as YamlError {
            throw DirectoryError(file: file, line: yamlLine(error), key: "", message: "not valid YAML: \(error)")
        } catch {
            throw DirectoryError(file: file, line: nil, key: "", message: "not valid YAML: \(error)")
        }
        let top = YAMLReader(root, path: "", file: file)
        try top.checkKeys(["tenants", "apps", "servicePrincipals", "users", "delegatedGrants", "appRoleAssignments", "conditionalAccess"])
        var directory = SandboxDirectory()
        for t in try top.list("tenants") { directory.tenants.append(try tenant(t)) }
        for a in try top.list("apps") { directory.apps.append(try app(a)) }
        for s in try top.list("servicePrincipals") {
            try s.checkKeys(["app", "tenant"])
            directory.servicePrincipals.append(ServicePrincipal(app: try s.string("app"), tenant: try s.string("tenant")))
        }
        for u in try top.list("users") { directory.users.append(try user(u)) }
        for g in try top.list("delegatedGrants") {
            try g.checkKeys(["client", "resource", "scopes", "tenant", "user"])
            directory.delegatedGrants.append(DelegatedGrant(client: try g.string("client"), resource: try g.string("resource"),
                                                            scopes: try g.strings("scopes"), tenant: try g.string("tenant"),
                                                            user: try g.optionalString("user")))
        }
        for r in try top.list("appRoleAssignments") {
            try r.checkKeys(["client", "resource", "role", "tenant"])
            directory.appRoleAssignments.append(AppRoleAssignment(client: try r.string("client"), resource: try r.string("resource"),
                                                                  role: try r.string("role"), tenant: try r.string("tenant")))
        }
        for c in try top.list("conditionalAccess") {
            try c.checkKeys(["name", "id", "users", "resource", "action"])
            let actionText = try c.string("action")
            guard let action = ConditionalAccessRule.Action(rawValue: actionText) else {
                throw c.fail("must be `require-mfa` or `block`", at: "action", node: c.child("action"))
            }
            directory.conditionalAccess.append(ConditionalAccessRule(name: try c.string("name"), id: try c.guid("id"), users: try c.strings("users"),
                                                                     resource: try c.string("resource"), action: action))
        }
        try DirectoryValidator.validate(directory, top: top)
        return directory
    }

    private static func tenant(_ r: YAMLReader) throws(DirectoryError) -> Tenant {
        try r.checkKeys(["name", "id", "domains", "cloud"])
        return Tenant(name: try r.string("name"), id: try r.guid("id"), domains: try r.strings("domains").map { $0.lowercased() },
                      cloud: try r.optionalString("cloud") ?? "public")
    }

    private static func app(_ r: YAMLReader) throws(DirectoryError) -> AppRegistration {
        try r.checkKeys(["name", "clientId", "displayName", "tenant", "multiTenant", "publicClient", "appIdUris", "scopes", "appRoles",
                         "accessTokenAcceptedVersion", "redirectUris", "knownClientApplications", "preAuthorizedApplications",
                         "secrets", "certificates", "federatedCredentials", "nonceHeader"])
        let version = try r.int("accessTokenAcceptedVersion", default: 2)
        guard version == 1 || version == 2 else {
            throw r.fail("must be 1 or 2", at: "accessTokenAcceptedVersion", node: r.child("accessTokenAcceptedVersion"))
        }
        var redirects = RedirectURIs()
        if let uris = r.mapping("redirectUris") {
            try uris.checkKeys(["web", "spa", "publicClient"])
            redirects = RedirectURIs(web: try uris.strings("web"), spa: try uris.strings("spa"), publicClient: try uris.strings("publicClient"))
        }
        var scopes: [ExposedScope] = []
        for s in try r.list("scopes") {
            if let value = s.node.string, s.node.scalar != nil {
                scopes.append(ExposedScope(value: value, adminConsentRequired: false))
            } else {
                try s.checkKeys(["value", "adminConsentRequired"])
                scopes.append(ExposedScope(value: try s.string("value"), adminConsentRequired: try s.bool("adminConsentRequired", default: false)))
            }
        }
        var roles: [AppRole] = []
        for role in try r.list("appRoles") {
            try role.checkKeys(["value", "allowedMemberTypes"])
            let types = try role.strings("allowedMemberTypes")
            roles.append(AppRole(value: try role.string("value"), allowedMemberTypes: types.isEmpty ? ["Application"] : types))
        }
        var preAuthorized: [PreAuthorization] = []
        for p in try r.list("preAuthorizedApplications") {
            try p.checkKeys(["app", "scopes"])
            preAuthorized.append(PreAuthorization(app: try p.string("app"), scopes: try p.strings("scopes")))
        }
        var secrets: [ClientSecret] = []
        for s in try r.list("secrets") {
            try s.checkKeys(["id", "value", "expires"])
            let expiresText = try s.string("expires")
            guard let expires = TimeText.parseISO8601(expiresText) else {
                throw s.fail("`\(expiresText)` is not a date (use 2099-12-31 or 2099-12-31T00:00:00Z)", at: "expires", node: s.child("expires"))
            }
            secrets.append(ClientSecret(id: try s.guid("id"), value: try s.string("value"), expires: expires))
        }
        var certificates: [ClientCertificate] = []
        for c in try r.list("certificates") {
            certificates.append(try certificate(c))
        }
        var federated: [FederatedCredential] = []
        for f in try r.list("federatedCredentials") {
            try f.checkKeys(["name", "issuer", "subject", "audience"])
            federated.append(FederatedCredential(name: try f.string("name"), issuer: try f.string("issuer"), subject: try f.string("subject"),
                                                 audience: (try f.optionalString("audience")) ?? "api://AzureADTokenExchange"))
        }
        let name = try r.string("name")
        return AppRegistration(
            name: name, clientId: try r.guid("clientId"),
            displayName: try r.optionalString("displayName") ?? name,
            tenant: try r.string("tenant"), multiTenant: try r.bool("multiTenant", default: false),
            publicClient: try r.bool("publicClient", default: false), appIdUris: try r.strings("appIdUris"),
            scopes: scopes, appRoles: roles, accessTokenAcceptedVersion: version, redirectUris: redirects,
            knownClientApplications: try r.strings("knownClientApplications"), preAuthorizedApplications: preAuthorized,
            secrets: secrets, certificates: certificates, federatedCredentials: federated,
            nonceHeader: try r.bool("nonceHeader", default: false))
    }

    /// A client certificate: its public PEM (checked now, so a bad one is reported with its line),
    /// or `generate: true` for a demo certificate kept in the state dir under its name.
    private static func certificate(_ c: YAMLReader) throws(DirectoryError) -> ClientCertificate {
        try c.checkKeys(["name", "pem", "generate"])
        let name = try c.string("name")
        guard CertificateRegistry.isUsableFileName(name) else {
            throw c.fail("`\(name)` must be letters, digits, `.`, `-` or `_` (it names the files of a generated certificate)", at: "name", node: c.child("name"))
        }
        let pem = try c.optionalString("pem"), generate = try c.bool("generate", default: false)
        if pem != nil, generate { throw c.fail("give either `pem` or `generate: true`, not both", at: "generate", node: c.child("generate")) }
        guard let pem else {
            guard generate else { throw c.fail("give the certificate as `pem`, or `generate: true` for a demo certificate") }
            return ClientCertificate(name: name, pem: nil, generate: true)
        }
        do {
            _ = try CertificateRegistry.parse(pem: pem)
        } catch {
            throw c.fail(error.message, at: "pem", node: c.child("pem"))
        }
        return ClientCertificate(name: name, pem: pem, generate: false)
    }

    private static func user(_ r: YAMLReader) throws(DirectoryError) -> DirectoryUser {
        try r.checkKeys(["name", "upn", "displayName", "oid", "homeTenant", "guestOf", "mfaRegistered", "disabled"])
        let name = try r.string("name")
        return DirectoryUser(name: name, upn: try r.string("upn").lowercased(),
                             displayName: try r.optionalString("displayName") ?? name,
                             oid: try r.guid("oid"), homeTenant: try r.string("homeTenant"), guestOf: try r.strings("guestOf"),
                             mfaRegistered: try r.bool("mfaRegistered", default: false), disabled: try r.bool("disabled", default: false))
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }
}

