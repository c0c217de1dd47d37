import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

// Finding rules about form (structure), time (lifetime), version, tenant and claim types, and the
// order findings are listed in. Harness: `RuleHarness` in FindingRulesTests.swift.

// MARK: - Structure

@Suite("Finding rules: structure (encrypted, opaque, unsigned, malformed, refresh token)")
struct FindingRulesStructureTests {
    // encrypted

    /// Clients normally receive encrypted tokens they need not read; only a middle tier must read its assertion.
    @Test("encrypted: a warning for On-Behalf-Of, information otherwise", arguments: [
        (Flow?.none, Severity.info), (.obo, .warning), (.authCode, .info), (.clientCredentials, .info),
    ])
    func encrypted(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(RuleHarness.jwe(), RuleHarness.context(flow: flow))
        #expect(report.token.format == .jwe)
        let finding = try RuleHarness.finding(report, .encrypted)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["alg", "enc", "kid"])
        #expect(finding.message.contains("alg RSA-OAEP, enc A256GCM"))
        #expect(report.findings.map(\.id) == [.encrypted], "nothing else can be said of an encrypted token: \(RuleHarness.ids(report))")
    }

    @Test("a five-part token without `enc` is encrypted and malformed")
    func encryptedWithoutEnc() throws {
        let report = RuleHarness.inspect(RuleHarness.jwe(header: #"{"alg":"RSA-OAEP","kid":"k"}"#))
        #expect(try RuleHarness.finding(report, .encrypted).message.contains("enc ?"))
        #expect(try RuleHarness.finding(report, .malformed).message.contains("no `enc`"))
    }

    @Test func signedTokensAreNotEncrypted() {
        for token in [TestToken.v2AccessToken(), .v2IDToken(), .appOnlyToken()] {
            #expect(!RuleHarness.has(RuleHarness.inspect(token, flow: .obo), .encrypted))
        }
    }

    // opaque

    @Test("opaque: an error only for On-Behalf-Of", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .error),
    ])
    func opaqueMSAToken(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(RuleHarness.msaCompactToken, RuleHarness.context(flow: flow))
        #expect(report.token.format == .opaque)
        #expect(report.kind == .accessToken, "the `Ew` prefix marks an MSA access token")
        let finding = try RuleHarness.finding(report, .opaque)
        #expect(finding.severity == severity)
        #expect(finding.claims.isEmpty)
        #expect(finding.message == "not a JWT: this token cannot be decoded")
        #expect(finding.detail.contains("personal-account (MSA) access token"))
        #expect(finding.detail.contains("On-Behalf-Of assertion must be a JWT") == (flow == .obo))
        #expect(!RuleHarness.has(report, .malformed))
    }

    @Test("pasted opaque text is described, not mistaken for a JWT")
    func opaqueRandomText() throws {
        let reports = try RuleHarness.reports(text: "Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1eg")
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.kind == .unknown)
        let finding = try RuleHarness.finding(report, .opaque)
        #expect(finding.detail.contains("-character string that is not a JWT"))
    }

    @Test func jwtsAreNotOpaque() {
        for raw in [TestToken.v2AccessToken().signed(), TestToken.v2AccessToken().unsigned(), RuleHarness.jwe()] {
            #expect(!RuleHarness.has(RuleHarness.inspect(raw, RuleHarness.context(flow: .obo)), .opaque))
        }
    }

    // unsigned

    @Test("unsigned: `alg: none` is an error in every flow", arguments: [Flow?.none, .obo, .clientCredentials])
    func algNone(flow: Flow?) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().unsigned(), RuleHarness.context(flow: flow))
        let finding = try RuleHarness.finding(report, .unsigned)
        #expect(finding.severity == .error)
        #expect(finding.claims == ["alg"])
        #expect(finding.message == "the token is unsigned (`alg: none`)")
        #expect(!RuleHarness.has(report, .malformed))
    }

    @Test("`alg: None` in any case, even with a signature, is unsigned")
    func algNoneAnyCase() throws {
        var token = TestToken.v2AccessToken()
        let signed = token.signed()
        token.setHeader("alg", .string("None"))
        let header = Base64URL.encode(Array(JSONWriter.write(.object(token.header), pretty: false).utf8))
        let raw = header + signed.drop { $0 != "." }
        #expect(try RuleHarness.finding(RuleHarness.inspect(raw), .unsigned).message.contains("alg: none"))
    }

    @Test func emptySignature() throws {
        let signed = TestToken.v2AccessToken().signed()
        let raw = String(signed[..<signed.lastIndex(of: ".")!]) + "."
        let finding = try RuleHarness.finding(RuleHarness.inspect(raw), .unsigned)
        #expect(finding.message == "the token has an empty signature")
        #expect(finding.severity == .error)
    }

    @Test("a signed token, or a broken signature (malformed), is not reported as unsigned")
    func signedIsNotUnsigned() throws {
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken()), .unsigned))
        let signed = TestToken.v2AccessToken().signed()
        let broken = String(signed[..<signed.lastIndex(of: ".")!]) + ".a"
        let report = RuleHarness.inspect(broken)
        #expect(!RuleHarness.has(report, .unsigned))
        #expect(try RuleHarness.finding(report, .malformed).message == "the signature is not valid base64url")
    }

    // malformed

    @Test("a claim written twice is malformed, naming the claim")
    func duplicateClaim() throws {
        var token = TestToken.v2AccessToken()
        token.claims.append(("scp", .string("Admin.All")))
        let report = RuleHarness.inspect(token)
        let finding = try RuleHarness.finding(report, .malformed)
        #expect(finding.severity == .error)
        #expect(finding.claims.isEmpty)
        #expect(finding.message.hasPrefix("the payload has `scp` 2 times"))
        #expect(report.hasErrors)
    }

    @Test("each duplicated member gets one finding, in the header too")
    func duplicateHeaderAndPayloadMembers() {
        var token = TestToken.v2AccessToken()
        token.header.append(("kid", .string("other-key")))
        token.claims.append(("aud", .string("api://other")))
        token.claims.append(("aud", .string("api://third")))
        let messages = RuleHarness.findings(RuleHarness.inspect(token), .malformed).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("the header has `kid` 2 times") })
        #expect(messages.contains { $0.hasPrefix("the payload has `aud` 3 times") })
    }

    @Test("broken parts are malformed, each naming the part", arguments: [
        ("bm90IGpzb24.e30.c2ln", "the header is not JSON"),
        ("e30.bm90IGpzb24.c2ln", "the payload is not JSON"),
        ("e30..c2ln", "the payload is empty"),
        ("e30.W10.c2ln", "the payload is JSON array, expected an object"),
        ("e30.e30.@@@@", "the signature is not valid base64url"),
    ])
    func brokenParts(raw: String, message: String) {
        let messages = RuleHarness.findings(RuleHarness.inspect(raw), .malformed).map(\.message)
        #expect(messages.contains { $0.hasPrefix(message) }, "\(messages)")
    }

    @Test("a JWT cut short is malformed (and opaque)")
    func truncatedJWT() throws {
        let signed = TestToken.v2AccessToken().signed()
        let cut = String(signed[..<signed.lastIndex(of: ".")!])
        let report = RuleHarness.inspect(cut)
        #expect(try RuleHarness.finding(report, .malformed).message.hasPrefix("the token has 2 dot-separated parts"))
        #expect(try RuleHarness.finding(report, .opaque).detail.contains("cut short"))
    }

    @Test func wellFormedTokensAreNotMalformed() {
        for token in [TestToken.v2AccessToken(), .v2IDToken(), .appOnlyToken(), .v1AccessToken(), RuleHarness.graphToken()] {
            #expect(!RuleHarness.has(RuleHarness.inspect(token), .malformed))
        }
        #expect(!RuleHarness.has(RuleHarness.inspect(RuleHarness.jwe()), .malformed))
        #expect(!RuleHarness.has(RuleHarness.inspect(RuleHarness.msaCompactToken), .malformed))
    }

    // refresh-token

    static let entraRefreshToken = "0.AXYZ" + String(repeating: "qRsTuVwXyZ", count: 12)

    @Test("refresh-token: an error only for On-Behalf-Of", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .error),
    ])
    func refreshTokenInResponse(flow: Flow?, severity: Severity) throws {
        let reports = try RuleHarness.reports(text: #"{"token_type":"Bearer","refresh_token":"\#(Self.entraRefreshToken)"}"#,
                                              RuleHarness.context(flow: flow))
        let report = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(report.kind == .refreshToken)
        let finding = try RuleHarness.finding(report, .refreshToken)
        #expect(finding.severity == severity)
        #expect(finding.claims.isEmpty)
        #expect(finding.message == "this is a refresh token")
        #expect(try RuleHarness.finding(report, .opaque).detail.contains("An Entra ID refresh token"))
    }

    @Test("in a full token response only the refresh token is reported as one")
    func tokenResponse() throws {
        let text = """
        {"token_type":"Bearer","access_token":"\(TestToken.v2AccessToken().signed())",
         "id_token":"\(TestToken.v2IDToken().signed())","refresh_token":"\(Self.entraRefreshToken)"}
        """
        let reports = try RuleHarness.reports(text: text)
        #expect(reports.map(\.kind) == [.accessToken, .idToken, .refreshToken])
        #expect(reports.map { RuleHarness.has($0, .refreshToken) } == [false, false, true])
    }

    @Test("an MSA refresh token is recognised by its prefix alone")
    func msaRefreshTokenPrefix() throws {
        let report = RuleHarness.inspect("M.C5" + String(repeating: "abcXYZ_-09", count: 12), RuleHarness.context(flow: .obo))
        #expect(report.kind == .refreshToken)
        #expect(try RuleHarness.finding(report, .refreshToken).severity == .error)
    }

    /// Real refresh tokens often have two or four dots, so they split like a JWS or a JWE.
    @Test("refresh tokens with two or four dots are refresh tokens, not malformed JWTs", arguments: [
        "0.AXYZabcdefghijklmnop-qrs.AgABAAEAAAD--DLA3VO7QrddgJg7WevrAgDs_wUA9P" + String(repeating: "x", count: 60),
        "M.C105_BAY.-CRx" + String(repeating: "Ab9_", count: 30),
        "M.C532_BL2.0.U.-Cg" + String(repeating: "Ab9_", count: 30),
    ])
    func refreshTokensWithDots(raw: String) throws {
        let reports = try RuleHarness.reports(text: #"{"refresh_token":"\#(raw)"}"#)
        let report = try #require(reports.first)
        #expect(report.kind == .refreshToken)
        #expect(RuleHarness.has(report, .refreshToken))
        #expect(report.token.format == .opaque)
        #expect(!RuleHarness.has(report, .malformed), "\(RuleHarness.ids(report))")
    }

    @Test func accessAndIDTokensAreNotRefreshTokens() {
        for token in [TestToken.v2AccessToken(), .v2IDToken()] {
            #expect(!RuleHarness.has(RuleHarness.inspect(token, flow: .obo), .refreshToken))
        }
        #expect(!RuleHarness.has(RuleHarness.inspect(RuleHarness.msaCompactToken), .refreshToken))
    }
}

