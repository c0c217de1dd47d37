/// Everything a finding rule may look at. Rules are pure functions of this value.
struct RuleInput {
    let token: ParsedToken
    let claims: ClaimSet
    let header: ClaimSet
    let kind: TokenKind
    let accessType: AccessType?
    let version: String?
    let issuer: IssuerInfo?
    let source: TokenSource
    let context: InspectionContext
    // Facts several rules ask for, worked out once per token.
    let isReadableJWS: Bool
    let isCAECapable: Bool
    let isGuest: Bool
    let isPersonalAccount: Bool

    init(token: ParsedToken, claims: ClaimSet, header: ClaimSet, kind: TokenKind, accessType: AccessType?, version: String?,
         issuer: IssuerInfo?, source: TokenSource, context: InspectionContext) {
        self.token = token
        self.claims = claims
        self.header = header
        self.kind = kind
        self.accessType = accessType
        self.version = version
        self.issuer = issuer
        self.source = source
        self.context = context
        isReadableJWS = token.format == .jws && claims.object != nil
        isCAECapable = claims.strings("xms_cc")?.contains("cp1") ?? false
        isGuest = GuestSignals.isGuest(claims, issuer: issuer)
        isPersonalAccount = claims.string("tid")?.lowercased() == WellKnownValues.consumerTenantID
            || issuer?.tenant?.lowercased() == WellKnownValues.consumerTenantID
    }

    var flow: Flow? { context.flow }
}

/// The finding rules, in the order their findings are listed within a severity.
enum FindingRules {
    static let all: [@Sendable (RuleInput) -> [Finding]] = [
        StructureRules.check,
        KindRules.check,
        AudienceRules.check,
        TenantRules.check,
        LifetimeRules.check,
        VersionRules.check,
        ClaimTypeRules.check,
    ]

    static func evaluate(_ input: RuleInput) -> [Finding] {
        let findings = all.flatMap { $0(input) }
        // Stable sort: most severe first, rule order within a severity.
        return findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
    }
}

/// Signs that the user is a guest (B2B) in the token's tenant.
enum GuestSignals {
    static func isGuest(_ claims: ClaimSet, issuer: IssuerInfo?) -> Bool {
        !evidence(claims).isEmpty
    }

    /// The claims that show the user is a guest; empty for members.
    static func evidence(_ claims: ClaimSet) -> [String] {
        var out: [String] = []
        if let idp = claims.string("idp"), let iss = claims.string("iss"), idp != iss,
           claims.string("tid")?.lowercased() != WellKnownValues.consumerTenantID {
            // idp equals iss for members; a personal-account user of their own MSA tenant is no guest.
            out.append("idp")
        }
        if claims.value("acct")?.doubleValue == 1 || claims.string("acct") == "1" { out.append("acct") }
        for name in ["upn", "unique_name"] where claims.string(name)?.contains("#EXT#") == true { out.append(name) }
        return out
    }
}
