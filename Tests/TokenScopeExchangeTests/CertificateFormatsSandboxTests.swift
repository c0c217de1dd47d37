import Foundation
import Testing
import TokenScopeCore
import TokenScopeCredentials
import TokenScopeHTTP
import TokenScopeSandbox

/// Every certificate encoding a user may have (PEM + PKCS#1/PKCS#8/encrypted key, combined PEM,
/// PKCS#12 modern, legacy 3DES and RC2, without password) loads and then authenticates for real:
/// the sandbox has the fixture certificate registered on the middle tier.
@Suite("Certificate formats against the sandbox", .serialized)
struct CertificateFormatsSandboxTests {
    /// The demo directory with the fixture certificate added to the middle tier's certificates.
    static func authority() throws -> SandboxAuthority {
        let pem = try String(contentsOfFile: CredentialFixtures.path("cert.pem"), encoding: .utf8)
        var lines = DemoDirectory.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = try #require(lines.firstIndex { $0.hasSuffix("- name: middle-tier-demo") })
        let indent = String(lines[at].prefix { $0 == " " })
        let entry = ["\(indent)- name: fixture", "\(indent)  pem: |"] + pem.split(separator: "\n").map { "\(indent)      \($0)" }
        lines.insert(contentsOf: entry, at: at + 2)
        let yaml = lines.joined(separator: "\n")
        return try SandboxAuthority(directory: try DirectoryLoader.load(yaml: yaml, file: "fixture-directory.yaml"), stateDirectory: nil)
    }

    @Test("Each format gives the same certificate, accepted by the authority, as PS256 and as legacy RS256")
    func everyFormatAuthenticates() async throws {
        let server = try await SandboxServer.start(try Self.authority())
        let transport = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
        let authority = try AuthorityRules.resolve(AuthoritySelection(authorityURL: "\(server.baseURL)/\(LiveSandbox.contoso)"), defaultTenant: nil)
        let client = TokenEndpointClient(transport: transport, settings: ExchangeSettings(retryDelaySeconds: 0.05, now: { Int64(Date().timeIntervalSince1970) }))
        let cases: [(cert: String, key: String?, password: String?)] = [
            ("cert.pem", "key-pkcs1.pem", nil), ("cert.pem", "key-pkcs8.pem", nil), ("cert.pem", "key-pkcs8-encrypted.pem", CredentialFixtures.password),
            ("combined-key-first.pem", nil, nil), ("combined-cert-first.pem", nil, nil),
            ("modern-aes256.pfx", nil, CredentialFixtures.password), ("legacy-3des.pfx", nil, CredentialFixtures.password),
            ("legacy-rc2.p12", nil, CredentialFixtures.password), ("no-password.pfx", nil, nil),
        ]
        let dir = try TempDirectory()
        for (index, c) in cases.enumerated() {
            let loaded = try CertificateLoader.load(certificatePath: try dir.copy(c.cert, as: "\(index)-\(c.cert)"),
                                                    keyPath: try c.key.map { try dir.copy($0, as: "\(index)-\($0)") }, password: c.password)
            #expect(loaded.certificate.sha1Hex == CredentialFixtures.sha1Hex, "\(c.cert)")
            for options in [CertificateAssertionOptions(), CertificateAssertionOptions(sendX5C: true, legacySHA1: true)] {
                let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: LiveSandbox.middleTier,
                                              scopes: ["api://downstream-api/.default"], credential: .certificate(loaded.certificate, options: options))
                let outcome = await client.exchange(request)
                #expect(outcome.succeeded, "\(c.cert) \(c.key ?? "") legacy=\(options.legacySHA1): \(String(describing: outcome.result))")
            }
        }
        dir.remove()
        await transport.shutdown()
        await server.stop()
    }
}

/// A generic OIDC authority: endpoints from discovery (cached), RS256 + x5t assertions as MSAL.NET
/// sends to non-Entra authorities.
@Suite("OIDC authority")
struct OIDCAuthorityTests {
    @Test("Discovery finds the token endpoint; the certificate assertion is RS256 with a SHA-1 x5t; discovery is fetched once")
    func oidcDiscovery() async throws {
        let sandbox = try await LiveSandbox.start()
        let authority = try AuthorityRules.resolve(AuthoritySelection(oidcAuthorityURL: "\(sandbox.baseURL)/\(LiveSandbox.contoso)/v2.0"), defaultTenant: nil)
        #expect(authority.kind == .oidc)
        let recorder = RecordingTransport(inner: sandbox.transport)
        let client = TokenEndpointClient(transport: recorder, settings: sandbox.settings())
        for _ in 0..<2 {
            let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: LiveSandbox.middleTier,
                                          scopes: ["api://downstream-api/.default"], credential: .certificate(try sandbox.middleTierCertificate(), options: .init()))
            let outcome = await client.exchange(request)
            #expect(outcome.succeeded, "\(String(describing: outcome.result))")
            #expect(outcome.tokenEndpoint == "\(sandbox.baseURL)/\(LiveSandbox.contoso)/oauth2/v2.0/token")
            #expect(outcome.trace.first?.clientAssertionHeader?["alg"]?.stringValue == "RS256")
            #expect(outcome.trace.first?.clientAssertionHeader?["x5t"] != nil)
        }
        #expect(recorder.urls.filter { $0.hasSuffix("openid-configuration") }.count == 1)
        await sandbox.stop()
    }

    @Test("A discovery document that sends tokens to another host is refused before any credential leaves")
    func discoveryToAnotherHost() async throws {
        let script = ScriptedTransport([ScriptedTransport.json(200, #"{"issuer":"https://idp.example","token_endpoint":"https://evil.example/token","authorization_endpoint":"https://idp.example/authorize"}"#)])
        let authority = Authority(kind: .oidc, scheme: "https", host: "idp.example", port: nil, tenant: "")
        let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: "c", scopes: ["x/.default"], credential: .secret(Secret("s"), basic: false))
        let outcome = await TokenEndpointClient(transport: script, settings: ExchangeSettings(now: { 0 })).exchange(request)
        guard case let .notSent(error) = outcome.result else { Issue.record("expected notSent"); return }
        #expect(error.id == "oidc-token-host" && script.requests.count == 1)
    }
}

/// Wraps a transport and records the URLs it was asked for.
final class RecordingTransport: HTTPTransport {
    let inner: any HTTPTransport
    private let log = Synchronization.Mutex<[String]>([])
    init(inner: any HTTPTransport) { self.inner = inner }
    var urls: [String] { log.withLock { $0 } }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request.url) }
        return try await inner.send(request)
    }
}

import Synchronization
