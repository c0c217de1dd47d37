import Crypto
import CryptoExtras
import Foundation
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

@Suite("Sandbox: certificate client assertions")
struct ClientAssertionTests {
    let h: SandboxHarness
    init() throws { h = try SandboxHarness() }

    /// Client credentials for middle-tier-api (which holds `Data.Read.All` on downstream-api).
    func form(_ assertion: String, client: String = "middle-tier-api") -> [(String, String)] {
        [("client_id", h.app(client).clientId), ("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default")]
            + h.assertionFields(assertion)
    }

    @Test(arguments: AssertionWire.allCases)
    func everyLibraryShapeIsAccepted(_ wire: AssertionWire) throws {
        let r = h.token(form(try h.clientAssertion(wire)))
        #expect(r.status == 200, "\(r.body)")
        let claims = try #require(SandboxHarness.claims(r.body["access_token"]?.stringValue))
        #expect(claims["azpacr"] == .string("2"))
        #expect(claims["azp"] == .string(h.app("middle-tier-api").clientId))
        #expect(claims["roles"] == .array([.string("Data.Read.All")]))
    }

    /// The builder must produce what the libraries send, or the test above proves little.
    @Test func wireShapesAreWhatTheLibrariesSend() throws {
        let net = TokenParser.parse(try h.clientAssertion(.msalNET))
        #expect(net.header?["alg"] == .string("PS256"))
        #expect(net.header?["x5t#S256"]?.stringValue?.count == 43)
        #expect(net.claims?["nbf"] == .string(String(SandboxHarness.now)) && net.claims?["exp"] == .string(String(SandboxHarness.now + 600)))
        #expect(TokenParser.parse(try h.clientAssertion(.msalNETSendX5C)).header?["x5c"]?.stringValue != nil)

        let python = TokenParser.parse(try h.clientAssertion(.msalPythonChain))
        #expect(python.header?["alg"] == .string("RS256"))
        #expect(python.header?["x5t"]?.stringValue.map { $0.count == 28 && $0.hasSuffix("=") } == true)
        #expect(python.header?["x5c"]?.stringArray?.first?.contains("\n") == true)
        #expect(python.claims?["nbf"] == nil && python.claims?["exp"]?.doubleValue == Double(SandboxHarness.now + 600) + 0.3063304)
        #expect(TokenParser.parse(try h.clientAssertion(.msalPythonSHA256)).header?["x5t#S256"]?.stringValue?.count == 44)
        #expect(TokenParser.parse(try h.clientAssertion(.azureIdentityChain)).header?["x5c"]?.stringArray?.first?.contains("\n") == false)

        let aio = try h.clientAssertion(.azureIdentityAio)
        let segments = aio.split(separator: ".")
        #expect(segments[2].hasSuffix("=="))   // 256 signature bytes always need padding
        let aioClaims = TokenParser.parse(aio).claims
        #expect(aioClaims?["exp"]?.doubleValue == Double(SandboxHarness.now + 1800) && aioClaims?["iat"] == nil)
    }

    @Test func thumbprintsMatchPaddedOrNot() throws {
        let cert = h.demoCertificate()
        let padded = ClientAssertion.padded(Base64URL.decode(cert.sha1Thumbprint)!)
        #expect(h.authority.certificates.certificate(app: "middle-tier-api", sha1: padded, sha256: nil)?.name == "middle-tier-demo")
        #expect(h.authority.certificates.certificate(app: "middle-tier-api", sha1: nil, sha256: cert.sha256Thumbprint + "=")?.name == "middle-tier-demo")
        // A certificate belongs to its app only.
        #expect(h.authority.certificates.certificate(app: "web-app", sha1: cert.sha1Thumbprint, sha256: nil) == nil)
    }

