/// What a user sign-in requires, decided the same way by /authorize and the device-login page:
/// the resources must exist in the tenant, conditional access may block or ask for MFA, and
/// missing consent is either refused or (when the user is shown the prompt) recorded.
enum SignInPolicy {
    /// The resource apps the scope groups name (groups with only OIDC scopes name none).
    static func resources(_ groups: [ScopeRequest], tenant: Tenant, directory: SandboxDirectory) throws(EntraError) -> [(scope: ScopeRequest, resource: AppRegistration)] {
        var result: [(scope: ScopeRequest, resource: AppRegistration)] = []
        for group in groups {
            guard let id = group.resource else { continue }
            guard let app = directory.app(resource: id), directory.hasServicePrincipal(app: app, in: tenant) else {
                throw SandboxErrors.resourceNotFoundAtSignIn(id, tenant: tenant.id)
            }
            result.append((group, app))
        }
        return result
    }

    /// Does the sign-in include MFA? It does when a conditional access rule on one of the
    /// resources requires it, or the app asked for step-up (a claims challenge); a user with no
    /// MFA method registered cannot finish such a sign-in. Block rules stop it outright.
    static func mfa(user: DirectoryUser, resources: [AppRegistration], stepUp: Bool, directory: SandboxDirectory) throws(EntraError) -> Bool {
        if rules(user: user, resources: resources, directory: directory).contains(where: { $0.action == .block }) {
            throw SandboxErrors.blockedAtSignIn()
        }
        let needed = stepUp || requiresMFA(user: user, resources: resources, directory: directory)
        if needed, !user.mfaRegistered { throw SandboxErrors.mfaRegistrationRequired(user.upn) }
        return needed
    }

    /// Does a conditional access rule make this user do MFA for one of these resources?
    static func requiresMFA(user: DirectoryUser, resources: [AppRegistration], directory: SandboxDirectory) -> Bool {
        rules(user: user, resources: resources, directory: directory).contains { $0.action == .requireMFA }
    }

    private static func rules(user: DirectoryUser, resources: [AppRegistration], directory: SandboxDirectory) -> [ConditionalAccessRule] {
        directory.conditionalAccess.filter { rule in
            resources.contains { $0.name == rule.resource } && (rule.users.isEmpty || rule.users.contains(user.name))
        }
    }

    /// Checks that every requested scope exists and is consented. When the user sees the consent
    /// prompt (`mayConsent`), missing user-consentable scopes are recorded as the user's consent;
    /// otherwise the sign-in fails with `consent_required`.
    static func ensureConsent(_ requests: [(scope: ScopeRequest, resource: AppRegistration)], client: AppRegistration, user: DirectoryUser,
                              tenant: Tenant, mayConsent: Bool, authority: SandboxAuthority) throws(EntraError) {
        for (scope, resource) in requests {
            let exposed = resource.scopes.map(\.value)
            for name in scope.names where name != ".default" && !exposed.contains(name) {
                throw SandboxErrors.scopeNotExposed(client: client, scope: name, resource: resource)
            }
            let consented = authority.consentedScopes(client: client, resource: resource, user: user, tenant: tenant)
            // `.default` means "whatever is consented"; with nothing consented, the prompt offers every scope.
            let wanted = scope.isDefault ? (consented.isEmpty ? exposed : []) : scope.names
            let missing = wanted.filter { !consented.contains($0) }
            if missing.isEmpty { continue }
            guard mayConsent else { throw SandboxErrors.consentRequiredAtSignIn(client: client, resource: resource) }
            let adminOnly = missing.filter { name in resource.scopes.contains { $0.value == name && $0.adminConsentRequired } }
            guard adminOnly.isEmpty else { throw SandboxErrors.adminConsentRequired(client: client, scopes: adminOnly) }
            authority.sidecar.consents.record(missing, client: client, resource: resource, user: user, tenant: tenant)
        }
    }
}
