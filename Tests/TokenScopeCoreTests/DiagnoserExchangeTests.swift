import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

/// Diagnosing the outcome of `tokenscope exchange`: refusals (with the OBO assertion's findings),
/// network failures, input that was never sent, answers that are not Entra errors.
@Suite("Diagnoser: exchange outcomes")
struct DiagnoserExchangeTests {
    let now = TestToken.now

    func outcome(_ result: ExchangeOutcome.Result, flow: ExchangeFlow = .onBehalfOf, authority: String = "https://login.microsoftonline.com/\(TestToken.tenant)",
                 credential: String = "client secret", input: TokenReport? = nil) -> ExchangeOutcome {
        ExchangeOutcome(flow: flow, authorityURL: authority, tokenEndpoint: authority + "/oauth2/v2.0/token", clientId: TestToken.middleTier,
                        credential: credential, correlationId: "0a49cdbc-2e94-4089-bc6f-1162b123592c", result: result, trace: [], tokens: [],
                        input: input, diff: nil, warnings: [], requestId: "ffa7696f-5efb-44ad-8fd8-d3c6e7c04900", estsServer: nil, elapsedMilliseconds: 12)
    }

    func entraError(_ json: String) -> EntraErrorResponse {
        EntraErrorResponse(body: Array(json.utf8))!
    }

    func report(_ token: TestToken, flow: Flow = .obo, authority: String? = nil) -> TokenReport {
        let context = InspectionContext(flow: flow, expectedAudiences: [TestToken.middleTier], authority: authority, now: now)
        return TokenInspector.inspect(ExtractedToken(text: token.signed(), source: .input), context: context)
    }

