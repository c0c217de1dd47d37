import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// Workload identity federation: middle-tier-api trusts `{sandbox}/federation` for the subject
/// `system:serviceaccount:demo:middle-tier` with audience `api://AzureADTokenExchange`.
@Suite("Sandbox: federated identity credentials")
struct FederatedCredentialTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    func form(_ assertion: String) -> [(String, String)] {
        [("client_id", h.app("middle-tier-api").clientId), ("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default")]
            + h.assertionFields(assertion)
    }

    @Test func workloadTokenFromTheFederationIssuerWorks() throws {
        let workload = FederationIssuer.mint(subject: "system:serviceaccount:demo:middle-tier", audience: "api://AzureADTokenExchange", authority: h.authority)
        let r = h.token(form(workload))
        #expect(r.status == 200, "\(r.body)")
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["azpacr"] == .string("2"))
        #expect(claims["roles"] == .array([.string("Data.Read.All")]))
        // Reused as often as the workload likes while it is valid (no `jti` replay check).
        #expect(h.token(form(workload)).status == 200)
        // An `aud` array, as Kubernetes writes it, is fine when it holds the credential's audience.
        let listAudience = h.authority.keys.sign(claims: .object([
            ("aud", .array([.string("api://AzureADTokenExchange"), .string("https://kubernetes.default.svc")])),
            ("iss", .string(FederationIssuer.issuer(h.authority))), ("sub", .string("system:serviceaccount:demo:middle-tier")),
            ("nbf", .number(String(SandboxHarness.now))), ("exp", .number(String(SandboxHarness.now + 3600))),
        ]))
        #expect(h.token(form(listAudience)).status == 200)
    }

    @Test func unknownIssuerIs700211() {
        for issuer in ["https://token.actions.githubusercontent.com", FederationIssuer.issuer(h.authority) + "/", "HTTP://127.0.0.1:8400/federation"] {
            let r = h.token(form(h.workloadToken(issuer: issuer)))
            SandboxHarness.expectError(r, 401, "invalid_client", 700211)
            #expect(r.body["error_description"]?.stringValue?.contains("'\(issuer)'") == true)
        }
    }

    @Test func subjectIsMatchedExactlyAndCaseSensitively() {
        for subject in ["system:serviceaccount:demo:other", "system:serviceaccount:demo:Middle-Tier", "system:serviceaccount:demo:middle-tier "] {
            let r = h.token(form(h.workloadToken(subject: subject)))
            SandboxHarness.expectError(r, 401, "invalid_client", 700213)
            #expect(r.body["error_description"]?.stringValue?.contains("'\(subject)'") == true)
        }
    }

    @Test func audienceMismatchIs70021() {
        for audience in ["api://AzureADTokenExchangeUSGov", "api://azureadtokenexchange", h.tokenEndpoint()] {
            let r = h.token(form(h.workloadToken(audience: audience)))
            SandboxHarness.expectError(r, 400, "invalid_request", 70021)
            let text = r.body["error_description"]?.stringValue ?? ""
            #expect(text.contains("Assertion Audience: '\(audience)'") && text.contains("Assertion Subject: 'system:serviceaccount:demo:middle-tier'"))
        }
    }

    @Test func expiredWorkloadTokenIs700024() {
        let r = h.token(form(h.workloadToken(issuedAt: SandboxHarness.now - 3600 - 301)))
        SandboxHarness.expectError(r, 401, "invalid_client", 700024)
        #expect(r.body["error_description"]?.stringValue?.contains("Current time") == true)
        // Inside the skew it still works.
        #expect(h.token(form(h.workloadToken(issuedAt: SandboxHarness.now - 3600 - 299))).status == 200)
    }

    @Test func workloadTokenSignedByAnotherKeyIs700027() throws {
        let other = try SandboxHarness()
        other.authority.baseURL = h.authority.baseURL   // same issuer URL, other keys
        let r = h.token(form(other.workloadToken()))
        SandboxHarness.expectError(r, 401, "invalid_client", 700027)
    }

    @Test func appWithoutFederatedCredentialsReportsTheIssuer() {
        // web-app has no federated credentials at all: the issuer matches nothing.
        let r = h.token([("client_id", h.app("web-app").clientId), ("grant_type", "client_credentials"),
                         ("scope", "api://downstream-api/.default")] + h.assertionFields(h.workloadToken()))
        SandboxHarness.expectError(r, 401, "invalid_client", 700211)
    }
}