// MARK: - Lifetime

@Suite("Finding rules: lifetime")
struct FindingRulesLifetimeTests {
    static let now = TestToken.now

    /// A token valid from `start` (nbf and iat) until `exp`.
    static func token(start: Int64 = now - 600, exp: Int64) -> TestToken {
        TestToken.v2AccessToken().with("nbf", TestToken.number(start)).with("iat", TestToken.number(start)).with("exp", TestToken.number(exp))
    }

    // expired

    @Test("expired within the clock-skew allowance is a warning")
    func expiredWithinSkew() throws {
        let finding = try RuleHarness.finding(RuleHarness.inspect(Self.token(exp: Self.now - 120)), .expired)
        #expect(finding.severity == .warning)
        #expect(finding.claims == ["exp"])
        #expect(finding.message.hasPrefix("expired "))
        #expect(finding.message.contains("clock-skew allowance"))
    }

    @Test("expired beyond the clock skew is an error in every flow", arguments: [Flow?.none, .obo, .clientCredentials])
    func expiredBeyondSkew(flow: Flow?) throws {
        let finding = try RuleHarness.finding(RuleHarness.inspect(Self.token(exp: Self.now - 600), flow: flow), .expired)
        #expect(finding.severity == .error)
        #expect(finding.message.hasPrefix("expired "))
        #expect(finding.message.contains(TimeText.utc(Self.now - 600)))
        #expect(!finding.message.contains("clock-skew"))
    }

