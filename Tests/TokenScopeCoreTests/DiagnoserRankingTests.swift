import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

/// The same code, different evidence → a different cause first. Flow, token findings, message
/// values and credential kind each move the ranking.
@Suite("Diagnoser: ranking by evidence")
struct DiagnoserRankingTests {
    let now = TestToken.now

    func top(_ text: String, flow: KnowledgeFlow? = nil, credential: CredentialKind? = nil, audiences: [String] = []) -> Advice? {
        let d = PastedErrorParser.parse(text, now: now, options: PasteOptions(flow: flow, expectedAudiences: audiences))
        return Diagnoser.diagnose(d, flow: flow, credential: credential, context: DiagnosisContext(expectedAudiences: audiences)).first
    }

    static let assertionError = "AADSTS50013: Assertion failed signature validation. Trace ID: 1f8d9f66-072e-4b77-8b49-84182f413000"

    @Test func code50013WithoutATokenFollowsTheKnowledgeBase() {
        let advice = top("AADSTS50013")
        #expect(advice?.id == "obo-assertion-for-other-api")
        #expect(advice?.confidence == .low)
        // The message's wording is some evidence.
        #expect(top(Self.assertionError)?.confidence == .medium)
    }

    @Test func code50013WithAnIDTokenBlamesTheIDToken() {
        let advice = top(Self.assertionError + "\nassertion: " + TestToken.v2IDToken().signed())
        #expect(advice?.id == "obo-assertion-is-id-token")
        #expect(advice?.confidence == .high)
    }

    @Test func code50013WithAGraphTokenBlamesTheAudience() {
        let graph = TestToken.v2AccessToken()
            .with("aud", .string("00000003-0000-0000-c000-000000000000"))
            .withHeader("nonce", .string("AQABAAAAAAD--DLA3VO7QrddgJg7WevrmN8y"))
        let advice = top(Self.assertionError + "\n" + graph.signed())
        #expect(advice?.id == "obo-assertion-for-other-api")
        #expect(advice?.confidence == .high)
        #expect(advice?.evidence.contains { $0.contains("first-party-audience") || $0.contains("graph-nonce") } == true)
    }

    @Test func code50013WithAnExpiredTokenBlamesExpiry() {
        let expired = TestToken.v2AccessToken(now: now - 7200)
        let advice = top(Self.assertionError + "\n" + expired.signed())
        #expect(advice?.id == "obo-assertion-expired")
    }

    @Test func code500131WithTheAudienceTheUserExpects() {
        // The token is for the middle tier by its GUID; the user says the middle tier is api://middle.
        let advice = top("AADSTS500131: Assertion audience does not match the Client app presenting the assertion.\n" + TestToken.v2AccessToken().signed(),
                         flow: .obo, audiences: ["api://middle-tier"])
        #expect(advice?.id == "obo-assertion-for-other-api")
        #expect(advice?.evidence.contains { $0.contains("audience-mismatch") } == true)
    }

    @Test func mfaCodeDependsOnTheFlow() {
        let text = "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication to access 'api'."
        #expect(top(text, flow: .obo)?.id == "obo-mfa-claims-challenge")
        #expect(top(text, flow: .authCode)?.id == "mfa-required-interactive")
        #expect(top(text, flow: .refresh)?.id == "mfa-required-interactive")
    }

    @Test func consentCodeDependsOnTheFlow() {
        let text = "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'."
        #expect(top(text, flow: .obo)?.id == "obo-downstream-consent-missing")
        #expect(top(text, flow: .authCode)?.id == "client-consent-missing")
    }

    @Test func conditionalAccessBlockDependsOnTheFlow() {
        let text = "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."
        #expect(top(text, flow: .clientCredentials)?.id == "ca-blocks-workload-identity")
        #expect(top(text, flow: .authCode)?.id == "ca-policy-blocks")
        // The paste itself can say which flow it was.
        #expect(top("ClientSecretCredential authentication failed: " + text)?.id == "ca-blocks-workload-identity")
    }

    @Test func scopeCodeDependsOnTheFlow() {
        let text = "AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope api://downstream/read is not valid."
        #expect(top(text, flow: .clientCredentials)?.id == "client-credentials-scope-not-default")
        #expect(top(text, flow: .obo)?.id != "client-credentials-scope-not-default")
    }

