import Foundation
public import TokenScopeCore

/// Everything a script or a person needs to point a client at the sandbox: where it runs, the CA
/// to trust, and the directory with its demo credentials. Pure: built from values, printed by the
/// CLI (`sandbox info`). Demo secret values appear here on purpose (they are published demo
/// values, see docs/SANDBOX.md); `serve` never prints them.
public struct SandboxInfo: Sendable {
    public struct TenantInfo: Sendable, Equatable {
        public let name: String
        public let id: String
        public let domains: [String]
    }

    public struct AppInfo: Sendable, Equatable {
        public struct Secret: Sendable, Equatable {
            public let id: String
            public let value: String
            public let expires: Int64
        }
        public struct CertificateInfo: Sendable, Equatable {
            public let name: String
            public let sha1Thumbprint: String
            public let certificatePath: String?
            public let privateKeyPath: String?
            /// The certificate and key as one PKCS#12 file without a password.
            public let pkcs12Path: String?
        }
        public let name: String
        public let displayName: String
        public let clientId: String
        public let tenant: String
        public let publicClient: Bool
        public let multiTenant: Bool
        public let appIdUris: [String]
        public let scopes: [String]
        public let roles: [String]
        public let accessTokenVersion: Int
        public let redirectUris: RedirectURIs
        public let secrets: [Secret]
        public let certificates: [CertificateInfo]
        public let federatedCredentials: [FederatedCredential]
    }

    public struct UserInfo: Sendable, Equatable {
        public let name: String
        public let upn: String
        public let displayName: String
        public let oid: String
        public let homeTenant: String
        public let homeTenantId: String?
        public let guestOf: [String]
        public let mfaRegistered: Bool
    }

    /// Base URL of the running sandbox; nil when none runs on this state dir.
    public var baseURL: String?
    public var pid: Int32?
    public var stateDirectory: String?
    /// `tls/ca.crt.pem` once `serve --tls` created it.
    public var caFile: String?
    /// The directory file, nil for the built-in demo.
    public var directoryFile: String?
    public var tenants: [TenantInfo]
    public var apps: [AppInfo]
    public var users: [UserInfo]

    /// - Parameters:
    ///   - certificates: the registered certificates (their paths exist only with a state dir).
    ///   - baseURLForPlaceholders: resolves `{sandbox}` in federation issuers (the running URL, or the default).
    public init(directory: SandboxDirectory, certificates: [RegisteredCertificate], server: ServerRecord?, stateDirectory: String?,
                caFile: String?, directoryFile: String?, baseURLForPlaceholders: String) {
        baseURL = server?.url
        pid = server?.pid
        self.stateDirectory = stateDirectory
        self.caFile = server?.caFile ?? caFile
        self.directoryFile = directoryFile
        tenants = directory.tenants.map { TenantInfo(name: $0.name, id: $0.id, domains: $0.domains) }
        apps = directory.apps.map { app in
            AppInfo(
                name: app.name, displayName: app.displayName, clientId: app.clientId, tenant: app.tenant,
                publicClient: app.publicClient, multiTenant: app.multiTenant, appIdUris: app.appIdUris,
                scopes: app.scopes.map(\.value), roles: app.appRoles.map(\.value), accessTokenVersion: app.accessTokenAcceptedVersion,
                redirectUris: app.redirectUris,
                secrets: app.secrets.map { .init(id: $0.id, value: $0.value, expires: $0.expires) },
                certificates: certificates.filter { $0.app == app.name }.map {
                    .init(name: $0.name, sha1Thumbprint: $0.sha1Hex, certificatePath: $0.certificatePath, privateKeyPath: $0.privateKeyPath,
                          pkcs12Path: $0.pkcs12Path)
                },
                federatedCredentials: app.federatedCredentials.map {
                    FederatedCredential(name: $0.name, issuer: $0.issuer.replacingOccurrences(of: "{sandbox}", with: baseURLForPlaceholders),
                                        subject: $0.subject, audience: $0.audience)
                })
        }
        users = directory.users.map { user in
            UserInfo(name: user.name, upn: user.upn, displayName: user.displayName, oid: user.oid, homeTenant: user.homeTenant,
                     homeTenantId: directory.tenant(named: user.homeTenant)?.id, guestOf: user.guestOf, mfaRegistered: user.mfaRegistered)
        }
    }

    /// The `--json` document (docs/SANDBOX.md, "sandbox info").
    public var json: JSONValue {
        .object([
            ("running", .bool(baseURL != nil)),
            ("baseUrl", str(baseURL)), ("pid", pid.map { .number(String($0)) } ?? .null),
            ("stateDirectory", str(stateDirectory)), ("caFile", str(caFile)), ("directoryFile", str(directoryFile)),
            ("tenants", .array(tenants.map { t in
                .object([("name", .string(t.name)), ("id", .string(t.id)), ("domains", strings(t.domains))])
            })),
            ("apps", .array(apps.map(Self.json))),
            ("users", .array(users.map { u in
                .object([
                    ("name", .string(u.name)), ("upn", .string(u.upn)), ("displayName", .string(u.displayName)), ("oid", .string(u.oid)),
                    ("homeTenant", .string(u.homeTenant)), ("homeTenantId", str(u.homeTenantId)), ("guestOf", strings(u.guestOf)),
                    ("mfaRegistered", .bool(u.mfaRegistered)),
                ])
            })),
        ])
    }

    private static func json(_ a: AppInfo) -> JSONValue {
        .object([
            ("name", .string(a.name)), ("displayName", .string(a.displayName)), ("clientId", .string(a.clientId)),
            ("tenant", .string(a.tenant)), ("publicClient", .bool(a.publicClient)), ("multiTenant", .bool(a.multiTenant)),
            ("appIdUris", strings(a.appIdUris)), ("scopes", strings(a.scopes)), ("roles", strings(a.roles)),
            ("accessTokenAcceptedVersion", .number(String(a.accessTokenVersion))),
            ("redirectUris", .object([("web", strings(a.redirectUris.web)), ("spa", strings(a.redirectUris.spa)),
                                      ("publicClient", strings(a.redirectUris.publicClient))])),
            ("secrets", .array(a.secrets.map {
                .object([("id", .string($0.id)), ("value", .string($0.value)), ("expires", .string(TimeText.iso8601($0.expires)))])
            })),
            ("certificates", .array(a.certificates.map {
                .object([("name", .string($0.name)), ("thumbprintSha1", .string($0.sha1Thumbprint)),
                         ("certificatePath", str($0.certificatePath)), ("privateKeyPath", str($0.privateKeyPath)),
                         ("pkcs12Path", str($0.pkcs12Path))])
            })),
            ("federatedCredentials", .array(a.federatedCredentials.map {
                .object([("name", .string($0.name)), ("issuer", .string($0.issuer)), ("subject", .string($0.subject)), ("audience", .string($0.audience))])
            })),
        ])
    }
}

private func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
private func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

