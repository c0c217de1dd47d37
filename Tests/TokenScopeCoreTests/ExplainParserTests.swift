import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// `PastedErrorParser`: every form a failure is pasted in.
@Suite("Explain: parsing pastes")
struct ExplainParserTests {
    let now = TestToken.now

    func parse(_ text: String, flow: KnowledgeFlow? = nil) -> PastedDiagnosis {
        PastedErrorParser.parse(text, now: now, options: PasteOptions(flow: flow))
    }

    @Test(arguments: ["50013", "AADSTS50013", "  aadsts50013 \n", "AADSTS50013:"])
    func aBareCodeExplainsThatCode(_ text: String) {
        let d = parse(text)
        #expect(d.codes == [50013])
        #expect(d.errors.count == 1)
        let advice = Diagnoser.diagnose(d)
        #expect(advice.first?.source == "AADSTS50013")
        #expect(advice.first?.link == "https://login.microsoftonline.com/error?code=50013")
    }

    @Test func jsonBodyWithEveryField() {
        let body = #"{"error":"interaction_required","error_description":"AADSTS50079: Due to a configuration change made by your administrator, you must enroll in multi-factor authentication.\r\nTrace ID: 5c8ce2fc-1720-45c1-899a-0a6d0e965600\r\nCorrelation ID: e421d7f3-0160-4431-bc41-d675aa4007e8\r\nTimestamp: 2018-03-16 15:03:39Z","error_codes":[50079],"timestamp":"2018-03-16 15:03:39Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"59866338-815e-41e6-9613-0ec6218e5c3d\"]}}}","suberror":"basic_action"}"#
        let d = parse(body)
        #expect(d.codes == [50079])
        #expect(d.error == "interaction_required")
        #expect(d.traceId == "5c8ce2fc-1720-45c1-899a-0a6d0e965600")
        #expect(d.correlationId == "e421d7f3-0160-4431-bc41-d675aa4007e8")
        #expect(d.timestamp == "2018-03-16 15:03:39Z")
        #expect(d.suberror == "basic_action")
        #expect(d.errors.first?.message?.hasPrefix("Due to a configuration change") == true)
        let claims = try! #require(d.claimsChallenge)
        #expect(claims.kinds == [.conditionalAccess])
        #expect(claims.explanation.first?.contains("59866338-815e-41e6-9613-0ec6218e5c3d") == true)
        #expect(claims.json == #"{"access_token":{"capolids":{"essential":true,"values":["59866338-815e-41e6-9613-0ec6218e5c3d"]}}}"#)
    }

