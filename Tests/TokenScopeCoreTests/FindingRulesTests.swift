import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

// Tests of the token inspector's finding rules: what each finding ID fires on, with which severity
// for each `--flow`, the evidence claims it names, and tokens that must not trigger it.
// This file: shared harness, kind rules (ID/app-only/scopes/groups/CAE/MFA) and audience rules.
// FindingRulesStructureTests.swift: structure, lifetime, version, tenant, claim types, ordering.
// FindingRulesOBOTests.swift: the On-Behalf-Of readiness verdict.

/// Helpers shared by the FindingRules*Tests suites (a namespace, so nothing clashes with other suites).
enum RuleHarness {
    static let graphAppID = "00000003-0000-0000-c000-000000000000"
    static let otherTenant = "11111111-2222-4333-8444-555555555555"
    static let consumerTenant = "9188040d-6c67-4c5b-b112-36a304b66dad"

    static func context(flow: Flow? = nil, audiences: [String] = [], tenant: String? = nil, scopes: [String] = [],
                        authority: String? = nil, now: Int64 = TestToken.now, skew: Int64 = 300) -> InspectionContext {
        InspectionContext(flow: flow, expectedAudiences: audiences, expectedTenant: tenant, expectedScopes: scopes,
                          authority: authority, now: now, skew: skew)
    }

    static func inspect(_ raw: String, _ context: InspectionContext = context(), source: TokenSource = .input) -> TokenReport {
        TokenInspector.inspect(ExtractedToken(text: raw, source: source), context: context)
    }

    static func inspect(_ token: TestToken, _ context: InspectionContext = context()) -> TokenReport {
        inspect(token.signed(), context)
    }

    static func inspect(_ token: TestToken, flow: Flow?) -> TokenReport {
        inspect(token.signed(), context(flow: flow))
    }

    /// The only report `text` yields (a token response yields several: use `reports`).
    static func reports(text: String, _ context: InspectionContext = context()) throws -> [TokenReport] {
        try TokenInspector.inspect(text: text, context: context)
    }

    static func findings(_ report: TokenReport, _ id: FindingID) -> [Finding] {
        report.findings.filter { $0.id == id }
    }

    /// The one finding with `id`; records an issue when there is none or more than one.
    static func finding(_ report: TokenReport, _ id: FindingID, sourceLocation: SourceLocation = #_sourceLocation) throws -> Finding {
        let all = findings(report, id)
        #expect(all.count == 1, "expected exactly one \(id.rawValue) finding, got \(all.count): \(ids(report))", sourceLocation: sourceLocation)
        return try #require(all.first, sourceLocation: sourceLocation)
    }

    static func has(_ report: TokenReport, _ id: FindingID) -> Bool {
        report.findings.contains { $0.id == id }
    }

    static func ids(_ report: TokenReport) -> [String] {
        report.findings.map { "\($0.id.rawValue)(\($0.severity.rawValue))" }
    }

    /// A compact JWE: header.encryptedKey.iv.ciphertext.tag.
    static func jwe(header: String = #"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"k"}"#) -> String {
        [header, "encrypted-key", "initialisation-vector", "ciphertext", "tag"]
            .map { Base64URL.encode(Array($0.utf8)) }.joined(separator: ".")
    }

    /// A Microsoft personal-account access token in the compact, encrypted `EwB...` form.
    static let msaCompactToken = "EwB" + String(repeating: "AbCdEfGhIj", count: 20)

    /// A Microsoft Graph delegated token: Graph's `aud`, a header `nonce`, Graph scopes.
    static func graphToken() -> TestToken {
        var token = TestToken.v2AccessToken().with("aud", .string(graphAppID)).with("scp", .string("User.Read Mail.Read"))
        token.setHeader("nonce", .string("hGrN-0nCe"))
        return token
    }

    static func strings(_ values: String...) -> JSONValue { .array(values.map { .string($0) }) }
}

// MARK: - A clean token

@Suite("Finding rules: clean tokens")
struct FindingRulesBaselineTests {
    @Test("a well-formed delegated v2 access token raises no finding in any flow",
          arguments: [Flow?.none, .obo, .authCode, .clientCredentials])
    func cleanAccessToken(flow: Flow?) {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(flow: flow, audiences: [TestToken.middleTier]))
        #expect(report.findings.isEmpty, "unexpected findings: \(RuleHarness.ids(report))")
        #expect(report.kind == .accessToken)
        #expect(report.accessType == .delegated)
        #expect(report.version == "2.0")
    }

    @Test func cleanV1AccessTokenOnlyRaisesV1Info() {
        let report = RuleHarness.inspect(.v1AccessToken())
        #expect(report.findings.map(\.id) == [.v1Token])
        #expect(!report.hasErrors)
    }
}

