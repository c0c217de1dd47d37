// Fuzz target: the sandbox's directory YAML loader (`DirectoryLoader`, Yams and the PEM /
// X.509 parsing of `certificates[].pem` underneath), then the lookups the grants make on the
// loaded directory.
import TokenScopeSandbox

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectory(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let yaml = String(decoding: fuzzInput(data, size), as: UTF8.self)
    let directory: SandboxDirectory
    do {
        directory = try DirectoryLoader.load(yaml: yaml, file: "fuzz.yaml")
    } catch {
        if let line = error.line, line < 0 { violated("DirectoryError line \(line)") }
        _ = error.description
        return 0
    }
    // Bounded (the first few of each), so a big directory cannot make the harness itself slow.
    for tenant in directory.tenants.prefix(4) {
        _ = directory.tenant(matching: tenant.id)
        for domain in tenant.domains { _ = directory.tenant(matching: domain) }
        for client in directory.apps.prefix(6) {
            _ = directory.hasServicePrincipal(app: client, in: tenant)
            for resource in directory.apps.prefix(6) {
                _ = directory.assignedRoles(client: client, resource: resource, tenant: tenant)
                for user in [nil] + directory.users.prefix(4).map({ $0 }) {
                    _ = directory.consentedScopes(client: client, resource: resource, user: user, tenant: tenant)
                }
            }
        }
        for user in directory.users { _ = directory.user(user, belongsTo: tenant) }
    }
    for app in directory.apps {
        _ = directory.app(clientId: app.clientId)
        for uri in app.appIdUris { _ = directory.app(resource: uri + "/.default") }
    }
    for user in directory.users {
        _ = directory.user(matching: user.upn)
        _ = directory.user(oid: user.oid)
    }
    return 0
}