    @Test func causesOfOtherFlowsDropAndLoseConfidence() {
        let d = PastedErrorParser.parse("AADSTS50076: MFA required.", now: now)
        let advice = Diagnoser.diagnose(d, flow: .obo)
        let other = try! #require(advice.first { $0.id == "mfa-required-interactive" })
        #expect(other.confidence == .low)
        #expect(other.score < advice[0].score)
    }

    @Test func expiredClientAssertionDependsOnTheCredentialAndTheTimes() {
        let late = "AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-05-28T06:01:42.5853621Z, assertion valid from 2024-05-28T02:19:01.0000000Z, expiry time of assertion 2024-05-28T02:29:01.0000000Z."
        #expect(top(late, credential: .federated)?.id == "fic-external-token-expired")
        #expect(top(late, credential: .certificate)?.id == "client-assertion-reused")
        // An hour off, almost exactly: a time zone bug in whoever built the assertion.
        let zone = "AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-12-07T12:09:18.3149355Z, assertion valid from 1970-01-01T00:00:00.0000000Z, expiry time of assertion 2024-12-07T11:14:18.0000000Z."
        #expect(top(zone)?.id == "client-assertion-clock-skew")
        // Not yet valid: the clock runs ahead.
        let ahead = "AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-12-07T12:00:00Z, assertion valid from 2024-12-07T12:07:00Z, expiry time of assertion 2024-12-07T12:17:00Z."
        #expect(top(ahead)?.id == "client-assertion-clock-skew")
    }

    @Test func guestOnCommonInOBO() {
        let guest = TestToken.v2AccessToken().with("idp", .string("https://sts.windows.net/11111111-2222-4333-8444-555555555555/"))
        let text = "POST https://login.microsoftonline.com/common/oauth2/v2.0/token\nAADSTS50020: User account from identity provider 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/' does not exist in tenant 'Contoso'.\n" + guest.signed()
        let advice = top(text, flow: .obo)
        #expect(advice?.id == "obo-guest-wrong-authority")
        #expect(advice?.confidence == .high)
    }

    @Test func tokenAloneGetsFindingAdvice() {
        let d = PastedErrorParser.parse(TestToken.v2IDToken().signed(), now: now, options: PasteOptions(flow: .obo))
        #expect(d.errors.isEmpty)
        let advice = Diagnoser.diagnose(d, flow: .obo)
        #expect(advice.first?.id == "finding-id-token")
    }

    @Test func nothingRecognisedSaysWhatToCollect() {
        let advice = Diagnoser.diagnose(PastedErrorParser.parse("It does not work, please help!", now: now))
        #expect(advice.map(\.id) == ["nothing-recognised"])
        let fix = advice[0].fix.joined(separator: " ")
        for needed in ["error response", "trace ID", "correlation ID", "timestamp", "token", "flow", "authority"] {
            #expect(fix.contains(needed), "\(needed)")
        }
        // A trace ID alone is still reported, as evidence.
        let ids = Diagnoser.diagnose(PastedErrorParser.parse("Trace ID: 1f8d9f66-072e-4b77-8b49-84182f413000", now: now))
        #expect(ids.first?.id == "nothing-recognised")
        #expect(ids.first?.evidence.first?.contains("1f8d9f66") == true)
    }

    @Test func adviceIsDeterministicAndLinksToTheRightCloud() {
        let text = "AADSTS7000222: The provided client secret keys are expired. POST https://login.partner.microsoftonline.cn/contoso/oauth2/v2.0/token"
        let a = Diagnoser.diagnose(PastedErrorParser.parse(text, now: now))
        let b = Diagnoser.diagnose(PastedErrorParser.parse(text, now: now))
        #expect(a == b)
        #expect(a.first?.id == "secret-expired")
        #expect(a.first?.link == "https://login.partner.microsoftonline.cn/error?code=7000222")
        #expect(a.first?.owner == .developer)
    }
}

extension TestToken {
    func withHeader(_ name: String, _ value: JSONValue) -> TestToken {
        var copy = self
        if let i = copy.header.firstIndex(where: { $0.key == name }) { copy.header[i].value = value } else { copy.header.append((name, value)) }
        return copy
    }
}