    @Test func replayedAssertionIsAccepted() throws {
        // msal reuses one signed assertion (same `jti`) for about nine minutes.
        let assertion = try h.clientAssertion(.msalPython)
        #expect(h.token(form(assertion)).status == 200)
        #expect(h.token(form(assertion)).status == 200)
        let sameJTI = try h.clientAssertion(.msalNET) { $0.jti = "reused-jti"; $0.issuedAt -= 60 }
        #expect(h.token(form(sameJTI)).status == 200)
        #expect(h.token(form(try h.clientAssertion(.msalNET) { $0.jti = "reused-jti" })).status == 200)
    }

    @Test func timesWithinTheClockSkewAreAccepted() throws {
        // Expired 299 s ago, or valid only from 299 s from now: inside Entra's five minutes.
        #expect(h.token(form(try h.clientAssertion(.msalNET) { $0.issuedAt = SandboxHarness.now - 600 - 299 })).status == 200)
        #expect(h.token(form(try h.clientAssertion(.msalNET) { $0.issuedAt = SandboxHarness.now + 299 })).status == 200)
        #expect(h.token(form(try h.clientAssertion(.msalPython) { $0.issuedAt = SandboxHarness.now - 600 - 299 })).status == 200)
    }

    @Test(arguments: [
        (AssertionWire.msalNET, SandboxHarness.now - 600 - 301),     // expired (string times)
        (AssertionWire.msalPython, SandboxHarness.now - 600 - 302),  // expired (float exp)
        (AssertionWire.azureIdentityAio, SandboxHarness.now - 1800 - 301),
        (AssertionWire.msalNET, SandboxHarness.now + 301),           // not yet valid
    ])
    func timesBeyondTheSkewAre700024(_ wire: AssertionWire, _ issuedAt: Int64) throws {
        let r = h.token(form(try h.clientAssertion(wire) { $0.issuedAt = issuedAt }))
        SandboxHarness.expectError(r, 401, "invalid_client", 700024)
        let text = r.body["error_description"]?.stringValue ?? ""
        #expect(text.contains("Current time: 2026-11-29T10:00:00.0000000Z"), "\(text)")
        #expect(text.contains("expiry time of assertion"))
    }

    @Test func signatureByAnotherKeyIs700027() throws {
        let stranger = try ExternalCertificate()
        let r = h.token(form(try h.clientAssertion(.msalNET) { $0.signingKeyPEM = stranger.privateKeyPEM }))
        SandboxHarness.expectError(r, 401, "invalid_client", 700027)
        // RS256 header over a PSS signature fails too.
        let wrongAlg = try h.clientAssertion(.msalNET).split(separator: ".").map(String.init)
        let header = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT","x5t#S256":"\#(h.demoCertificate().sha256Thumbprint)"}"#.utf8))
        SandboxHarness.expectError(h.token(form([header, wrongAlg[1], wrongAlg[2]].joined(separator: "."))), 401, "invalid_client", 700027)
    }

    @Test func unregisteredCertificateIs50012() throws {
        let stranger = try ExternalCertificate()
        for wire in [AssertionWire.msalNET, .msalPython] {
            let r = h.token(form(try h.clientAssertion(wire) { $0.certificatePEM = stranger.certificatePEM; $0.signingKeyPEM = stranger.privateKeyPEM }))
            SandboxHarness.expectError(r, 401, "invalid_client", 50012)
            #expect(r.body["error_description"]?.stringValue?.contains("Thumbprint of key used by client") == true)
        }
        // Another app's certificate is not this app's.
        let webApp = try SandboxHarness.demo {
            $0.apps[$0.apps.firstIndex { $0.name == "web-app" }!].certificates = [ClientCertificate(name: "web-app-demo", pem: nil, generate: true)]
        }
        let wrongApp = try webApp.clientAssertion(.msalNET, app: "middle-tier-api") {
            $0.certificatePEM = webApp.demoCertificate("web-app").certificatePEM
            $0.signingKeyPEM = webApp.demoCertificate("web-app").privateKeyPEM!
        }
        SandboxHarness.expectError(webApp.token([("client_id", webApp.app("middle-tier-api").clientId), ("grant_type", "client_credentials"),
                                                 ("scope", "api://downstream-api/.default")] + webApp.assertionFields(wrongApp)),
                                   401, "invalid_client", 50012)
    }

