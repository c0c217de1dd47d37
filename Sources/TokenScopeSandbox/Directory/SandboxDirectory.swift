/// The sandbox's directory: tenants, app registrations, users, consents and policies, as loaded
/// from a YAML file (or the embedded demo). Names (`contoso`, `middle-tier-api`, `alice`) are the
/// handles tests and scenarios use; IDs are what appears in tokens.
public struct SandboxDirectory: Sendable {
    public var tenants: [Tenant]
    public var apps: [AppRegistration]
    /// Service principals beyond each app's own one in its home tenant (multi-tenant apps consented elsewhere).
    public var servicePrincipals: [ServicePrincipal]
    public var users: [DirectoryUser]
    public var delegatedGrants: [DelegatedGrant]
    public var appRoleAssignments: [AppRoleAssignment]
    public var conditionalAccess: [ConditionalAccessRule]

    public init(tenants: [Tenant] = [], apps: [AppRegistration] = [], servicePrincipals: [ServicePrincipal] = [],
                users: [DirectoryUser] = [], delegatedGrants: [DelegatedGrant] = [], appRoleAssignments: [AppRoleAssignment] = [],
                conditionalAccess: [ConditionalAccessRule] = []) {
        self.tenants = tenants
        self.apps = apps
        self.servicePrincipals = servicePrincipals
        self.users = users
        self.delegatedGrants = delegatedGrants
        self.appRoleAssignments = appRoleAssignments
        self.conditionalAccess = conditionalAccess
    }
}

public struct Tenant: Sendable, Equatable {
    public var name: String
    public var id: String
    public var domains: [String]
    /// `public`, `usgov`, `china`: only labels metadata; the sandbox serves every tenant on its own host.
    public var cloud: String
}

public struct ExposedScope: Sendable, Equatable {
    public var value: String
    public var adminConsentRequired: Bool
}

public struct AppRole: Sendable, Equatable {
    public var value: String
    /// `Application` (app permissions, client credentials) and/or `User`.
    public var allowedMemberTypes: [String]
}

public struct RedirectURIs: Sendable, Equatable {
    public var web: [String] = []
    public var spa: [String] = []
    public var publicClient: [String] = []

    public var all: [String] { web + spa + publicClient }
}

public struct ClientSecret: Sendable, Equatable {
    /// The secret's ID (what the portal shows beside it); sending it instead of the value is a classic mistake.
    public var id: String
    public var value: String
    /// Unix seconds.
    public var expires: Int64
}

public struct ClientCertificate: Sendable, Equatable {
    public var name: String
    /// PEM of the public certificate. For `generate: true` the sandbox fills it in from the state dir.
    public var pem: String?
    public var generate: Bool
}

public struct FederatedCredential: Sendable, Equatable {
    public var name: String
    public var issuer: String
    public var subject: String
    public var audience: String
}

public struct PreAuthorization: Sendable, Equatable {
    public var app: String
    public var scopes: [String]
}

public struct AppRegistration: Sendable, Equatable {
    public var name: String
    public var clientId: String
    public var displayName: String
    /// Name of the home tenant.
    public var tenant: String
    public var multiTenant: Bool
    /// A public client (no credential): SPA and native apps.
    public var publicClient: Bool
    public var appIdUris: [String]
    public var scopes: [ExposedScope]
    public var appRoles: [AppRole]
    /// 1 or 2: the token version this app receives as a resource.
    public var accessTokenAcceptedVersion: Int
    public var redirectUris: RedirectURIs
    public var knownClientApplications: [String]
    public var preAuthorizedApplications: [PreAuthorization]
    public var secrets: [ClientSecret]
    public var certificates: [ClientCertificate]
    public var federatedCredentials: [FederatedCredential]
    /// Sign tokens for this resource with a Graph-style header `nonce` (first-party emulation).
    public var nonceHeader: Bool
    /// May this app call OBO with app-only tokens (AADSTS7000114 otherwise)? Entra allows no one.
    public var isConfidential: Bool { !publicClient }
}

public struct ServicePrincipal: Sendable, Equatable {
    public var app: String
    public var tenant: String
}

public struct DirectoryUser: Sendable, Equatable {
    public var name: String
    public var upn: String
    public var displayName: String
    public var oid: String
    public var homeTenant: String
    public var guestOf: [String]
    public var mfaRegistered: Bool
    public var disabled: Bool
}

/// Delegated consent: `client` may act for users (one user, or all when `user` is nil = admin
/// consent) on `resource` with `scopes`, in `tenant`.
public struct DelegatedGrant: Sendable, Equatable {
    public var client: String
    public var resource: String
    public var scopes: [String]
    public var tenant: String
    public var user: String?
}

/// Application permission: `client` holds app role `role` of `resource` in `tenant`.
public struct AppRoleAssignment: Sendable, Equatable {
    public var client: String
    public var resource: String
    public var role: String
    public var tenant: String
}

public struct ConditionalAccessRule: Sendable, Equatable {
    public enum Action: String, Sendable { case requireMFA = "require-mfa", block }
    public var name: String
    public var id: String
    /// User names; empty means every user.
    public var users: [String]
    /// Resource app name the rule protects.
    public var resource: String
    public var action: Action
}