    @Test("the skew decides between warning and error", arguments: [
        (Int64(120), Int64(60), Severity.error),    // 2 min late, 1 min allowed
        (Int64(120), Int64(0), Severity.error),
        (Int64(600), Int64(900), Severity.warning), // 10 min late, 15 min allowed
        (Int64(300), Int64(300), Severity.warning), // exactly at the allowance
        (Int64(301), Int64(300), Severity.error),
        (Int64(0), Int64(300), Severity.warning),   // exp == now: no longer valid
    ])
    func customSkew(late: Int64, skew: Int64, severity: Severity) throws {
        let report = RuleHarness.inspect(Self.token(exp: Self.now - late), RuleHarness.context(skew: skew))
        #expect(try RuleHarness.finding(report, .expired).severity == severity)
    }

    @Test func notExpired() {
        for exp in [Self.now + 1, Self.now + 3900] {
            #expect(!RuleHarness.has(RuleHarness.inspect(Self.token(exp: exp)), .expired))
        }
        #expect(!RuleHarness.has(RuleHarness.inspect(TestToken.v2AccessToken().without("exp")), .expired))
    }

    // not-yet-valid

    @Test("not-yet-valid beyond the skew is an error", arguments: [Flow?.none, .obo])
    func notYetValid(flow: Flow?) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("nbf", TestToken.number(Self.now + 600)), flow: flow)
        let finding = try RuleHarness.finding(report, .notYetValid)
        #expect(finding.severity == .error)
        #expect(finding.claims == ["nbf"])
        #expect(finding.message.contains(TimeText.utc(Self.now + 600)))
    }

    @Test func notYetValidRespectsSkew() {
        let early = TestToken.v2AccessToken().with("nbf", TestToken.number(Self.now + 200))
        #expect(!RuleHarness.has(RuleHarness.inspect(early), .notYetValid), "200 s ahead is within the default 300 s skew")
        #expect(RuleHarness.has(RuleHarness.inspect(early, RuleHarness.context(skew: 60)), .notYetValid))
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken()), .notYetValid))
    }

    // issued-in-future

    @Test func issuedInFuture() throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("iat", TestToken.number(Self.now + 3600)))
        let finding = try RuleHarness.finding(report, .issuedInFuture)
        #expect(finding.severity == .warning)
        #expect(finding.claims == ["iat"])
        #expect(finding.message.contains("in the future"))
        #expect(!RuleHarness.has(report, .notYetValid), "nbf is still in the past")
    }

    @Test func issuedInFutureRespectsSkew() {
        let slightlyAhead = TestToken.v2AccessToken().with("iat", TestToken.number(Self.now + 120))
        #expect(!RuleHarness.has(RuleHarness.inspect(slightlyAhead), .issuedInFuture))
        #expect(RuleHarness.has(RuleHarness.inspect(slightlyAhead, RuleHarness.context(skew: 0)), .issuedInFuture))
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken()), .issuedInFuture))
    }

    // long-lifetime

    @Test("long-lifetime severity by length and CAE", arguments: [
        (Int64(3 * 3600), false, Severity.info, "longer than the 60–90 minute default"),
        (Int64(25 * 3600), false, Severity.warning, "without CAE"),
        (Int64(30 * 3600), false, Severity.warning, "longer than Entra ever issues"),
        (Int64(30 * 3600), true, Severity.warning, "longer than Entra ever issues"),
    ])
    func longLifetime(lifetime: Int64, cae: Bool, severity: Severity, text: String) throws {
        var token = Self.token(exp: Self.now - 600 + lifetime)
        if cae { token.set("xms_cc", RuleHarness.strings("cp1")) }
        let finding = try RuleHarness.finding(RuleHarness.inspect(token), .longLifetime)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["exp", "nbf", "iat"])
        #expect(finding.message.contains(text))
    }

    @Test("usual and CAE lifetimes are not long", arguments: [
        (Int64(75 * 60), false), (Int64(2 * 3600), false), (Int64(3 * 3600), true), (Int64(25 * 3600), true), (Int64(28 * 3600), true),
    ])
    func normalLifetime(lifetime: Int64, cae: Bool) {
        var token = Self.token(exp: Self.now - 600 + lifetime)
        if cae { token.set("xms_cc", RuleHarness.strings("cp1")) }
        #expect(!RuleHarness.has(RuleHarness.inspect(token), .longLifetime))
    }

    @Test("without nbf the lifetime is measured from iat")
    func lifetimeFromIat() throws {
        let token = Self.token(exp: Self.now + 5 * 3600).without("nbf")
        #expect(try RuleHarness.finding(RuleHarness.inspect(token), .longLifetime).severity == .info)
    }
}