    @Test func audienceMustBeThisTokenEndpoint() throws {
        let wrong = [
            h.tokenEndpoint(DemoDirectory.fabrikam),                                   // another tenant
            h.tokenEndpoint("common"),                                                 // the tenantless endpoint
            "https://login.microsoftonline.com/\(DemoDirectory.contoso)/oauth2/v2.0/token", // Entra's host
            "http://localhost:8400/\(DemoDirectory.contoso)/oauth2/v2.0/token",        // another spelling of the host
            "http://127.0.0.1:8400/\(DemoDirectory.contoso)/oauth2/v2.0/authorize",
            h.app("middle-tier-api").clientId,
        ]
        for aud in wrong {
            let r = h.token(form(try h.clientAssertion(.msalNET) { $0.audience = aud }))
            SandboxHarness.expectError(r, 401, "invalid_client", 50012)
            #expect(r.body["error_description"]?.stringValue?.contains("'aud'") == true, "\(aud)")
        }
    }

    @Test func audienceMayNameTheTenantAnyWayItIsKnown() throws {
        let right = [
            h.tokenEndpoint("contoso.onmicrosoft.com"),                                // domain for GUID
            h.tokenEndpoint(DemoDirectory.contoso.uppercased()),
            h.tokenEndpoint() + "/",
            "http://127.0.0.1:8400/\(DemoDirectory.contoso)/oauth2/token",             // the v1 endpoint path
        ]
        for aud in right {
            let r = h.token(form(try h.clientAssertion(.msalNET) { $0.audience = aud }))
            #expect(r.status == 200, "\(aud): \(r.body)")
        }
        // Calling by domain with the GUID in `aud` works as well.
        let r = h.token(form(try h.clientAssertion(.msalNET)), tenant: "contoso.example")
        #expect(r.status == 200, "\(r.body)")
    }

    @Test func subjectMustBeTheClientID() throws {
        let r = h.token(form(try h.clientAssertion(.msalNET) { $0.subject = h.app("web-app").clientId }))
        SandboxHarness.expectError(r, 401, "invalid_client", 50048)
        // The client ID in upper case is still the client ID.
        #expect(h.token(form(try h.clientAssertion(.msalNET) { $0.subject = h.app("middle-tier-api").clientId.uppercased() })).status == 200)
    }

