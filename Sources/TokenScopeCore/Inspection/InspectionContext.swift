/// The job the token is meant for, which decides what counts as wrong.
public enum Flow: String, Sendable, CaseIterable {
    /// The token is the user assertion a middle tier sends to `AcquireTokenOnBehalfOf`.
    case obo
    /// The token came from (or is meant to be) a client-credentials, app-only request.
    case clientCredentials = "client-credentials"
    /// The token came from an authorization-code sign-in.
    case authCode = "auth-code"
}

/// What the user expects of the token (all optional) and the clock to judge it by.
public struct InspectionContext: Sendable {
    public var flow: Flow?
    /// Client IDs or App ID URIs the token's `aud` may equal.
    public var expectedAudiences: [String]
    /// A tenant GUID (or domain, compared against `iss`/`tid` only when a GUID).
    public var expectedTenant: String?
    /// Scopes (delegated, `scp`) or app roles (`roles`) the token must carry.
    public var expectedScopes: [String]
    /// The authority the caller uses or plans to use (`https://host/{tenant}`), for tenant-rule checks.
    public var authority: String?
    /// Unix seconds.
    public var now: Int64
    /// Clock skew tolerated in time checks, seconds.
    public var skew: Int64

    public init(flow: Flow? = nil, expectedAudiences: [String] = [], expectedTenant: String? = nil,
                expectedScopes: [String] = [], authority: String? = nil, now: Int64, skew: Int64 = 300) {
        self.flow = flow
        self.expectedAudiences = expectedAudiences
        self.expectedTenant = expectedTenant
        self.expectedScopes = expectedScopes
        self.authority = authority
        self.now = now
        self.skew = skew
    }
}
