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
    /// The display name of the first Microsoft first-party API in `aud`, if any (also the report's `audienceName`).
    let firstPartyAudience: String?

    /// Built from the parsed token: the claim sets, the issuer and the classification are made here
    /// rather than handed in, so none of them is copied (a retain and a release per reference).
    /// Everything is worked out in locals and stored at the end: an initialiser that reads `self`
    /// before it is complete builds it in a temporary and copies it out whole.
    init(token: ParsedToken, source: TokenSource, context: InspectionContext) {
        // The parser already located the well-known members: reading them is an index, not a search.
        let claims = ClaimSet(members: token.claimMembers, slots: token.claimSlots)
        let issuer = claims.withString(.iss, IssuerInfo.init(issuer:)) ?? nil
        let classification = TokenClassifier.classify(token, claims: claims, issuer: issuer, source: source)
        isReadableJWS = token.format == .jws && claims.isObject
        isCAECapable = claims.stringArrayContains(.xmsCC) { $0 == "cp1" }
        isGuest = GuestSignals.isGuest(claims, issuer: issuer)
        isPersonalAccount = claims.withString(.tid) { ASCIIText.lowercased($0, equals: WellKnownValues.consumerTenantID) } == true
            || issuer?.tenantLowercased(equals: WellKnownValues.consumerTenantID) == true
        firstPartyAudience = Self.firstPartyName(claims)
        kind = classification.kind
        accessType = classification.accessType
        version = classification.version
        self.token = token
        self.header = ClaimSet(members: token.headerMembers, slots: token.headerSlots)
        self.claims = claims
        self.issuer = issuer
        self.source = source
        self.context = context
    }

    var flow: Flow? { context.flow }

    /// `claims.audiences.lazy.compactMap(ClaimExplainer.firstPartyName).first`, without building the list.
    private static func firstPartyName(_ claims: ClaimSet) -> String? {
        claims.withValue(.aud) { aud -> String? in
            switch aud {
            case let .string(aud):
                return ClaimExplainer.firstPartyName(aud)
            case let .array(items) where aud.isStringArray:
                for case let .string(s) in items {
                    if let name = ClaimExplainer.firstPartyName(s) { return name }
                }
                return nil
            default:
                return nil
            }
        } ?? nil
    }
}

/// The finding rules, in the order their findings are listed within a severity.
enum FindingRules {
    static func evaluate(_ input: RuleInput) -> [Finding] {
        // Called directly, in this order (no array of closures to call through).
        var findings = StructureRules.check(input)
        func add(_ more: [Finding]) {  // most rules find nothing, and one finding is often all there is
            if findings.isEmpty { findings = more } else if !more.isEmpty { findings += more }
        }
        add(KindRules.check(input))
        add(AudienceRules.check(input))
        add(TenantRules.check(input))
        add(LifetimeRules.check(input))
        add(VersionRules.check(input))
        add(ClaimTypeRules.check(input))
        // Stable sort: most severe first, rule order within a severity. Usually already in order.
        if zip(findings, findings.dropFirst()).allSatisfy({ $0.severity <= $1.severity }) { return findings }
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
        if let idp = claims.string(.idp), let iss = claims.string(.iss), idp != iss,
           claims.withString(.tid, { ASCIIText.lowercased($0, equals: WellKnownValues.consumerTenantID) }) != true {
            // idp equals iss for members; a personal-account user of their own MSA tenant is no guest.
            out.append("idp")
        }
        if claims.value(.acct)?.doubleValue == 1 || claims.string(.acct) == "1" { out.append("acct") }
        if let upn = claims.string(.upn), ASCIIText.contains(upn, "#EXT#") { out.append("upn") }
        if let name = claims.string(.uniqueName), ASCIIText.contains(name, "#EXT#") { out.append("unique_name") }
        return out
    }
}
