import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

// The On-Behalf-Of readiness verdict (`--flow obo`). Harness: `RuleHarness` in FindingRulesTests.swift.

@Suite("Finding rules: On-Behalf-Of readiness")
struct FindingRulesOBOTests {
    static func readiness(_ token: TestToken, audiences: [String] = [], tenant: String? = nil, scopes: [String] = [],
                          authority: String? = nil, now: Int64 = TestToken.now) throws -> OBOReadiness {
        try readiness(token.signed(), audiences: audiences, tenant: tenant, scopes: scopes, authority: authority, now: now)
    }

    static func readiness(_ raw: String, audiences: [String] = [], tenant: String? = nil, scopes: [String] = [],
                          authority: String? = nil, now: Int64 = TestToken.now) throws -> OBOReadiness {
        let report = RuleHarness.inspect(raw, RuleHarness.context(flow: .obo, audiences: audiences, tenant: tenant,
                                                                  scopes: scopes, authority: authority, now: now))
        return try #require(report.oboReadiness)
    }

    static func status(_ readiness: OBOReadiness) -> [String: CheckStatus] {
        Dictionary(uniqueKeysWithValues: readiness.checks.map { ($0.check, $0.status) })
    }

    static func check(_ readiness: OBOReadiness, _ name: String) throws -> OBOCheck {
        try #require(readiness.checks.first { $0.check == name }, "no `\(name)` check in \(readiness.checks.map(\.check))")
    }

    static let allChecks = ["jwt", "signed", "access-token", "delegated", "audience", "lifetime", "tenant", "issuer"]

    @Test("a delegated token for the middle tier is ready: every check passes")
    func goodToken() throws {
        let readiness = try Self.readiness(.v2AccessToken(), audiences: [TestToken.middleTier])
        #expect(readiness.ready)
        #expect(readiness.checks.map(\.check) == Self.allChecks, "no `scope` check unless scopes are expected")
        #expect(readiness.checks.allSatisfy { $0.status == .pass }, "\(readiness.checks)")
        #expect(try Self.check(readiness, "delegated").message.contains("access_as_user"))
    }

    @Test("a v1.0 token for the middle tier's App ID URI, with its scope, is ready")
    func goodV1TokenWithScope() throws {
        let readiness = try Self.readiness(.v1AccessToken(), audiences: ["api://middle-tier/"],
                                           tenant: TestToken.tenant, scopes: ["api://middle-tier/access_as_user"])
        #expect(readiness.ready)
        #expect(readiness.checks.map(\.check) == ["jwt", "signed", "access-token", "delegated", "audience", "lifetime", "tenant", "scope", "issuer"])
        #expect(readiness.checks.allSatisfy { $0.status == .pass }, "\(readiness.checks)")
    }

    @Test("no readiness verdict without --flow obo", arguments: [Flow?.none, .authCode, .clientCredentials])
    func onlyForOBO(flow: Flow?) {
        #expect(RuleHarness.inspect(.v2AccessToken(), flow: flow).oboReadiness == nil)
    }

