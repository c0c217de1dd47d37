/// How much a finding matters for the job at hand. Ordered most severe first.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error
    case warning
    case info

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Stable finding identifiers. They are a public contract (README, `--json`, the diagnoser's
/// knowledge base): add new ones freely, never rename or reuse one.
public enum FindingID: String, Sendable, CaseIterable {
    case idToken = "id-token"
    case appOnlyToken = "app-only-token"
    case audienceMismatch = "audience-mismatch"
    case firstPartyAudience = "first-party-audience"
    case graphNonce = "graph-nonce"
    case expired = "expired"
    case notYetValid = "not-yet-valid"
    case issuedInFuture = "issued-in-future"
    case v1Token = "v1-token"
    case versionMismatch = "version-mismatch"
    case guestUser = "guest-user"
    case personalAccount = "personal-account"
    case tenantMismatch = "tenant-mismatch"
    case multiTenantAuthority = "multi-tenant-authority"
    case b2cToken = "b2c-token"
    case missingScope = "missing-scope"
    case noScopesOrRoles = "no-scopes-or-roles"
    case groupsOverage = "groups-overage"
    case encrypted = "encrypted"
    case opaque = "opaque"
    case unsigned = "unsigned"
    case malformed = "malformed"
    case caeCapable = "cae-capable"
    case mfaNotInAmr = "mfa-not-in-amr"
    case longLifetime = "long-lifetime"
    case refreshToken = "refresh-token"
    case claimType = "claim-type"
    case unknownIssuer = "unknown-issuer"
    /// Added by `--verify` when the signature does not verify.
    case signatureInvalid = "signature-invalid"
    /// Added by `--verify` when `iss` differs from the issuer in the discovered metadata.
    case issuerMismatch = "issuer-mismatch"
}

/// One thing the inspector noticed, with the claims that show it.
public struct Finding: Sendable, Equatable {
    public let id: FindingID
    public let severity: Severity
    public let claims: [String]
    /// One line.
    public let message: String
    /// Why it matters and what to do.
    public let detail: String

    public init(_ id: FindingID, _ severity: Severity, claims: [String], message: String, detail: String) {
        self.id = id
        self.severity = severity
        self.claims = claims
        self.message = message
        self.detail = detail
    }
}
