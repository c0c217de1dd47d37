import Foundation
import Testing
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// A demo-directory sandbox served on 127.0.0.1:0 with the real clock, plus the live transport
/// and shortcuts for the demo apps' credentials: the exchange tests run the real protocol over
/// real HTTP against it. Call `stop()` at the end of every test.
struct LiveSandbox {
    static let contoso = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"
    static let fabrikam = "fab0c1d2-e3f4-4a5b-8c6d-7e8f9a0b1c2d"
    static let middleTier = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
    static let daemon = "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69"
    static let webApp = "7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62"
    static let spaClient = "5a1c0e6f-2b3d-4c8e-9f1a-0b2c3d4e5f61"

    let server: SandboxServer
    let transport: AsyncHTTPTransport

    static func start() async throws -> LiveSandbox {
        let authority = try SandboxAuthority.demo()
        let server = try await SandboxServer.start(authority)
        return LiveSandbox(server: server, transport: AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10))
    }

    func stop() async {
        await transport.shutdown()
        await server.stop()
    }

    var authority: SandboxAuthority { server.authority }
    var baseURL: String { server.baseURL }

    /// `http://127.0.0.1:P/{tenant}` as an exchange authority.
    func exchangeAuthority(tenant: String = LiveSandbox.contoso) throws -> Authority {
        try AuthorityRules.resolve(AuthoritySelection(authorityURL: "\(baseURL)/\(tenant)"), defaultTenant: nil)
    }

    func secret(_ app: String) -> Secret { Secret(authority.directory.app(named: app)!.secrets[0].value) }

    /// The middle tier's demo certificate with its private key.
    func middleTierCertificate() throws -> TokenScopeCore.ClientCertificate {
        let registered = authority.certificates.certificates(app: "middle-tier-api")[0]
        let key = try _RSAKey.privateKey(pem: registered.privateKeyPEM!)
        return TokenScopeCore.ClientCertificate(certificateDER: registered.der, privateKey: key, label: registered.name)
    }

    /// A user token for the middle tier (the OBO assertion), as the SPA would get it.
    func userAssertion(user: String = "alice", mfa: Bool = false) throws -> String {
        var spec = MintSpec(.accessToken, user: user, client: "spa-client", scope: "api://middle-tier-api/access_as_user")
        spec.mfa = mfa
        return try SandboxMint.mint(spec, authority: authority, now: Int64(Date().timeIntervalSince1970))
    }

    /// A workload token from the sandbox's federation issuer, for the middle tier's federated credential.
    func workloadToken() throws -> String {
        try SandboxMint.mint(MintSpec(.workload, client: "middle-tier-api"), authority: authority, now: Int64(Date().timeIntervalSince1970))
    }

    func settings(reveal: Bool = false, events: (@Sendable (ExchangeEvent) -> Void)? = nil) -> ExchangeSettings {
        ExchangeSettings(reveal: reveal, retryDelaySeconds: 0.05, now: { Int64(Date().timeIntervalSince1970) }, onEvent: events ?? { _ in })
    }

    func client(reveal: Bool = false) -> TokenEndpointClient {
        TokenEndpointClient(transport: transport, settings: settings(reveal: reveal))
    }
}

import CryptoExtras

enum _RSAKey {
    static func privateKey(pem: String) throws -> _RSA.Signing.PrivateKey { try _RSA.Signing.PrivateKey(pemRepresentation: pem) }
}
