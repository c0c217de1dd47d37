/// What `tokenscope sandbox mint` makes: a token the sandbox issues (access or ID token), a
/// client assertion signed with an app's demo certificate, or a workload token from the sandbox's
/// federation issuer. Scenarios describe their inputs with it, so a scenario's documented command
/// (`$(tokenscope sandbox mint ...)`) and its in-process run use the same token.
public struct MintSpec: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case accessToken = "access-token"
        case idToken = "id-token"
        case clientAssertion = "client-assertion"
        case workload
    }

    public var kind: Kind
    /// Name, UPN or object ID. Access tokens without a user are app-only.
    public var user: String?
    /// App name or client ID: the app the token is issued to (`azp`), or the app asserting itself.
    public var client: String?
    /// `api://x/Name`, `{resource}/.default`, or a bare Graph scope name.
    public var scope: String?
    /// Tenant name, GUID or domain. For a client assertion it is the tenant segment of the token
    /// endpoint the assertion is for (its `aud`), spelt as the request will spell it.
    public var tenant: String?
    /// 1 or 2: overrides the resource's `accessTokenAcceptedVersion`.
    public var version: Int?
    /// Times an hour in the past: rejected as expired.
    public var expired = false
    /// The sign-in included MFA.
    public var mfa = false
    /// Signed with a throwaway key instead of the sandbox's (or the certificate's) key.
    public var badSignature = false
    /// Client assertion or workload token `aud`.
    public var audience: String?
    /// Workload token `sub` (default: the client's first federated credential's subject).
    public var subject: String?
    /// Workload token `iss` (default: the sandbox's `/federation` issuer).
    public var issuer: String?
    /// A client assertion without `x5t`/`x5t#S256`.
    public var noThumbprint = false
    /// Access tokens: this many group object IDs in `groups` (Entra stops at 200 and switches to
    /// an overage claim; more is allowed here to make large tokens for paste and size tests).
    public var groups = 0

    public init(_ kind: Kind, user: String? = nil, client: String? = nil, scope: String? = nil, tenant: String? = nil) {
        self.kind = kind
        self.user = user
        self.client = client
        self.scope = scope
        self.tenant = tenant
    }

    /// The `tokenscope sandbox mint` arguments that make this token.
    public var arguments: [String] {
        var a: [String] = []
        switch kind {
        case .accessToken: break
        case .idToken: a.append("--id-token")
        case .clientAssertion: a.append("--client-assertion")
        case .workload: a.append("--workload")
        }
        func add(_ flag: String, _ value: String?) { if let value { a += [flag, value] } }
        add("--user", user)
        add("--client", client)
        add("--scope", scope)
        add("--tenant", tenant)
        add("--version", version.map(String.init))
        add("--audience", audience)
        add("--subject", subject)
        add("--issuer", issuer)
        if expired { a.append("--expired") }
        if mfa { a.append("--mfa") }
        if badSignature { a.append("--bad-signature") }
        if noThumbprint { a.append("--no-thumbprint") }
        if groups > 0 { a += ["--groups", String(groups)] }
        return a
    }
}

/// Why a token could not be minted (an unknown user, app or scope): a usage error.
public struct MintError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