// MARK: - Every finding ID has a trigger

@Suite("Finding rules: coverage")
struct FindingRulesCoverageTests {
    /// One token (and context) per finding ID that the inspector itself raises. A new `FindingID`
    /// fails `everyIDHasATrigger` until it is added here and given its own tests.
    static let triggers: [FindingID: (raw: String, context: InspectionContext)] = {
        let plain = RuleHarness.context()
        var duplicate = TestToken.v2AccessToken()
        duplicate.claims.append(("oid", .string("other")))
        return [
            .idToken: (TestToken.v2IDToken().signed(), plain),
            .appOnlyToken: (TestToken.appOnlyToken().signed(), plain),
            .audienceMismatch: (TestToken.v2AccessToken().signed(), RuleHarness.context(audiences: ["api://other"])),
            .firstPartyAudience: (RuleHarness.graphToken().signed(), plain),
            .graphNonce: (RuleHarness.graphToken().signed(), plain),
            .expired: (TestToken.v2AccessToken().signed(), RuleHarness.context(now: TestToken.now + 86_400)),
            .notYetValid: (TestToken.v2AccessToken().signed(), RuleHarness.context(now: TestToken.now - 3_600)),
            .issuedInFuture: (TestToken.v2AccessToken().with("iat", TestToken.number(TestToken.now + 900)).signed(), plain),
            .v1Token: (TestToken.v1AccessToken().signed(), plain),
            .versionMismatch: (TestToken.v2AccessToken().with("ver", .string("1.0")).signed(), plain),
            .guestUser: (TestToken.v2AccessToken().with("acct", TestToken.number(1)).signed(), plain),
            .personalAccount: (TestToken.v2AccessToken().with("tid", .string(RuleHarness.consumerTenant)).signed(), plain),
            .tenantMismatch: (TestToken.v2AccessToken().signed(), RuleHarness.context(tenant: RuleHarness.otherTenant)),
            .multiTenantAuthority: (TestToken.v2AccessToken().signed(), RuleHarness.context(authority: "organizations")),
            .b2cToken: (TestToken.v2AccessToken().with("tfp", .string("B2C_1_susi")).signed(), plain),
            .missingScope: (TestToken.v2AccessToken().signed(), RuleHarness.context(scopes: ["Data.Write"])),
            .noScopesOrRoles: (TestToken.v2AccessToken().without("scp").signed(), plain),
            .groupsOverage: (TestToken.v2AccessToken().with("hasgroups", .bool(true)).signed(), plain),
            .encrypted: (RuleHarness.jwe(), plain),
            .opaque: (RuleHarness.msaCompactToken, plain),
            .unsigned: (TestToken.v2AccessToken().unsigned(), plain),
            .malformed: (duplicate.signed(), plain),
            .caeCapable: (TestToken.v2AccessToken().with("xms_cc", RuleHarness.strings("cp1")).signed(), plain),
            .mfaNotInAmr: (TestToken.v2AccessToken().with("amr", RuleHarness.strings("pwd")).signed(), plain),
            .longLifetime: (TestToken.v2AccessToken().with("exp", TestToken.number(TestToken.now + 5 * 3_600)).signed(), plain),
            .refreshToken: ("M.C5" + String(repeating: "abcXYZ_-09", count: 12), plain),
            .claimType: (TestToken.v2AccessToken().with("exp", .string("soon")).signed(), plain),
            .unknownIssuer: (TestToken.v2AccessToken().with("iss", .string("https://idp.example.com/t")).signed(), plain),
        ]
    }()

    /// Raised by `--verify`, not by the inspector.
    static let verificationIDs: Set<FindingID> = [.signatureInvalid, .issuerMismatch]

    @Test func everyIDHasATrigger() {
        let missing = FindingID.allCases.filter { Self.triggers[$0] == nil && !Self.verificationIDs.contains($0) }
        #expect(missing.isEmpty, "finding IDs without a trigger: \(missing.map(\.rawValue))")
    }