// MARK: - Version

@Suite("Finding rules: token version")
struct FindingRulesVersionTests {
    @Test("v1-token is information for v1.0 access tokens", arguments: [Flow?.none, .obo])
    func v1AccessToken(flow: Flow?) throws {
        let report = RuleHarness.inspect(.v1AccessToken(), flow: flow)
        #expect(report.version == "1.0")
        let finding = try RuleHarness.finding(report, .v1Token)
        #expect(finding.severity == .info)
        #expect(finding.claims == ["ver", "iss"])
        #expect(finding.message.contains("v1.0 access token"))
    }

    @Test("without `ver`, the sts.windows.net issuer marks a v1.0 token")
    func v1ByIssuer() {
        let report = RuleHarness.inspect(TestToken.v1AccessToken().without("ver"))
        #expect(report.version == "1.0")
        #expect(RuleHarness.has(report, .v1Token))
    }

    @Test("v1-token is not raised for v2.0 tokens or v1.0 ID tokens")
    func notV1Token() {
        let v1IDToken = TestToken.v1AccessToken().without("appid", "appidacr", "scp").with("aud", .string(TestToken.client)).with("nonce", .string("n"))
        for token in [TestToken.v2AccessToken(), .appOnlyToken(), .v2IDToken(), v1IDToken] {
            let report = RuleHarness.inspect(token)
            #expect(!RuleHarness.has(report, .v1Token), "\(RuleHarness.ids(report))")
        }
    }

