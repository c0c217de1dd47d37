import Synchronization

/// User consents recorded when a user accepts the consent prompt at sign-in (`prompt=consent`,
/// or the device-login page). The directory file holds admin and pre-configured consents; these
/// come on top, in memory, for the life of the sandbox.
final class ConsentStore: Sendable {
    struct Key: Hashable, Sendable {
        let client: String
        let resource: String
        let user: String
        let tenant: String
    }

    private let grants = Mutex<[Key: Set<String>]>([:])

    func record(_ scopes: some Sequence<String>, client: AppRegistration, resource: AppRegistration, user: DirectoryUser, tenant: Tenant) {
        let key = Key(client: client.name, resource: resource.name, user: user.name, tenant: tenant.name)
        grants.withLock { $0[key, default: []].formUnion(scopes) }
    }

    func scopes(client: AppRegistration, resource: AppRegistration, user: DirectoryUser, tenant: Tenant) -> Set<String> {
        let key = Key(client: client.name, resource: resource.name, user: user.name, tenant: tenant.name)
        return grants.withLock { $0[key] ?? [] }
    }
}

extension SandboxAuthority {
    /// Every delegated scope `client` holds on `resource` for `user`: the directory's admin and
    /// user grants and pre-authorizations, plus consents given at sign-in.
    func consentedScopes(client: AppRegistration, resource: AppRegistration, user: DirectoryUser, tenant: Tenant) -> Set<String> {
        directory.consentedScopes(client: client, resource: resource, user: user, tenant: tenant)
            .union(sidecar.consents.scopes(client: client, resource: resource, user: user, tenant: tenant))
    }
}