    @Test("an ID token is not ready: wrong kind, no scopes, aud is the client")
    func idToken() throws {
        let readiness = try Self.readiness(.v2IDToken(), audiences: [TestToken.middleTier])
        #expect(!readiness.ready)
        #expect(Self.status(readiness) == [
            "jwt": .pass, "signed": .pass, "access-token": .fail, "delegated": .fail,
            "audience": .fail, "lifetime": .pass, "tenant": .pass, "issuer": .pass,
        ])
        #expect(try Self.check(readiness, "access-token").message.contains("AADSTS240002"))
    }

    @Test("an ID token does not pass an expected-scope check: it carries no scopes")
    func idTokenWithExpectedScope() throws {
        let readiness = try Self.readiness(.v2IDToken(), audiences: [TestToken.middleTier], scopes: ["access_as_user"])
        #expect(!readiness.ready)
        let scope = try Self.check(readiness, "scope")
        #expect(scope.status == .fail, "\(scope.message)")
    }

    @Test("an app-only token is not ready: there is no user to act for")
    func appOnlyToken() throws {
        let readiness = try Self.readiness(.appOnlyToken(), audiences: [TestToken.middleTier])
        #expect(!readiness.ready)
        #expect(Self.status(readiness) == [
            "jwt": .pass, "signed": .pass, "access-token": .pass, "delegated": .fail,
            "audience": .pass, "lifetime": .pass, "tenant": .pass, "issuer": .pass,
        ])
        #expect(try Self.check(readiness, "delegated").message.contains("app-only"))
    }

    @Test("an expired token is not ready; one within the clock skew still is")
    func expiredToken() throws {
        let expired = try Self.readiness(TestToken.v2AccessToken().with("exp", TestToken.number(TestToken.now - 600)),
                                         audiences: [TestToken.middleTier])
        #expect(!expired.ready)
        let lifetime = try Self.check(expired, "lifetime")
        #expect(lifetime.status == .fail)
        #expect(lifetime.message.contains("AADSTS500133"))
        #expect(Self.status(expired).filter { $0.value != .pass }.keys.sorted() == ["lifetime"])

        let justExpired = try Self.readiness(TestToken.v2AccessToken().with("exp", TestToken.number(TestToken.now - 60)),
                                             audiences: [TestToken.middleTier])
        #expect(justExpired.ready)
        #expect(try Self.check(justExpired, "lifetime").status == .pass)
    }

    @Test("not yet valid, or no usable `exp`, fails the lifetime check")
    func unusableLifetime() throws {
        let early = try Self.readiness(TestToken.v2AccessToken().with("nbf", TestToken.number(TestToken.now + 3600)),
                                       audiences: [TestToken.middleTier])
        #expect(try Self.check(early, "lifetime").status == .fail)
        #expect(!early.ready)

        let stringExp = try Self.readiness(TestToken.v2AccessToken().with("exp", .string("\(TestToken.now + 3600)")),
                                           audiences: [TestToken.middleTier])
        let lifetime = try Self.check(stringExp, "lifetime")
        #expect(lifetime.status == .fail)
        #expect(lifetime.message == "no usable `exp`")
    }

    @Test("a Microsoft Graph token is not ready, whether or not the audience was given")
    func graphToken() throws {
        let unguided = try Self.readiness(RuleHarness.graphToken())
        #expect(!unguided.ready)
        let audience = try Self.check(unguided, "audience")
        #expect(audience.status == .fail)
        #expect(audience.message.contains("Microsoft Graph"))
        #expect(Self.status(unguided).filter { $0.value != .pass }.keys.sorted() == ["audience"])

        let guided = try Self.readiness(RuleHarness.graphToken(), audiences: [TestToken.middleTier])
        #expect(!guided.ready)
        let mismatch = try Self.check(guided, "audience")
        #expect(mismatch.status == .fail)
        #expect(mismatch.message.contains(RuleHarness.graphAppID))
    }

    @Test("a guest without an expected audience is ready: unknown checks do not fail it")
    func guestWithoutAudience() throws {
        let readiness = try Self.readiness(TestToken.v2AccessToken().with("acct", TestToken.number(1)))
        #expect(readiness.ready)
        #expect(Self.status(readiness) == [
            "jwt": .pass, "signed": .pass, "access-token": .pass, "delegated": .pass,
            "audience": .unknown, "lifetime": .pass, "tenant": .unknown, "issuer": .pass,
        ])
        #expect(try Self.check(readiness, "tenant").message.contains(TestToken.tenant))
        #expect(try Self.check(readiness, "audience").message.contains("--expect-audience"))
    }

    @Test("a guest with a /common authority is not ready; a member with one is")
    func multiTenantAuthority() throws {
        let guest = try Self.readiness(TestToken.v2AccessToken().with("acct", TestToken.number(1)),
                                       audiences: [TestToken.middleTier], authority: "https://login.microsoftonline.com/common")
        #expect(!guest.ready)
        #expect(try Self.check(guest, "tenant").status == .fail)

        let member = try Self.readiness(.v2AccessToken(), audiences: [TestToken.middleTier], authority: "common")
        #expect(member.ready, "a warning, not an error, for members")
        #expect(try Self.check(member, "tenant").status == .pass)
    }

    @Test("a token from another tenant fails the tenant check")
    func tenantMismatch() throws {
        let readiness = try Self.readiness(.v2AccessToken(), audiences: [TestToken.middleTier], tenant: RuleHarness.otherTenant)
        #expect(!readiness.ready)
        #expect(try Self.check(readiness, "tenant").status == .fail)
    }

    @Test("a missing scope fails the scope check; the scope it carries passes")
    func missingScope() throws {
        let missing = try Self.readiness(.v2AccessToken(), audiences: [TestToken.middleTier], scopes: ["access_as_user", "Data.Write"])
        #expect(!missing.ready)
        let scope = try Self.check(missing, "scope")
        #expect(scope.status == .fail)
        #expect(scope.message.contains("`Data.Write` is not in the token"))
        #expect(!scope.message.contains("`access_as_user`"))
        #expect(Self.status(missing).filter { $0.value != .pass }.keys.sorted() == ["scope"])

        let present = try Self.readiness(.v2AccessToken(), audiences: [TestToken.middleTier], scopes: ["api://middle-tier/access_as_user"])
        #expect(present.ready)
        #expect(try Self.check(present, "scope").status == .pass)
    }

    @Test("a token without `scp` fails the delegated check")
    func noScopes() throws {
        let readiness = try Self.readiness(TestToken.v2AccessToken().without("scp"), audiences: [TestToken.middleTier])
        #expect(!readiness.ready)
        #expect(try Self.check(readiness, "delegated").status == .fail)
        #expect(try Self.check(readiness, "access-token").status == .pass)
    }

    @Test("an unsigned token fails the signed check")
    func unsignedToken() throws {
        let readiness = try Self.readiness(TestToken.v2AccessToken().unsigned(), audiences: [TestToken.middleTier])
        #expect(!readiness.ready)
        #expect(Self.status(readiness).filter { $0.value != .pass }.keys.sorted() == ["signed"])
    }

    @Test("encrypted, opaque and refresh tokens fail the jwt check and stop there", arguments: [
        RuleHarness.jwe(), RuleHarness.msaCompactToken, "0.AXYZ" + String(repeating: "qRsTuVwXyZ", count: 12),
    ])
    func notAJWT(raw: String) throws {
        let readiness = try Self.readiness(raw, audiences: [TestToken.middleTier])
        #expect(!readiness.ready)
        #expect(readiness.checks.map(\.check) == ["jwt"])
        #expect(readiness.checks.first?.status == .fail)
    }

    @Test("the issuer check: B2C fails, an unknown issuer is unknown (still ready), a loopback issuer passes")
    func issuer() throws {
        let b2c = try Self.readiness(TestToken.v2AccessToken().with("iss", .string("https://contoso.b2clogin.com/\(TestToken.tenant)/v2.0/")),
                                     audiences: [TestToken.middleTier])
        #expect(!b2c.ready)
        #expect(try Self.check(b2c, "issuer").status == .fail)

        let unknown = try Self.readiness(TestToken.v2AccessToken().with("iss", .string("https://idp.example.com/t")),
                                         audiences: [TestToken.middleTier])
        #expect(unknown.ready)
        #expect(try Self.check(unknown, "issuer").status == .unknown)

        let local = try Self.readiness(TestToken.v2AccessToken().with("iss", .string("http://127.0.0.1:8443/\(TestToken.tenant)/v2.0")),
                                       audiences: [TestToken.middleTier])
        #expect(try Self.check(local, "issuer").status == .pass)
    }

    @Test("a token of unknown kind leaves access-token unknown")
    func unknownKind() throws {
        // Neither scp, roles, a client claim nor ID-token claims: nothing tells what it is.
        let token = TestToken.v2AccessToken().without("aud", "azp", "scp", "name", "preferred_username", "oid", "sub")
        let readiness = try Self.readiness(token)
        #expect(try Self.check(readiness, "access-token").status == .unknown)
        #expect(try Self.check(readiness, "delegated").status == .fail)
    }
}