    @Test("version-mismatch names the inconsistency", arguments: [
        (TestToken.v2AccessToken().with("iss", .string("https://sts.windows.net/\(TestToken.tenant)/")), "`ver` is 2.0 but the issuer has the v1 form"),
        (TestToken.v1AccessToken().with("iss", .string("https://login.microsoftonline.com/\(TestToken.tenant)/v2.0")), "`ver` is 1.0 but the issuer has the v2.0 form"),
        (TestToken.v2AccessToken().without("azp").with("appid", .string(TestToken.client)), "a v2.0 token carries v1's `appid` instead of `azp`"),
        (TestToken.v1AccessToken().without("appid").with("azp", .string(TestToken.client)), "a v1.0 token carries v2's `azp` instead of `appid`"),
    ])
    func versionMismatch(token: TestToken, message: String) throws {
        let finding = try RuleHarness.finding(RuleHarness.inspect(token), .versionMismatch)
        #expect(finding.severity == .warning)
        #expect(finding.claims == ["ver", "iss"])
        #expect(finding.message.hasPrefix(message))
    }

    @Test("consistent tokens, B2C and foreign issuers raise no version-mismatch")
    func noVersionMismatch() {
        let consistent = [
            TestToken.v2AccessToken(), .v1AccessToken(), .v2IDToken(), .appOnlyToken(),
            // B2C writes v2.0-style issuers whatever `ver` says.
            TestToken.v2AccessToken().with("ver", .string("1.0")).with("appid", .string(TestToken.client))
                .with("iss", .string("https://contoso.b2clogin.com/\(TestToken.tenant)/v2.0/")),
            TestToken.v2AccessToken().with("ver", .string("1.0")).with("appid", .string(TestToken.client))
                .with("iss", .string("https://idp.example.com/tenant/v2.0")),
        ]
        for token in consistent {
            let report = RuleHarness.inspect(token)
            #expect(!RuleHarness.has(report, .versionMismatch), "\(RuleHarness.ids(report))")
        }
    }
}

// MARK: - Tenant

@Suite("Finding rules: tenant, guest, personal account, B2C, issuer")
struct FindingRulesTenantTests {
    static let contosoV2Issuer = "https://login.microsoftonline.com/\(TestToken.tenant)/v2.0"

    // tenant-mismatch