    @Test func issuerIsRequired() throws {
        // Without `iss` it is neither a certificate assertion nor a federated one.
        let cert = h.demoCertificate()
        let header = #"{"alg":"RS256","typ":"JWT","x5t":"\#(cert.sha1Thumbprint)"}"#
        let payload = #"{"aud":"\#(h.tokenEndpoint())","sub":"\#(h.app("middle-tier-api").clientId)","exp":\#(SandboxHarness.now + 600)}"#
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: cert.privateKeyPEM!)
        let signature = try key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        let r = h.token(form(input + "." + Base64URL.encode(Array(signature.rawRepresentation))))
        SandboxHarness.expectError(r, 401, "invalid_client", 50012)
        #expect(r.body["error_description"]?.stringValue?.contains("'iss' is missing") == true)
    }

    @Test func assertionTypeIsRequired() throws {
        let fields = form(try h.clientAssertion()).filter { $0.0 != "client_assertion_type" }
        SandboxHarness.expectError(h.token(fields), 400, "invalid_request", 900144)
        #expect(h.token(fields).body["error_description"]?.stringValue?.contains("client_assertion_type") == true)
    }

    @Test func assertionWorksOnOBOAndOnTheDomainEndpoint() throws {
        let assertion = try h.clientAssertion(.azureIdentityAio, tenant: "contoso.onmicrosoft.com")
        let r = h.token([("client_id", h.app("middle-tier-api").clientId), ("grant_type", TokenEndpoint.jwtBearer),
                         ("requested_token_use", "on_behalf_of"), ("assertion", h.userToken()),
                         ("scope", "api://downstream-api/Data.Read")] + h.assertionFields(assertion), tenant: "contoso.onmicrosoft.com")
        #expect(r.status == 200, "\(r.body)")
    }

    // MARK: Certificates registered by PEM

    @Test(arguments: [AssertionWire.msalNET, .msalPythonChain, .azureIdentityAio])
    func externallyMadeCertificateRegisteredByPEMIsAccepted(_ wire: AssertionWire) throws {
        let external = try ExternalCertificate(commonName: "contoso-ci")
        let yaml = Self.directory(pem: external.certificatePEM)
        let h = try SandboxHarness(directory: try DirectoryLoader.load(yaml: yaml, file: "pem.yaml"))
        let registered = try #require(h.authority.certificates.certificates(app: "ci-client").first)
        #expect(registered.privateKeyPEM == nil && registered.certificatePath == nil)
        #expect(registered.der == ClientAssertion.der(fromPEM: external.certificatePEM))
        let assertion = try h.clientAssertion(wire, app: "ci-client") { $0.certificatePEM = external.certificatePEM; $0.signingKeyPEM = external.privateKeyPEM }
        let r = h.token([("client_id", h.app("ci-client").clientId), ("grant_type", "client_credentials"),
                         ("scope", "api://downstream-api/.default")] + h.assertionFields(assertion))
        #expect(r.status == 200, "\(r.body)")
        #expect(SandboxHarness.claims(r.body["access_token"]?.stringValue)?["roles"] == .array([.string("Data.Read.All")]))
    }

    @Test func sandboxGeneratedPEMRegisteredElsewhereIsAccepted() throws {
        // The demo certificate's PEM, pasted into another directory as a user would.
        let demo = h.demoCertificate()
        let other = try SandboxHarness(directory: try DirectoryLoader.load(yaml: Self.directory(pem: demo.certificatePEM), file: "pem.yaml"))
        let assertion = try other.clientAssertion(.msalNETLegacy, app: "ci-client") {
            $0.certificatePEM = demo.certificatePEM
            $0.signingKeyPEM = demo.privateKeyPEM!
        }
        let r = other.token([("client_id", other.app("ci-client").clientId), ("grant_type", "client_credentials"),
                             ("scope", "api://downstream-api/.default")] + other.assertionFields(assertion))
        #expect(r.status == 200, "\(r.body)")
    }

    @Test func pemFoldedIntoOneLineStillLoads() throws {
        // A plain (unquoted, not `|`) multi-line YAML scalar arrives with its line breaks as spaces.
        let external = try ExternalCertificate()
        let directory = try DirectoryLoader.load(yaml: Self.directory(pem: external.certificatePEM, literal: false), file: "pem.yaml")
        let h = try SandboxHarness(directory: directory)
        #expect(h.authority.certificates.certificates(app: "ci-client").first?.der == ClientAssertion.der(fromPEM: external.certificatePEM))
    }

    /// Two tenants, a confidential client with one PEM certificate, and an API it may call.
    /// `literal` writes the PEM as a `|` block; otherwise as a plain scalar that YAML folds.
    static func directory(pem: String, literal: Bool = true) -> String {
        let lines = pem.split(separator: "\n")
        let indented = (literal ? lines[...] : lines.dropFirst()).map { "          " + $0 }.joined(separator: "\n")
        let head = literal ? "|" : String(lines[0])
        return """
        tenants:
          - {name: contoso, id: \(DemoDirectory.contoso), domains: [contoso.onmicrosoft.com]}
          - {name: fabrikam, id: \(DemoDirectory.fabrikam), domains: [fabrikam.onmicrosoft.com]}
        apps:
          - name: ci-client
            clientId: 11111111-2222-4333-8444-555555555555
            tenant: contoso
            certificates:
              - name: contoso-ci
                pem: \(head)
        \(indented)
          - name: downstream-api
            clientId: ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67
            tenant: contoso
            appIdUris: [api://downstream-api]
            appRoles:
              - value: Data.Read.All
        appRoleAssignments:
          - {client: ci-client, resource: downstream-api, role: Data.Read.All, tenant: contoso}
        """
    }
}