    @Test func claimsChallengeKinds() {
        let cases: [(String, ClaimsChallengeKind, String)] = [
            (#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#, .authContext, "`c1`"),
            (#"{"access_token":{"polids":{"essential":true,"values":["bd8d9305-ee44-4c9e-87a9-45bc878db6e1"]}}}"#, .conditionalAccess, "bd8d9305"),
            (#"{"id_token":{"acr":{"essential":true,"values":["urn:microsoft:policies:mfa"]}}}"#, .mfa, "multi-factor"),
            // CAE, as base64 in a WWW-Authenticate header: nbf 1604106651 = 2020-10-31 01:10:51 UTC.
            ("eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=", .cae, "2020-10-31 01:10:51 UTC"),
            (#"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#, .clientCapabilities, "`cp1`"),
        ]
        for (raw, kind, text) in cases {
            let info = try! #require(ClaimsChallengeExplainer.explain(raw))
            #expect(info.kinds == [kind], "\(raw)")
            #expect(info.explanation.joined().contains(text), "\(info.explanation)")
        }
        #expect(ClaimsChallengeExplainer.explain("eyJ!!!")?.claims == nil)
        #expect(ClaimsChallengeExplainer.explain("  ") == nil)
    }

    @Test func wwwAuthenticateHeaderOnOneLineAndOnSeveral() {
        let one = #"WWW-Authenticate: Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#
        let several = "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n  authorization_uri=\"https://login.windows.net/common/oauth2/authorize\",\n  error=\"insufficient_claims\",\n  claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=\"\n"
        for text in [one, several] {
            let d = parse(text)
            let challenge = try! #require(d.errors.first?.wwwAuthenticate)
            #expect(challenge.error == "insufficient_claims")
            #expect(challenge.authorizationURI?.hasSuffix("/common/oauth2/authorize") == true)
            #expect(d.claimsChallenge?.kinds == [.cae])
            #expect(Diagnoser.diagnose(d).first?.id == "claims-challenge-not-handled")
        }
        #expect(parse(several).errors.first?.httpStatus == 401)
    }

    @Test func aBareBearerChallengeWithoutItsHeaderName() {
        let d = parse(#"Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19""#)
        #expect(d.errors.first?.wwwAuthenticate?.error == "insufficient_claims")
        #expect(d.claimsChallenge?.kinds == [.authContext])
    }

    @Test func htmlEscapedText() {
        let d = parse("AADSTS50011: The redirect URI &#39;https://app.example.com/signin-oidc&#39; specified in the request does not match the redirect URIs configured for the application &#39;99b2112e-4210-464c-97e9-7067bbf4621c&#39;.&lt;br&gt;Trace ID: 0c7f2993-b612-434d-9cee-244e88f51600")
        #expect(d.codes == [50011])
        #expect(d.facts.redirectURI == "https://app.example.com/signin-oidc")
        #expect(d.traceId == "0c7f2993-b612-434d-9cee-244e88f51600")
    }

    @Test func jsonEscapedTwice() {
        // A JSON body inside a JSON string inside a log line.
        let text = #"{"message":"Login failed","responseBody":"{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: 6bad8289-db4a-49da-8609-0848d8d71700\\r\\nCorrelation ID: 63b8bb61-5ca6-4ae3-8224-15a4de11cd87\",\"error_codes\":[7000215]}"}"#
        let d = parse(text)
        #expect(d.codes == [7000215])
        #expect(d.error == "invalid_client")
        #expect(d.traceId == "6bad8289-db4a-49da-8609-0848d8d71700")
        #expect(d.correlationId == "63b8bb61-5ca6-4ae3-8224-15a4de11cd87")
    }

    @Test func requestIDLabels() {
        let text = """
        HTTP/1.1 401 Unauthorized
        request-id: fb6261cb-b69d-40a3-889a-ab72a64cc43f
        client-request-id: 11111111-2222-4333-8444-555555555555
        x-ms-request-id: aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee
        AADSTS65001: The user or administrator has not consented to use the application.
        """
        let d = parse(text)
        // Entra's own request ID (x-ms-request-id) is the one nearest the error.
        #expect(d.errors.first?.requestId == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(d.errors.first?.clientRequestId == "11111111-2222-4333-8444-555555555555")
        #expect(d.errors.first?.httpStatus == 401)
    }

    @Test func placeholdersAreNotIDs() {
        let d = parse("AADSTS50076: MFA needed.\r\nTrace ID: <app-id>\r\nCorrelation ID: xxxxxxxx-xxxx\r\nTimestamp: 2022-12-19 22:37:41Z")
        #expect(d.traceId == nil)
        #expect(d.correlationId == nil)
        #expect(d.timestamp == "2022-12-19 22:37:41Z")
    }

    @Test func severalErrorsAreAllReported() {
        let text = """
        First attempt: AADSTS50011: The redirect URI 'http://localhost:3000' specified in the request does not match the redirect URIs configured for the application.
        Then after fixing that, a while later:
        AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.
        Trace ID: ecd07edb-bb52-4b2b-8c15-ee2f7f4e2600
        And in the API log: IDX10214: Audience validation failed. Audiences: 'https://graph.microsoft.com'. Did not match: validationParameters.ValidAudience: 'api://middle'.
        """
        let d = parse(text)
        #expect(d.errors.count == 3)
        #expect(d.errors.map(\.label) == ["AADSTS50011", "AADSTS54005", "IDX10214"])
        #expect(d.errors[1].traceId == "ecd07edb-bb52-4b2b-8c15-ee2f7f4e2600")
        let ids = Diagnoser.diagnose(d).map(\.id)
        for id in ["redirect-uri-not-registered", "code-redeemed-twice", "token-for-another-api"] { #expect(ids.contains(id), "\(ids)") }
    }

    @Test func msalExceptionsAndErrorCodesWithoutAADSTS() {
        let d = parse("""
        Microsoft.Identity.Client.MsalClientException: ErrorCode: user_assertion_null
           at Microsoft.Identity.Client.ConfidentialClientApplication.AcquireTokenOnBehalfOf(IEnumerable`1 scopes, UserAssertion userAssertion)
        """)
        #expect(d.errors.first?.exceptions == ["MsalClientException"])
        #expect(d.errors.first?.msalErrors == ["user_assertion_null"])
        #expect(d.flowHint?.flow == .obo)
        #expect(Diagnoser.diagnose(d).first?.id == "obo-assertion-empty")

        let silent = parse("MSAL.NetCore.4.61.3.0.MsalUiRequiredException: No account or login hint was passed to the AcquireTokenSilent call.")
        #expect(silent.errors.first?.exceptions == ["MsalUiRequiredException"])
        #expect(Diagnoser.diagnose(silent).first?.id == "silent-needs-interaction")
    }

    @Test func networkFailures() {
        let cases: [(String, String)] = [
            ("requests.exceptions.SSLError: HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain')))", "transport-tls"),
            ("getaddrinfo ENOTFOUND login.microsoftonline.us", "transport-dns"),
            ("System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", "transport-timeout"),
            ("connect ECONNREFUSED 127.0.0.1:8400", "transport-connection"),
            ("ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication Required'))", "transport-proxy"),
        ]
        for (text, id) in cases {
            let d = parse(text)
            #expect(d.errors.first?.network != nil, "\(text)")
            #expect(Diagnoser.diagnose(d).first?.id == id, "\(text)")
        }
    }

    @Test func tokensInThePasteAreInspected() {
        let token = TestToken.v2IDToken().signed()
        let d = parse("The middle tier sent Authorization: Bearer \(token)\nand got AADSTS50013: Assertion failed signature validation.")
        #expect(d.tokens.count == 1)
        #expect(d.tokens.first?.kind == .idToken)
        // 50013 happens only in OBO, so the token is judged for OBO.
        #expect(d.tokens.first?.findings.contains { $0.id == .idToken && $0.severity == .error } == true)
        let advice = Diagnoser.diagnose(d)
        #expect(advice.first?.id == "obo-assertion-is-id-token")
        #expect(advice.first?.confidence == .high)
        #expect(advice.first?.evidence.contains { $0.contains("`id-token` finding") } == true)
    }

    @Test func formEncodedErrorDictionary() {
        let d = parse("MSALErrorDescriptionKey=AADSTS65001:+The+user+or+administrator+has+not+consented+to+use+the+application.\nTrace+ID:+954ee60b-7dc1-4423-a41c-9c850aa65600\nCorrelation+ID:+ce5777e0-bfb1-41de-80b8-833aeb03b29b")
        #expect(d.codes == [65001])
        #expect(d.traceId == "954ee60b-7dc1-4423-a41c-9c850aa65600")
        #expect(d.correlationId == "ce5777e0-bfb1-41de-80b8-833aeb03b29b")
    }

    @Test func idxCodesAndTheirValues() {
        let d = parse("IDX10214: Audience validation failed. Audiences: 'https://graph.microsoft.com'. Did not match: validationParameters.ValidAudience: 'api://middle' or validationParameters.ValidAudiences: 'null'.")
        #expect(d.errors.first?.idxCodes == ["IDX10214"])
        #expect(d.facts.tokenAudience == "https://graph.microsoft.com")
        #expect(d.facts.validAudiences.contains("api://middle"))
        let advice = Diagnoser.diagnose(d)
        #expect(advice.first?.id == "token-for-another-api")
        #expect(advice.first?.evidence.contains { $0.contains("Microsoft Graph") } == true)
    }

    @Test func cloudFromTheHost() {
        let d = parse("POST https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token\nAADSTS7000215: Invalid client secret provided.")
        #expect(d.cloud == .usgov)
        #expect(d.facts.authorityTenants == ["contoso.onmicrosoft.us"])
        #expect(Diagnoser.diagnose(d).first?.link == "https://login.microsoftonline.us/error?code=7000215")
    }

    @Test func onBehalfOfWrongAuthorityMessage() {
        let d = parse("The current authority is targeting the /common or /organizations endpoint. Instead, it should target the same tenant as the client, which can be found in the 'tid' claim of the incoming client token.")
        #expect(d.errors.first?.msalErrors == ["OnBehalfOfWrongAuthority"])
        #expect(Diagnoser.diagnose(d).first?.id == "obo-guest-wrong-authority")
    }
}