    @Test("tenant-mismatch is an error in every flow", arguments: [Flow?.none, .obo, .clientCredentials])
    func tenantMismatch(flow: Flow?) throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(flow: flow, tenant: RuleHarness.otherTenant))
        let finding = try RuleHarness.finding(report, .tenantMismatch)
        #expect(finding.severity == .error)
        #expect(finding.claims == ["tid", "iss"])
        #expect(finding.message == "the token is from tenant \(TestToken.tenant), expected \(RuleHarness.otherTenant)")
    }

    @Test("a domain cannot be compared, and the message says so")
    func tenantDomain() throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(tenant: "contoso.example"))
        #expect(try RuleHarness.finding(report, .tenantMismatch).message.contains("is not a GUID"))
    }

    @Test("the tenant matches by `tid` or by the issuer's tenant, ignoring case")
    func tenantMatches() {
        let cases: [(TestToken, String)] = [
            (.v2AccessToken(), TestToken.tenant),
            (.v2AccessToken(), TestToken.tenant.uppercased()),
            (TestToken.v2AccessToken().without("tid"), TestToken.tenant),
            (.v1AccessToken(), TestToken.tenant),
        ]
        for (token, expected) in cases {
            #expect(!RuleHarness.has(RuleHarness.inspect(token, RuleHarness.context(tenant: expected)), .tenantMismatch))
        }
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken()), .tenantMismatch))
    }

    // multi-tenant-authority

    @Test("multi-tenant-authority severity by flow and guest", arguments: [
        (Flow?.none, false, Severity.info), (Flow?.none, true, Severity.warning),
        (.authCode, false, .info), (.authCode, true, .warning),
        (.obo, false, .warning), (.obo, true, .error),
        (.clientCredentials, false, .error), (.clientCredentials, true, .error),
    ])
    func multiTenantAuthority(flow: Flow?, guest: Bool, severity: Severity) throws {
        let token = guest ? TestToken.v2AccessToken().with("acct", TestToken.number(1)) : .v2AccessToken()
        let report = RuleHarness.inspect(token, RuleHarness.context(flow: flow, authority: "https://login.microsoftonline.com/common"))
        let finding = try RuleHarness.finding(report, .multiTenantAuthority)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["tid"])
        #expect(finding.message == "the authority uses `/common`, not a tenant")
    }

    @Test("every tenant-less authority form is recognised", arguments: [
        ("https://login.microsoftonline.com/organizations/v2.0", "organizations"),
        ("https://login.microsoftonline.com/Common/", "common"),
        ("consumers", "consumers"),
        ("COMMON", "common"),
    ])
    func authorityForms(authority: String, segment: String) throws {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(flow: .obo, authority: authority))
        #expect(try RuleHarness.finding(report, .multiTenantAuthority).message.contains("`/\(segment)`"))
    }

    @Test("tenant-specific authorities, or none, are fine", arguments: [
        "https://login.microsoftonline.com/\(TestToken.tenant)", "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
        "https://login.microsoftonline.com/", TestToken.tenant,
    ])
    func tenantAuthority(authority: String) {
        let report = RuleHarness.inspect(.v2AccessToken(), RuleHarness.context(flow: .clientCredentials, authority: authority))
        #expect(!RuleHarness.has(report, .multiTenantAuthority))
    }

    @Test func noAuthorityNoFinding() {
        #expect(!RuleHarness.has(RuleHarness.inspect(.v2AccessToken(), flow: .clientCredentials), .multiTenantAuthority))
    }

    // guest-user

    @Test("guest-user: a warning for On-Behalf-Of, information otherwise", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .warning),
    ])
    func guestByAcct(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("acct", TestToken.number(1)), flow: flow)
        let finding = try RuleHarness.finding(report, .guestUser)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["acct"])
        #expect(finding.message == "the user is a guest (B2B) in tenant \(TestToken.tenant)")
        #expect(finding.detail.contains("https://login.microsoftonline.com/\(TestToken.tenant)"))
    }

    @Test("every guest signal is recognised and named as evidence", arguments: [
        (TestToken.v2AccessToken().with("acct", .string("1")), ["acct"]),
        (TestToken.v1AccessToken().with("upn", .string("bob_fabrikam.example#EXT#@contoso.onmicrosoft.com")), ["upn"]),
        (TestToken.v1AccessToken().without("upn").with("unique_name", .string("bob_fabrikam.example#EXT#@contoso.onmicrosoft.com")), ["unique_name"]),
        (TestToken.v2AccessToken().with("idp", .string("https://sts.windows.net/\(RuleHarness.otherTenant)/")), ["idp"]),
        (TestToken.v2AccessToken().with("idp", .string("live.com")), ["idp"]),
        (TestToken.v2AccessToken().with("idp", .string("live.com")).with("acct", TestToken.number(1)), ["idp", "acct"]),
    ])
    func guestSignals(token: TestToken, claims: [String]) throws {
        #expect(try RuleHarness.finding(RuleHarness.inspect(token), .guestUser).claims == claims)
    }

    @Test("members are not guests")
    func members() {
        let members = [
            TestToken.v2AccessToken(), .v1AccessToken(), .appOnlyToken(),
            TestToken.v2AccessToken().with("acct", TestToken.number(0)),
            TestToken.v2AccessToken().with("idp", .string(Self.contosoV2Issuer)),
            TestToken.v1AccessToken().with("upn", .string("bob@contoso.example")),
        ]
        for token in members {
            let report = RuleHarness.inspect(token, flow: .obo)
            #expect(!RuleHarness.has(report, .guestUser), "\(RuleHarness.ids(report))")
        }
    }

    // personal-account

    static func msaUser() -> TestToken {
        TestToken.v2AccessToken().with("tid", .string(RuleHarness.consumerTenant))
            .with("iss", .string("https://login.microsoftonline.com/\(RuleHarness.consumerTenant)/v2.0"))
    }

    @Test("personal-account is information; an MSA user with an idp is not a guest", arguments: [Flow?.none, .obo])
    func personalAccount(flow: Flow?) throws {
        let report = RuleHarness.inspect(Self.msaUser().with("idp", .string("live.com")), flow: flow)
        let finding = try RuleHarness.finding(report, .personalAccount)
        #expect(finding.severity == .info)
        #expect(finding.claims == ["tid"])
        #expect(finding.message.contains("personal Microsoft account"))
        #expect(!RuleHarness.has(report, .guestUser))
    }

    @Test("the consumer tenant in the issuer alone marks a personal account")
    func personalAccountByIssuer() {
        #expect(RuleHarness.has(RuleHarness.inspect(Self.msaUser().without("tid")), .personalAccount))
    }

    @Test func workAccountsAreNotPersonal() {
        for token in [TestToken.v2AccessToken(), .v1AccessToken(), TestToken.v2AccessToken().with("idp", .string("live.com"))] {
            #expect(!RuleHarness.has(RuleHarness.inspect(token), .personalAccount))
        }
    }

    // b2c-token

    static let b2cIssuer = "https://contoso.b2clogin.com/\(TestToken.tenant)/v2.0/"

    @Test("b2c-token is an error only for On-Behalf-Of", arguments: [
        (Flow?.none, Severity.info), (.authCode, .info), (.clientCredentials, .info), (.obo, .error),
    ])
    func b2cByIssuer(flow: Flow?, severity: Severity) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("iss", .string(Self.b2cIssuer)), flow: flow)
        let finding = try RuleHarness.finding(report, .b2cToken)
        #expect(finding.severity == severity)
        #expect(finding.claims == ["iss"])
        #expect(finding.message == "issued by Azure AD B2C")
        #expect(!RuleHarness.has(report, .unknownIssuer))
    }

    @Test("a `tfp` claim marks B2C even behind a custom domain")
    func b2cByPolicyClaim() throws {
        let token = TestToken.v2AccessToken().with("iss", .string("https://login.contoso.example/\(TestToken.tenant)/v2.0/"))
            .with("tfp", .string("B2C_1_signupsignin"))
        let report = RuleHarness.inspect(token)
        #expect(try RuleHarness.finding(report, .b2cToken).claims == ["iss", "tfp"])
        #expect(RuleHarness.has(report, .unknownIssuer))
    }

    @Test func entraTokensAreNotB2C() {
        for token in [TestToken.v2AccessToken(), .v1AccessToken(),
                      TestToken.v2AccessToken().with("iss", .string("https://contoso.ciamlogin.com/\(TestToken.tenant)/v2.0"))] {
            #expect(!RuleHarness.has(RuleHarness.inspect(token, flow: .obo), .b2cToken))
        }
    }

    // unknown-issuer

    @Test("unknown-issuer is information", arguments: [Flow?.none, .obo])
    func unknownIssuer(flow: Flow?) throws {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("iss", .string("https://idp.example.com/realms/main")), flow: flow)
        let finding = try RuleHarness.finding(report, .unknownIssuer)
        #expect(finding.severity == .info)
        #expect(finding.claims == ["iss"])
        #expect(finding.message == "the issuer idp.example.com is not a Microsoft Entra cloud")
    }

    @Test("Entra clouds, B2C, External ID and loopback issuers are known", arguments: [
        "https://login.microsoftonline.com/\(TestToken.tenant)/v2.0",
        "https://sts.windows.net/\(TestToken.tenant)/",
        "https://login.microsoftonline.us/\(TestToken.tenant)/v2.0",
        "https://sts.chinacloudapi.cn/\(TestToken.tenant)/",
        "https://contoso.b2clogin.com/\(TestToken.tenant)/v2.0/",
        "https://contoso.ciamlogin.com/\(TestToken.tenant)/v2.0",
        "http://127.0.0.1:8443/\(TestToken.tenant)/v2.0",
    ])
    func knownIssuers(iss: String) {
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("iss", .string(iss)))
        #expect(!RuleHarness.has(report, .unknownIssuer))
    }

    @Test func noIssuerNoUnknownIssuer() {
        #expect(!RuleHarness.has(RuleHarness.inspect(TestToken.v2AccessToken().without("iss")), .unknownIssuer))
    }
}