    @Test func refusedOBOWithAnIDTokenAsAssertion() {
        let error = entraError(#"{"error":"invalid_grant","error_description":"AADSTS50013: Assertion failed signature validation.\r\nTrace ID: 1f8d9f66-072e-4b77-8b49-84182f413000\r\nCorrelation ID: ae332ee3-77ee-42c8-85a4-ea2593af7542\r\nTimestamp: 2019-08-02 20:42:53Z","error_codes":[50013]}"#)
        let o = outcome(.rejected(status: 400, error: error, bodyProblem: nil), input: report(TestToken.v2IDToken()))
        let advice = Diagnoser.diagnose(o)
        #expect(advice.first?.id == "obo-assertion-is-id-token")
        #expect(advice.first?.confidence == .high)
        #expect(advice.first?.link == "https://login.microsoftonline.com/error?code=50013")
        // Causes of other flows are not offered.
        #expect(!advice.contains { $0.id == "mfa-required-interactive" })
    }

    @Test func refusedOBOForAGuestOnCommon() {
        let guest = TestToken.v2AccessToken().with("idp", .string("https://sts.windows.net/11111111-2222-4333-8444-555555555555/"))
        let error = entraError(#"{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented to use the application.","error_codes":[65001]}"#)
        let authority = "https://login.microsoftonline.com/common"
        let o = outcome(.rejected(status: 400, error: error, bodyProblem: nil), authority: authority, input: report(guest, authority: authority))
        let advice = Diagnoser.diagnose(o)
        #expect(advice.first?.id == "obo-guest-wrong-authority")
        #expect(advice.first?.evidence.contains { $0.contains("guest-user") } == true)
    }

    @Test func claimsChallengeFromTheTokenEndpoint() {
        let error = entraError(#"{"error":"interaction_required","error_description":"AADSTS50079: MFA enrollment required.","error_codes":[50079],"claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"59866338-815e-41e6-9613-0ec6218e5c3d\"]}}}"}"#)
        let advice = Diagnoser.diagnose(outcome(.rejected(status: 400, error: error, bodyProblem: nil)))
        #expect(advice.first?.id == "obo-mfa-claims-challenge")
        #expect(advice.first?.evidence.contains { $0.contains("59866338") } == true)
    }

    @Test func theMessageValuesOfTheRefusalAreEvidence() {
        let error = entraError(#"{"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-05-28T06:01:42.5853621Z, assertion valid from 2024-05-28T02:19:01.0000000Z, expiry time of assertion 2024-05-28T02:29:01.0000000Z.","error_codes":[700024]}"#)
        let federated = outcome(.rejected(status: 401, error: error, bodyProblem: nil), flow: .clientCredentials, credential: "client assertion (file /var/run/token)")
        #expect(Diagnoser.diagnose(federated).first?.id == "fic-external-token-expired")
        let certificate = outcome(.rejected(status: 401, error: error, bodyProblem: nil), flow: .clientCredentials, credential: "certificate x5t#S256 abc")
        #expect(Diagnoser.diagnose(certificate).first?.id == "client-assertion-reused")
    }

    @Test func transportFailuresGetTheirOwnAdvice() {
        let cases: [(TransportError.Kind, String)] = [(.tls, "transport-tls"), (.dns, "transport-dns"), (.timeout, "transport-timeout"),
                                                       (.connection, "transport-connection"), (.tooLarge, "transport-too-large"),
                                                       (.invalidURL, "transport-invalid-url"), (.other, "transport-other")]
        for (kind, id) in cases {
            let advice = Diagnoser.diagnose(outcome(.transportFailure(TransportError(kind, "boom"))))
            #expect(advice.first?.id == id)
            #expect(advice.first?.confidence == .high)
        }
        let tls = Diagnoser.diagnose(outcome(.transportFailure(TransportError(.tls, "certificate not trusted"))))[0]
        #expect(tls.fix.joined().contains("--ca-file"))
        #expect(tls.owner == .network)
    }

    @Test func inputThatWasNeverSent() {
        let error = ExchangeInputError("assertion-empty", field: "--user-assertion", "the assertion is empty.", fix: "Pass the access token the middle tier received.")
        let advice = Diagnoser.diagnose(outcome(.notSent(error)))
        #expect(advice.first?.id == "input-assertion-empty")
        #expect(advice.first?.fix == ["Pass the access token the middle tier received."])
    }

    @Test func answersThatAreNotEntraErrors() {
        #expect(Diagnoser.diagnose(outcome(.rejected(status: 403, error: nil, bodyProblem: "an HTML page (text/html)"))).first?.id == "proxy-or-wrong-host-answered")
        #expect(Diagnoser.diagnose(outcome(.rejected(status: 429, error: nil, bodyProblem: "an empty body"))).first?.id == "throttled")
        #expect(Diagnoser.diagnose(outcome(.rejected(status: 503, error: nil, bodyProblem: nil))).first?.id == "service-error")
    }

    @Test func successHasNoAdvice() {
        let response = TokenResponse(json: try! JSONParser.parse(#"{"token_type":"Bearer","access_token":"x.y.z","expires_in":3600}"#))!
        #expect(Diagnoser.diagnose(outcome(.success(response))).isEmpty)
    }

    @Test func adviceRendersAsJSONAndForPeople() {
        let error = entraError(#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"#)
        let advice = Diagnoser.diagnose(outcome(.rejected(status: 401, error: error, bodyProblem: nil), flow: .clientCredentials))
        let json = AdviceJSON.array(advice)
        let first = try! #require(json.arrayValue?.first)
        for member in ["id", "title", "cause", "evidence", "confirm", "fix", "msalNet", "owner", "confidence", "link", "source"] {
            #expect(first[member] != nil, "\(member)")
        }
        #expect(first["id"]?.stringValue == "secret-id-instead-of-value")
        #expect(first["evidence"]?.arrayValue?.contains { $0.stringValue?.contains("a client secret") == true } == true)
        let text = AdviceHumanReport(colour: false).render(advice)
        #expect(text.contains("1. [medium]"))
        #expect(text.contains("secret-id-instead-of-value"))
        #expect(!text.contains("\u{1B}"))
    }
}