@Suite("Finding rules: design decisions pinned")
struct FindingRulesDecisionTests {
    let now = TestToken.now

    func report(_ token: TestToken, _ context: InspectionContext) throws -> TokenReport {
        try #require(try TokenInspector.inspect(text: token.signed(), context: context).first)
    }

    @Test func defaultScopeExpectationAcceptsAnyPermission() throws {
        let app = try report(.appOnlyToken(), InspectionContext(expectedScopes: ["api://downstream/.default"], now: now))
        #expect(!app.findings.contains { $0.id == .missingScope })
        let none = try report(TestToken.v2AccessToken().without("scp"), InspectionContext(expectedScopes: ["https://graph.microsoft.com/.default"], now: now))
        #expect(none.findings.contains { $0.id == .missingScope })
    }

    @Test func consumersAuthorityIsFineForPersonalAccounts() throws {
        let msa = TestToken.v2AccessToken().with("tid", .string("9188040d-6c67-4c5b-b112-36a304b66dad"))
        let r = try report(msa, InspectionContext(flow: .obo, authority: "https://login.microsoftonline.com/consumers", now: now))
        #expect(!r.findings.contains { $0.id == .multiTenantAuthority })
        let member = try report(.v2AccessToken(), InspectionContext(flow: .obo, authority: "https://login.microsoftonline.com/consumers", now: now))
        #expect(member.findings.contains { $0.id == .multiTenantAuthority })
    }

    @Test func authorityWithoutSchemeIsUnderstood() throws {
        let r = try report(.appOnlyToken(), InspectionContext(flow: .clientCredentials, authority: "login.microsoftonline.com/common", now: now))
        #expect(r.findings.first { $0.id == .multiTenantAuthority }?.severity == .error)
    }

    @Test func guestEvidenceNamesOnlyTheSignalsThatFired() throws {
        let guest = TestToken.v1AccessToken()
            .with("idp", .string("https://sts.windows.net/0b6c5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/"))
        let r = try report(guest, InspectionContext(now: now))
        #expect(r.findings.first { $0.id == .guestUser }?.claims == ["idp"])
        let ext = TestToken.v1AccessToken().with("upn", .string("bob_fabrikam.example#EXT#@contoso.example"))
        #expect(try report(ext, InspectionContext(now: now)).findings.first { $0.id == .guestUser }?.claims == ["upn"])
    }

    @Test func idTokenFindingCitesNonceOnlyWhenPresent() throws {
        let shapeOnly = TestToken.v2IDToken().without("nonce")
        let r = try report(shapeOnly, InspectionContext(flow: .obo, now: now))
        #expect(r.kind == .idToken)
        #expect(r.findings.first { $0.id == .idToken }?.claims == ["aud"])
    }
}