// MARK: - Claim types

@Suite("Finding rules: claim types")
struct FindingRulesClaimTypeTests {
    @Test("a string `exp` is a claim-type warning and not an expiry")
    func stringExp() throws {
        let past = String(TestToken.now - 86_400)
        let report = RuleHarness.inspect(TestToken.v2AccessToken().with("exp", .string(past)), flow: .obo)
        let finding = try RuleHarness.finding(report, .claimType)
        #expect(finding.severity == .warning)
        #expect(finding.claims == ["exp"])
        #expect(finding.message == "`exp` is a string, expected a number")
        #expect(!RuleHarness.has(report, .expired))
        #expect(!RuleHarness.has(report, .longLifetime))
    }

    @Test("each standard claim is checked for its JSON type", arguments: [
        ("exp", JSONValue.number("1e13"), "`exp` is an out-of-range number, expected a number"),
        ("nbf", JSONValue.bool(true), "`nbf` is a boolean, expected a number"),
        ("iat", JSONValue.null, "`iat` is a null, expected a number"),
        ("aud", JSONValue.number("42"), "`aud` is a number, expected a string or array of strings"),
        ("aud", JSONValue.array([.string("a"), .number("1")]), "`aud` is an array, expected a string or array of strings"),
        ("iss", JSONValue.array([.string("https://login.microsoftonline.com/x/v2.0")]), "`iss` is an array, expected a string"),
        ("scp", JSONValue.array([.string("access_as_user")]), "`scp` is an array, expected a string"),
        ("tid", JSONValue.object([]), "`tid` is an object, expected a string"),
        ("roles", JSONValue.string("Data.Read"), "`roles` is a string, expected an array of strings"),
        ("wids", JSONValue.string("62e90394-69f5-4237-9190-012177145e10"), "`wids` is a string, expected an array of strings"),
        ("amr", JSONValue.string("pwd"), "`amr` is a string, expected an array of strings"),
        ("groups", JSONValue.array([.number("1")]), "`groups` is an array, expected an array of strings"),
    ])
    func wrongType(name: String, value: JSONValue, message: String) throws {
        let finding = try RuleHarness.finding(RuleHarness.inspect(TestToken.v2AccessToken().with(name, value)), .claimType)
        #expect(finding.claims == [name])
        #expect(finding.severity == .warning)
        #expect(finding.message == message)
    }