    @Test("each trigger raises its finding", arguments: FindingID.allCases.filter { !verificationIDs.contains($0) })
    func triggerRaisesFinding(id: FindingID) throws {
        let trigger = try #require(Self.triggers[id])
        let report = RuleHarness.inspect(trigger.raw, trigger.context)
        #expect(RuleHarness.has(report, id), "\(RuleHarness.ids(report))")
    }

    @Test("the inspector never raises verification findings", arguments: FindingID.allCases.filter { !verificationIDs.contains($0) })
    func noVerificationFindings(id: FindingID) throws {
        let trigger = try #require(Self.triggers[id])
        let report = RuleHarness.inspect(trigger.raw, trigger.context)
        #expect(!report.findings.contains { Self.verificationIDs.contains($0.id) })
    }
}

// MARK: - Kind rules

@Suite("Finding rules: token kind, scopes, groups, CAE, MFA")
struct FindingRulesKindTests {
    // id-token

    @Test("id-token severity follows the flow", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.obo, .error), (.clientCredentials, .error),
    ])
    func idTokenSeverity(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(.v2IDToken(), flow: flow)
        #expect(report.kind == .idToken)
        let finding = try RuleHarness.finding(report, .idToken)
        #expect(finding.severity == severity)
        #expect(finding.message.contains("ID token"))
        #expect(finding.claims == (flow == .obo ? ["aud", "nonce"] : ["aud"]))
    }

    @Test func idTokenForOBONamesTheAADSTSError() throws {
        let finding = try RuleHarness.finding(RuleHarness.inspect(.v2IDToken(), flow: .obo), .idToken)
        #expect(finding.message.contains("On-Behalf-Of"))
        #expect(finding.detail.contains("AADSTS240002"))
    }

    @Test("an ID token without nonce is still recognised by its shape (aud + sub, no client claim)")
    func idTokenByShape() throws {
        let report = RuleHarness.inspect(TestToken.v2IDToken().without("nonce"), flow: .obo)
        #expect(report.kind == .idToken)
        #expect(try RuleHarness.finding(report, .idToken).severity == .error)
    }

    @Test("id-token never fires on access tokens", arguments: [Flow?.none, .obo, .clientCredentials])
    func idTokenNotForAccessTokens(flow: Flow?) {
        for token in [TestToken.v2AccessToken(), .appOnlyToken(), .v1AccessToken(), RuleHarness.graphToken()] {
            let report = RuleHarness.inspect(token, flow: flow)
            #expect(!RuleHarness.has(report, .idToken), "\(RuleHarness.ids(report))")
        }
    }

    @Test("an access token found in an `id_token` field is still an access token")
    func accessTokenInIDTokenField() {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().signed(), RuleHarness.context(flow: .obo), source: .field("id_token"))
        #expect(report.kind == .accessToken)
        #expect(!RuleHarness.has(report, .idToken))
    }

    // app-only-token

    @Test("app-only-token is an error only for On-Behalf-Of", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .error),
    ])
    func appOnlySeverity(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(.appOnlyToken(), flow: flow)
        #expect(report.accessType == .appOnly)
        let finding = try RuleHarness.finding(report, .appOnlyToken)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["idtyp", "roles"])
        #expect(finding.message.contains("app-only"))
        #expect(finding.detail.contains("On-Behalf-Of") == (flow == .obo))
    }

    @Test("an app-only token without the optional `idtyp` is recognised by roles and sub == oid")
    func appOnlyWithoutIdtyp() throws {
        let report = RuleHarness.inspect(TestToken.appOnlyToken().without("idtyp"), flow: .obo)
        #expect(report.accessType == .appOnly)
        let finding = try RuleHarness.finding(report, .appOnlyToken)
        #expect(finding.claims == ["roles"])
        #expect(finding.severity == .error)
    }

    @Test func appOnlyNotForDelegatedOrIDTokens() {
        for token in [TestToken.v2AccessToken(), .v1AccessToken(), .v2IDToken(),
                      TestToken.v2AccessToken().with("roles", RuleHarness.strings("Admin"))] {
            let report = RuleHarness.inspect(token, flow: .obo)
            #expect(!RuleHarness.has(report, .appOnlyToken), "\(RuleHarness.ids(report))")
        }
    }

    // no-scopes-or-roles

    @Test("no-scopes-or-roles: warning, error for On-Behalf-Of", arguments: [
        (Flow?.none, Severity.warning), (.authCode, .warning), (.clientCredentials, .warning), (.obo, .error),
    ])
    func noScopesOrRolesSeverity(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().without("scp"), flow: flow)
        #expect(report.kind == .accessToken)
        let finding = try RuleHarness.finding(report, .noScopesOrRoles)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["scp", "roles"])
    }

    @Test("an empty `scp` and an app-only token without roles count as no scopes")
    func emptyScopesAndRoles() {
        #expect(RuleHarness.has(RuleHarness.inspect(TestToken.v2AccessToken().with("scp", .string(""))), .noScopesOrRoles))
        #expect(RuleHarness.has(RuleHarness.inspect(TestToken.appOnlyToken().without("roles")), .noScopesOrRoles))
        #expect(RuleHarness.has(RuleHarness.inspect(TestToken.appOnlyToken().with("roles", .array([]))), .noScopesOrRoles))
    }

    @Test func noScopesOrRolesNotWhenEitherIsPresentOrForIDTokens() {
        let notTriggering = [
            TestToken.v2AccessToken(), .appOnlyToken(), .v1AccessToken(),
            TestToken.v2AccessToken().without("scp").with("roles", RuleHarness.strings("Reader")),
            .v2IDToken(),
        ]
        for token in notTriggering {
            let report = RuleHarness.inspect(token, flow: .obo)
            #expect(!RuleHarness.has(report, .noScopesOrRoles), "\(RuleHarness.ids(report))")
        }
    }

    // missing-scope

    @Test func missingDelegatedScope() throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(scopes: ["Data.Write"]))
        let finding = try RuleHarness.finding(report, .missingScope)
        #expect(finding.severity == .error)
        #expect(finding.claims == ["scp", "roles"])
        #expect(finding.message.contains("`Data.Write` is not in the token"))
        #expect(finding.message.contains("scp: access_as_user"))
        #expect(finding.message.contains("roles: none"))
    }

    @Test("missing-scope is an error in every flow", arguments: [Flow?.none, .obo, .authCode, .clientCredentials])
    func missingScopeSeverity(flow: Flow?) throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(flow: flow, scopes: ["Data.Write"]))
        #expect(try RuleHarness.finding(report, .missingScope).severity == .error)
    }

    @Test("each missing scope gets its own finding; present ones none")
    func oneFindingPerMissingScope() {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("scp", .string("access_as_user Files.Read")),
                                         RuleHarness.context(scopes: ["Files.Read", "Data.Write", "Mail.Send"]))
        let messages = RuleHarness.findings(report, .missingScope).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("`Data.Write`") })
        #expect(messages.contains { $0.hasPrefix("`Mail.Send`") })
        #expect(!messages.contains { $0.hasPrefix("`Files.Read`") })
    }

    @Test("a scope matches by its short name, ignoring case and the App ID URI", arguments: [
        "access_as_user", "ACCESS_AS_USER", "api://middle-tier/access_as_user", "api://\(TestToken.middleTier)/Access_As_User",
    ])
    func presentScopeIsNotMissing(expected: String) {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(scopes: [expected]))
        #expect(!RuleHarness.has(report, .missingScope), "\(RuleHarness.ids(report))")
    }

    @Test("app roles satisfy an expected scope; a missing role is reported with the roles held")
    func expectedAppRoles() throws {
        let held = RuleHarness.inspect(.appOnlyToken(), RuleHarness.context(scopes: ["https://contoso.example/api/Data.Read.All"]))
        #expect(!RuleHarness.has(held, .missingScope))

        let missing = RuleHarness.inspect(.appOnlyToken(), RuleHarness.context(flow: .clientCredentials, scopes: ["Data.Write.All"]))
        let finding = try RuleHarness.finding(missing, .missingScope)
        #expect(finding.message.contains("scp: none"))
        #expect(finding.message.contains("roles: Data.Read.All"))
    }

    @Test func missingScopeNotWithoutExpectations() {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().without("scp"))
        #expect(!RuleHarness.has(report, .missingScope))
    }

    // groups-overage

    @Test func groupsOverageByClaimSources() throws {
        let token = TestToken.v2AccessToken()
            .with("_claim_names", .object([("groups", .string("src1"))]))
            .with("_claim_sources", .object([("src1", .object([("endpoint", .string("https://graph.microsoft.com/v1.0/users/x/getMemberObjects"))]))]))
        let finding = try RuleHarness.finding(RuleHarness.inspect(token), .groupsOverage)
        #expect(finding.severity == .warning)
        #expect(finding.claims == ["_claim_names", "_claim_sources"])
        #expect(finding.message.contains("overage"))
    }

    @Test func groupsOverageByHasgroups() throws {
        let finding = try RuleHarness.finding(RuleHarness.inspect(TestToken.v2IDToken().with("hasgroups", .bool(true))), .groupsOverage)
        #expect(finding.severity == .warning)
        #expect(finding.claims == ["hasgroups"])
        #expect(finding.message.contains("hasgroups"))
    }

    @Test func groupsOverageNotWhenGroupsAreInTheToken() {
        let notTriggering = [
            TestToken.v2AccessToken().with("groups", RuleHarness.strings("a1b2c3d4-0000-4000-8000-000000000001")),
            TestToken.v2AccessToken().with("hasgroups", .bool(false)),
            TestToken.v2AccessToken().with("_claim_names", .object([("roles", .string("src1"))])),
            TestToken.v2AccessToken(),
        ]
        for token in notTriggering {
            #expect(!RuleHarness.has(RuleHarness.inspect(token), .groupsOverage))
        }
    }

    // cae-capable

    @Test("cae-capable is information in every flow", arguments: [Flow?.none, .obo, .clientCredentials])
    func caeCapable(flow: Flow?) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("xms_cc", RuleHarness.strings("cp1")), flow: flow)
        let finding = try RuleHarness.finding(report, .caeCapable)
        #expect(finding.severity == .info)
        #expect(finding.claims == ["xms_cc"])
        #expect(finding.message.contains("cp1"))
    }

    @Test func caeNotWithoutCP1() {
        let notTriggering = [
            TestToken.v2AccessToken(),
            TestToken.v2AccessToken().with("xms_cc", RuleHarness.strings("cp2")),
            TestToken.v2AccessToken().with("xms_cc", .array([])),
            // The wrong type is a claim-type finding, not a CAE capability.
            TestToken.v2AccessToken().with("xms_cc", .string("cp1")),
        ]
        for token in notTriggering {
            #expect(!RuleHarness.has(RuleHarness.inspect(token), .caeCapable))
        }
    }

    // mfa-not-in-amr

    @Test("mfa-not-in-amr: warning for On-Behalf-Of, information otherwise", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .warning),
    ])
    func singleFactor(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("amr", RuleHarness.strings("pwd", "rsa")), flow: flow)
        let finding = try RuleHarness.finding(report, .mfaNotInAmr)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["amr"])
        #expect(finding.message.contains("pwd, rsa"))
    }

    @Test("a multifactor method in amr, or no amr at all, raises nothing",
          arguments: [["pwd", "mfa"], ["ngcmfa"], ["wiaormfa"], ["rsa", "mfa"]])
    func multiFactor(amr: [String]) {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("amr", .array(amr.map { .string($0) })), flow: .obo)
        #expect(!RuleHarness.has(report, .mfaNotInAmr))
    }

    @Test func noAmrNoMFAFinding() {
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken(), flow: .obo), .mfaNotInAmr))
    }
}

