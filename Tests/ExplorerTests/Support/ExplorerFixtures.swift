@testable import Explorer
import TerminalUI
import TokenScopeCore
import TokenScopeTestSupport

/// States, keys and outcomes for the explorer's tests. The clock is TestToken's, so tokens minted
/// by TestToken are fresh and snapshots are stable.
enum Fixture {
    static let now = TestToken.now * 1000
    static let sandboxURL = "http://127.0.0.1:8400"
    static let secret = "planted-secret-value~9f8e7d6c5b4a"
    /// The downstream API's client ID (v2 access tokens name their audience by client ID).
    static let downstream = "ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67"

    static var oboForm: ExchangeForm {
        ExchangeForm(flow: .onBehalfOf, credential: .secret, values: [
            .authority: sandboxURL, .clientId: TestToken.middleTier.uppercased(), .scopes: "api://downstream-api/Data.Read",
            .expectedAudience: TestToken.middleTier, .secret: secret,
        ])
    }

    static func state(size: Size = Size(columns: 120, rows: 40), form: ExchangeForm = oboForm, presets: [Preset] = []) -> AppState {
        var state = AppState(size: size, target: Target(kind: .sandbox(baseURL: sandboxURL), tenantLabel: "contoso"), form: form, presets: presets)
        state.now = now
        return state
    }

    static let accessToken = TestToken.v2AccessToken().signed()
    static let idToken = TestToken.v2IDToken().signed()

    /// Feeds messages in order and returns every effect.
    @discardableResult
    static func send(_ state: inout AppState, _ messages: Msg...) -> [Effect] {
        messages.flatMap { ExplorerApp.update(&state, $0, now: now) }
    }

    @discardableResult
    static func keys(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { ExplorerApp.update(&state, .input(.key($0)), now: now) }
    }

    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { ExplorerApp.update(&state, .input(.key(.character($0))), now: now) }
    }

    static func paste(_ state: inout AppState, _ text: String) -> [Effect] {
        ExplorerApp.update(&state, .input(.paste(text)), now: now)
    }
}

/// A transport that answers every request with one canned response, so outcomes come from the
/// real token endpoint client (parsing, inspection, diff, redaction), not from hand-built values.
struct CannedTransport: HTTPTransport {
    let status: Int
    let body: String

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("x-ms-request-id", "req-0000-1111")], body: Array(body.utf8))
    }

    static func outcome(for job: ExchangeJob, status: Int, body: String) async -> ExchangeOutcome {
        let authority = try! AuthorityRules.resolve(AuthoritySelection(authorityURL: job.authorityURL, allowCustomAuthority: true), defaultTenant: nil)
        let grant: ExchangeRequest.Grant = job.userAssertion.map { .onBehalfOf(userAssertion: $0) } ?? .clientCredentials
        let request = ExchangeRequest(grant: grant, authority: authority, clientId: job.clientId, scopes: job.scopes,
                                      credential: .secret(Secret(Fixture.secret), basic: false), correlationId: "6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b")
        let client = TokenEndpointClient(transport: CannedTransport(status: status, body: body),
                                         settings: ExchangeSettings(now: { TestToken.now }, sleep: { _ in }))
        return await client.exchange(request)
    }

    static let wrongAudienceError = """
    {"error":"invalid_grant","error_description":"AADSTS500131: Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '\(Fixture.downstream)' and the expected audience is '\(TestToken.middleTier)'. Trace ID: 2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d Correlation ID: 6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b Timestamp: 2026-11-29 10:00:00Z","error_codes":[500131],"timestamp":"2026-11-29 10:00:00Z","trace_id":"2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d","correlation_id":"6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b"}
    """

    static func tokenResponse(_ accessToken: String, refreshToken: String? = "0.AAAA-planted-refresh-token") -> String {
        var body = "{\"token_type\":\"Bearer\",\"scope\":\"api://downstream-api/Data.Read\",\"expires_in\":3599,\"access_token\":\"\(accessToken)\""
        if let refreshToken { body += ",\"refresh_token\":\"\(refreshToken)\"" }
        return body + "}"
    }
}
