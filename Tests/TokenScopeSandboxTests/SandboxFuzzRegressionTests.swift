import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// Inputs that trapped the sandbox before, found while fuzzing the token endpoint (`scripts/fuzz
/// sandbox-token`, docs/FUZZING.md): `Int64(_:)` of a time claim such as 1e300, and `exp + skew`
/// overflowing near `Int64.max`. Any client holding its own certificate could send them.
@Suite("Sandbox: fuzz regressions")
struct SandboxFuzzRegressionTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    static let farFuture: [JSONValue] = [.number("1e300"), .number("9.3e18"), .number("9223372036854775807"), .string("1e300"), .string("inf")]
    static let farPast: [JSONValue] = [.number("-1e300"), .number("-9.3e18"), .number("-9223372036854775808"), .string("-inf")]

    /// A federated client assertion (signed by the sandbox's own federation issuer) with `exp` and `nbf` as given.
    func federated(exp: JSONValue, nbf: JSONValue) -> (status: Int, body: JSONValue) {
        let assertion = h.authority.keys.sign(claims: .object([
            ("aud", .string("api://AzureADTokenExchange")), ("iss", .string(FederationIssuer.issuer(h.authority))),
            ("sub", .string("system:serviceaccount:demo:middle-tier")), ("nbf", nbf), ("exp", exp),
        ]))
        return h.token([("client_id", h.app("middle-tier-api").clientId), ("grant_type", "client_credentials"),
                        ("scope", "api://downstream-api/.default")] + h.assertionFields(assertion))
    }

    @Test(arguments: farFuture)
    func farFutureExpiryIsValid(_ exp: JSONValue) {
        let r = federated(exp: exp, nbf: .number(String(SandboxHarness.now)))
        #expect(r.status == 200, "\(r.body)")
    }

    @Test(arguments: farPast)
    func farPastExpiryIsOutOfTheTimeRange(_ exp: JSONValue) {
        SandboxHarness.expectError(federated(exp: exp, nbf: .number(String(SandboxHarness.now))), 401, "invalid_client", 700024)
    }

    @Test(arguments: farFuture)
    func farFutureNotBeforeIsOutOfTheTimeRange(_ nbf: JSONValue) {
        SandboxHarness.expectError(federated(exp: .number(String(SandboxHarness.now + 600)), nbf: nbf), 401, "invalid_client", 700024)
    }

    /// On-Behalf-Of: the user assertion's `exp`/`nbf` go through the same reading.
    @Test(arguments: farFuture + farPast)
    func userAssertionTimesOutOfRange(_ value: JSONValue) throws {
        let claims = try #require(SandboxHarness.claims(h.userToken()))
        let members = (claims.objectMembers ?? []).map { member -> (key: String, value: JSONValue) in
            member.key == "exp" || member.key == "nbf" ? (member.key, value) : member
        }
        let assertion = h.authority.keys.sign(claims: .object(members))
        let r = h.token([("client_id", h.app("middle-tier-api").clientId), ("client_secret", h.secret("middle-tier-api")),
                         ("grant_type", TokenEndpoint.jwtBearer), ("assertion", assertion), ("scope", "api://downstream-api/Data.Read"),
                         ("requested_token_use", "on_behalf_of")])
        // exp and nbf both far in the future: not yet valid; both far in the past: expired. Never a trap.
        SandboxHarness.expectError(r, 400, "invalid_grant", 500133)
    }

    /// `%XX` is exactly two hex digits: a sign is not one (`%+1` is a `%`, a space (`+`) and `1`, not
    /// the byte 0x01), and a `%` without two digits after it is kept as written.
    @Test func percentDecodingTakesOnlyHexDigits() {
        #expect(FormBody.decode("%+1") == "% 1")
        #expect(FormBody.decode("%-1x") == "%-1x")
        #expect(FormBody.decode("a%2") == "a%2")
        #expect(FormBody.decode("%zz%") == "%zz%")
        #expect(FormBody.decode("%2B%2b+%41%c3%a9") == "++ Aé")
        #expect(FormBody.parse("scope=a%2Fb+c&x=%+1") .map(\.value) == ["a/b c", "% 1"])
    }
}