    @Test("legal forms raise nothing: numbers with fractions, `aud` as an array, empty arrays")
    func rightTypes() {
        let fine = [
            TestToken.v2AccessToken(), .v1AccessToken(), .appOnlyToken(), .v2IDToken(),
            TestToken.v2AccessToken().with("exp", .number("\(TestToken.now + 3600).5")),
            TestToken.v2AccessToken().with("aud", RuleHarness.strings(TestToken.middleTier, "api://middle-tier")),
            TestToken.v2AccessToken().with("groups", .array([])).with("amr", RuleHarness.strings("pwd", "mfa")),
            TestToken.v2AccessToken().with("custom", .number("1")),
        ]
        for token in fine {
            let report = RuleHarness.inspect(token)
            #expect(!RuleHarness.has(report, .claimType), "\(RuleHarness.ids(report))")
        }
    }
}

// MARK: - Ordering

@Suite("Finding rules: ordering")
struct FindingRulesOrderTests {
    @Test("findings are listed most severe first, then in rule order")
    func mostSevereFirst() {
        let token = TestToken.v1AccessToken()
            .with("exp", TestToken.number(TestToken.now - 600))          // expired: error (lifetime)
            .with("iat", TestToken.number(TestToken.now + 600))          // issued-in-future: warning (lifetime)
            .with("amr", RuleHarness.strings("pwd"))                      // mfa-not-in-amr: info (kind)
            .with("acct", TestToken.number(1))                            // guest-user: info (tenant)
            .with("wids", .string("62e90394-69f5-4237-9190-012177145e10")) // claim-type: warning
        let report = RuleHarness.inspect(token, RuleHarness.context(audiences: [RuleHarness.otherTenant])) // audience-mismatch: error
        #expect(report.findings.map(\.id) == [
            .audienceMismatch, .expired, .issuedInFuture, .claimType, .mfaNotInAmr, .guestUser, .v1Token,
        ])
        let severities = report.findings.map(\.severity)
        #expect(severities == severities.sorted())
    }

    @Test("the order holds for every flow", arguments: [Flow?.none, .obo, .authCode, .clientCredentials])
    func sortedInEveryFlow(flow: Flow?) {
        let token = TestToken.appOnlyToken()
            .with("exp", TestToken.number(TestToken.now - 120))
            .with("xms_cc", RuleHarness.strings("cp1"))
            .with("iss", .string("https://idp.example.com/t"))
            .with("tid", .object([]))
        let report = RuleHarness.inspect(token, RuleHarness.context(flow: flow, tenant: RuleHarness.otherTenant, scopes: ["Data.Write.All"],
                                                                    authority: "common"))
        let severities = report.findings.map(\.severity)
        #expect(report.findings.count >= 6)
        #expect(severities == severities.sorted(), "\(RuleHarness.ids(report))")
        #expect(report.findings.first?.severity == .error)
        #expect(report.findings.last?.severity == .info)
    }
}
