/// What kind of token this is, as far as its contents tell.
public enum TokenKind: String, Sendable {
    case accessToken = "access_token"
    case idToken = "id_token"
    case refreshToken = "refresh_token"
    case unknown
}

/// Whether an access token acts for a signed-in user or for the application itself.
public enum AccessType: String, Sendable {
    case delegated
    case appOnly = "app-only"
}

/// One claim (header member or payload claim) with what the catalogue and the explainer say of it.
public struct ClaimReport: Sendable {
    public let name: String
    public let location: ClaimLocation
    public let value: JSONValue
    /// The clock and issuer the explanation is written against.
    let now: Int64
    let issuer: IssuerInfo?
    /// Set for the members of an encrypted token's header, whose `alg` and `kid` mean encryption.
    let encryptedHeader: Bool

    /// The catalogue entry, looked up when shown (like the explanation, it is display material).
    public var descriptor: ClaimDescriptor? {
        (encryptedHeader ? TokenInspector.jweHeaderDescriptors[name] : nil) ?? ClaimCatalogue.descriptor(for: name, in: location)
    }

    /// The value read for a human: times in UTC and relative, codes named, IDs resolved.
    /// Computed when shown: it is display text, and inspection (findings, verdicts) never needs it.
    public var explanation: String? {
        ClaimExplainer.explain(name, value, location: location, now: now, issuer: issuer)
    }
}

/// A token's header members or payload claims as `ClaimReport`s, in document order: a view over the
/// parsed members (one shared array), each report made when it is read. Inspection never reads
/// them (the rules use `ClaimSet`); copying every member into a report up front was a sixth of a
/// 1.5 KB token's decode + inspect time, for output that reads each claim once.
public struct ClaimReports: RandomAccessCollection, Sendable {
    private let members: [(key: String, value: JSONValue)]
    private let location: ClaimLocation
    private let now: Int64
    /// Given to `iss` only (its explanation names the parsed issuer).
    private let issuer: IssuerInfo?
    private let encryptedHeader: Bool

    init(_ members: [(key: String, value: JSONValue)], location: ClaimLocation, now: Int64, issuer: IssuerInfo? = nil, encryptedHeader: Bool = false) {
        self.members = members
        self.location = location
        self.now = now
        self.issuer = issuer
        self.encryptedHeader = encryptedHeader
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }

    public subscript(position: Int) -> ClaimReport {
        let member = members[position]
        return ClaimReport(name: member.key, location: location, value: member.value, now: now,
                           issuer: member.key == "iss" ? issuer : nil, encryptedHeader: encryptedHeader)
    }
}

/// The outcome of signature verification, or why it was not done.
public struct SignatureStatus: Sendable, Equatable {
    public let checked: Bool
    /// nil when not checked.
    public let valid: Bool?
    public let reason: String
    /// The `kid` of the key that verified the token, when one did.
    public let keyID: String?

    public init(checked: Bool, valid: Bool?, reason: String, keyID: String? = nil) {
        self.checked = checked
        self.valid = valid
        self.reason = reason
        self.keyID = keyID
    }

    public static let notRequested = SignatureStatus(
        checked: false, valid: nil,
        reason: "decoding never uses the network; run with --verify (or --jwks FILE) to check the signature")
}

/// The result of one readiness check: `unknown` when the input cannot tell (say so, never guess).
public enum CheckStatus: String, Sendable {
    case pass
    case fail
    case unknown
}

/// One check of the On-Behalf-Of readiness verdict.
public struct OBOCheck: Sendable, Equatable {
    /// Stable check name (`jwt`, `signed`, `access-token`, `delegated`, `audience`, ...).
    public let check: String
    public let status: CheckStatus
    public let message: String
}

/// Can this token be the user assertion of an On-Behalf-Of request for the expected middle tier?
/// `ready` is true only when no check failed; `unknown` checks are listed so the user can close them.
public struct OBOReadiness: Sendable, Equatable {
    public var checks: [OBOCheck]
    public var ready: Bool { !checks.contains { $0.status == .fail } }
}

/// Everything the inspector learned about one token.
public struct TokenReport: Sendable {
    public let source: TokenSource
    public let token: ParsedToken
    public let kind: TokenKind
    public let accessType: AccessType?
    /// `1.0`, `2.0`, or nil when unknown.
    public let version: String?
    public let issuer: IssuerInfo?
    /// The display name of a Microsoft first-party audience (`Microsoft Graph`), when `aud` is one.
    public let audienceName: String?
    /// For opaque tokens: what it most likely is and why it cannot be decoded.
    public let opaqueDescription: String?
    public let header: ClaimReports
    public let claims: ClaimReports
    /// Most severe first, then in rule order.
    public var findings: [Finding]
    public var signature: SignatureStatus
    public var oboReadiness: OBOReadiness?

    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// One line such as `access token (delegated), v2.0, Azure public cloud, for Microsoft Graph`.
    public var summary: String {
        var parts: [String] = []
        let opaque = token.format == .opaque ? "opaque " : ""
        switch kind {
        case .accessToken: parts.append(accessType.map { "access token (\($0.rawValue))" } ?? "\(opaque)access token")
        case .idToken: parts.append("ID token")
        case .refreshToken: parts.append("\(opaque)refresh token")
        case .unknown: parts.append(token.format == .jwe ? "encrypted token" : token.format == .opaque ? "opaque token" : "token of unknown kind")
        }
        if let version { parts.append("v\(version)") }
        if let issuer { parts.append(issuer.cloudName) }
        if let audienceName { parts.append("for \(audienceName)") }
        return parts.joined(separator: ", ")
    }
}