// MARK: - Audience rules

@Suite("Finding rules: audience")
struct FindingRulesAudienceTests {
    // audience-mismatch

    @Test("audience-mismatch is an error in every flow", arguments: [Flow?.none, .obo, .authCode, .clientCredentials])
    func audienceMismatch(flow: Flow?) throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(flow: flow, audiences: [RuleHarness.otherTenant]))
        let finding = try RuleHarness.finding(report, .audienceMismatch)
        #expect(finding.severity == .error)
        #expect(finding.claims == ["aud"])
        #expect(finding.message == "`aud` is \(TestToken.middleTier); expected \(RuleHarness.otherTenant)")
        #expect(!finding.detail.contains("v2.0 access tokens always carry"), "the expectation is a GUID: no App ID URI note")
    }

    @Test("expecting an App ID URI of a v2.0 token explains that v2.0 `aud` is the client ID")
    func appIDURIAgainstV2() throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(audiences: ["api://middle-tier", "api://other"]))
        let finding = try RuleHarness.finding(report, .audienceMismatch)
        #expect(finding.message.hasSuffix("expected api://middle-tier or api://other"))
        #expect(finding.detail.contains("v2.0 access tokens always carry the API's client ID"))
    }

    @Test func idTokenAudienceIsTheClient() throws {
        let report = RuleHarness.inspect(.v2IDToken(), RuleHarness.context(flow: .obo, audiences: [TestToken.middleTier]))
        let finding = try RuleHarness.finding(report, .audienceMismatch)
        #expect(finding.message.contains(TestToken.client))
        #expect(finding.detail.contains("An ID token's `aud` is the client app"))
    }

    @Test func missingAudClaim() throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().without("aud"), RuleHarness.context(audiences: [TestToken.middleTier]))
        #expect(try RuleHarness.finding(report, .audienceMismatch).message.hasPrefix("no `aud`"))
    }

    @Test("the audience matches ignoring case and trailing slashes, and any of several expected or present values")
    func audienceMatches() {
        let cases: [(TestToken, [String])] = [
            (.v2AccessToken(), [TestToken.middleTier]),
            (.v2AccessToken(), [TestToken.middleTier.uppercased()]),
            (.v2AccessToken(), ["api://middle-tier", TestToken.middleTier]),
            (.v1AccessToken(), ["api://middle-tier/"]),
            (.v1AccessToken(), ["API://Middle-Tier"]),
            (TestToken.v2AccessToken().with("aud", RuleHarness.strings("api://x", TestToken.middleTier)), [TestToken.middleTier]),
        ]
        for (token, expected) in cases {
            let report = RuleHarness.inspect(token, RuleHarness.context(flow: .obo, audiences: expected))
            #expect(!RuleHarness.has(report, .audienceMismatch), "expected \(expected): \(RuleHarness.ids(report))")
        }
    }

    @Test func noAudienceMismatchWithoutExpectation() {
        #expect(!RuleHarness.has(RuleHarness.inspect(TestToken.v2AccessToken().with("aud", .string("api://anything"))), .audienceMismatch))
    }

    // first-party-audience

    @Test("first-party-audience is an error only for On-Behalf-Of", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .error),
    ])
    func graphAudience(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(RuleHarness.graphToken(), flow: flow)
        let finding = try RuleHarness.finding(report, .firstPartyAudience)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["aud"])
        #expect(finding.message == "issued for a Microsoft API: Microsoft Graph")
        #expect(finding.detail.contains("AADSTS50013") == (flow == .obo))
        #expect(report.audienceName == "Microsoft Graph")
    }

    @Test("first-party resource URIs count too, with a trailing slash or a path", arguments: [
        ("https://graph.microsoft.com/", "Microsoft Graph"),
        ("https://management.azure.com", "Azure Resource Manager"),
        ("https://storage.azure.com/container", "Azure Storage"),
        ("00000003-0000-0FF1-CE00-000000000000", "Office 365 SharePoint Online"),
    ])
    func firstPartyResourceURI(aud: String, name: String) throws {
        let report = RuleHarness.inspect(TestToken.v1AccessToken().with("aud", .string(aud)))
        #expect(try RuleHarness.finding(report, .firstPartyAudience).message.hasSuffix(name))
    }

    @Test("not for your own API, nor for an ID token whose client is a Microsoft app")
    func firstPartyNotTriggered() {
        let ownAPI = RuleHarness.inspect(.v2AccessToken(), flow: .obo)
        #expect(!RuleHarness.has(ownAPI, .firstPartyAudience))
        // An ID token's aud is the client that signed in, e.g. the Azure CLI: not an API.
        let cliIDToken = RuleHarness.inspect(TestToken.v2IDToken().with("aud", .string("04b07795-8ddb-461a-bbee-02f9e1bf7b46")), flow: .obo)
        #expect(cliIDToken.kind == .idToken)
        #expect(!RuleHarness.has(cliIDToken, .firstPartyAudience))
        // A look-alike URI is not Graph.
        let lookalike = RuleHarness.inspect(TestToken.v1AccessToken().with("aud", .string("https://graph.microsoft.com.evil.example")))
        #expect(!RuleHarness.has(lookalike, .firstPartyAudience))
    }

    // graph-nonce

    @Test("graph-nonce: a header nonce is information in every flow", arguments: [Flow?.none, .obo])
    func headerNonce(flow: Flow?) throws {
        let report = RuleHarness.inspect(RuleHarness.graphToken(), flow: flow)
        let finding = try RuleHarness.finding(report, .graphNonce)
        #expect(finding.severity == .info)
        #expect(finding.claims == ["nonce"])
        #expect(finding.message.contains("only Microsoft Graph can verify"))
        #expect(report.kind == .accessToken, "a header nonce does not make an ID token")
    }

    @Test("graph-nonce is about the header: an ID token's payload nonce does not trigger it")
    func payloadNonceIsNotGraphNonce() {
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2IDToken()), .graphNonce))
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken()), .graphNonce))
    }
}
