import Testing
import TokenScopeCore

@Suite("Auth code: authorize URL and session")
struct AuthCodeAuthorizeURLTests {
    let endpoint = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"

    @Test func parametersInMSALOrder() {
        let url = AuthorizeURL(endpoint: endpoint, clientId: "client", redirectURI: "http://localhost:5000/", scopes: ["api://x/Read  User.Read"],
                               state: "st", nonce: "no", codeChallenge: "ch", loginHint: "alice@contoso.example", prompt: "select_account",
                               claims: #"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#)
        #expect(url.parameters.map(\.name) == ["client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge",
                                               "code_challenge_method", "nonce", "client_info", "login_hint", "prompt", "claims"])
        let values = Dictionary(url.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(values["response_type"] == "code")
        #expect(values["scope"] == "api://x/Read User.Read openid profile offline_access")
        #expect(values["code_challenge_method"] == "S256")
        #expect(values["client_info"] == "1")
        #expect(url.url.hasPrefix(endpoint + "?client_id=client&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2F&scope=api%3A%2F%2Fx%2FRead+User.Read+openid+profile+offline_access&state=st"))
        // The URL round-trips through the form decoder.
        let query = String(url.url.split(separator: "?", maxSplits: 1)[1])
        #expect(FormEncoding.decode(query).map(\.value) == url.parameters.map(\.value))
    }

    @Test func optionalParametersOnlyWhenGiven() {
        let url = AuthorizeURL(endpoint: endpoint + "?p=policy", clientId: "c", redirectURI: "http://localhost", scopes: ["User.Read"],
                               addReservedScopes: false, state: "s", nonce: "n", codeChallenge: "x", loginHint: nil, prompt: " ", claims: nil,
                               responseMode: "form_post", correlationId: "corr")
        #expect(url.parameters.map(\.name) == ["client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge",
                                               "code_challenge_method", "nonce", "client_info", "response_mode", "client-request-id"])
        #expect(url.parameters.first { $0.name == "scope" }?.value == "User.Read")
        #expect(url.url.hasPrefix(endpoint + "?p=policy&client_id=c&"))
    }

    @Test func sessionMakesFreshValuesAndTheMatchingGrant() throws {
        let a = AuthCodeSession.start(redirectURI: "http://localhost:1/")
        let b = AuthCodeSession.start(redirectURI: "http://localhost:1/", verifierByteCount: 96)
        #expect(a.state != b.state && a.nonce != b.nonce && a.verifier != b.verifier)
        #expect(a.state.count == 72)
        #expect(PKCE.isValidVerifier(a.verifier) && a.verifier.count == 43)
        #expect(b.verifier.count == 128)
        #expect(a.codeChallenge == PKCE.challenge(for: a.verifier))
        let url = a.authorizeURL(endpoint: endpoint, clientId: "c", scopes: ["User.Read"], loginHint: "alice")
        let values = Dictionary(url.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { x, _ in x })
        #expect(values["state"] == a.state && values["nonce"] == a.nonce && values["code_challenge"] == a.codeChallenge)
        #expect(values["redirect_uri"] == "http://localhost:1/")
        #expect(values["login_hint"] == "alice")
        guard case let .authorizationCode(code, redirect, verifier) = a.grant(code: "the-code") else {
            Issue.record("not an auth code grant")
            return
        }
        #expect(code == "the-code" && redirect == "http://localhost:1/" && verifier == a.verifier)
        #expect(try a.parse("?code=abc&state=\(a.state)") == .code("abc"))
        #expect(throws: ExchangeInputError.self) { try a.parse("?code=abc&state=\(b.state)") }
    }
}
