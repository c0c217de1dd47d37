import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeHTTP
import TokenScopeTestSupport

/// `--verify` against real HTTP on 127.0.0.1 (metadata + JWKS served by a loopback server), through
/// the live AsyncHTTPClient transport, and offline against JWKS documents.
@Suite("Signature verification")
struct VerificationTests {
    let context = InspectionContext(now: TestToken.now)

    func report(_ jwt: String) throws -> TokenReport {
        try #require(try TokenInspector.inspect(text: jwt, context: context).first)
    }

    /// Serves Entra-shaped metadata for `tenant` and the shared test key.
    func startAuthority(issuer: (String) -> String = { "\($0)/\(TestToken.tenant)/v2.0" }) async throws -> LoopbackHTTPServer {
        let server = try await LoopbackHTTPServer.start()
        let base = server.baseURL
        server.route("/\(TestToken.tenant)/v2.0/.well-known/openid-configuration", .init(body: """
            {"issuer":"\(issuer(base))","jwks_uri":"\(base)/\(TestToken.tenant)/discovery/v2.0/keys","token_endpoint":"\(base)/\(TestToken.tenant)/oauth2/v2.0/token"}
            """))
        server.route("/\(TestToken.tenant)/discovery/v2.0/keys", .init(body: TestSigningKey.shared.jwks()))
        return server
    }

    func localToken(_ base: String) -> TestToken {
        TestToken.v2AccessToken().with("iss", .string("\(base)/\(TestToken.tenant)/v2.0"))
    }

    @Test func discoversFromTheIssuerAndVerifies() async throws {
        let server = try await startAuthority()
        let transport = AsyncHTTPTransport()
        let r = try report(localToken(server.baseURL).signed())
        let (status, findings) = await TokenVerification.verify(r, keys: .discovery(authority: nil, transport: transport))
        await transport.shutdown()
        await server.stop()
        #expect(status.checked && status.valid == true)
        #expect(status.keyID == "test-key-1")
        #expect(status.reason.contains("`iss` matches the metadata"))
        #expect(findings.isEmpty)
        #expect(server.requests.map(\.path) == ["/\(TestToken.tenant)/v2.0/.well-known/openid-configuration", "/\(TestToken.tenant)/discovery/v2.0/keys"])
    }

    @Test func ps256IsVerifiedToo() async throws {
        let server = try await startAuthority()
        let transport = AsyncHTTPTransport()
        let r = try report(localToken(server.baseURL).signed(algorithm: .ps256))
        let (status, _) = await TokenVerification.verify(r, keys: .discovery(authority: "\(server.baseURL)/\(TestToken.tenant)", transport: transport))
        await transport.shutdown()
        await server.stop()
        #expect(status.valid == true)
        #expect(status.reason.hasPrefix("PS256 signature verified"))
    }

    @Test func tamperedPayloadFails() async throws {
        let server = try await startAuthority()
        let transport = AsyncHTTPTransport()
        let good = localToken(server.baseURL).signed()
        let forged = localToken(server.baseURL).with("scp", .string("access_as_user Admin.All")).signed(with: try TestSigningKey(kid: "test-key-1"))
        let spliced = forged.split(separator: ".").prefix(2).joined(separator: ".") + "." + good.split(separator: ".")[2]
        let (status, findings) = await TokenVerification.verify(try report(spliced), keys: .discovery(authority: nil, transport: transport))
        await transport.shutdown()
        await server.stop()
        #expect(status.checked && status.valid == false)
        #expect(findings.map(\.id) == [.signatureInvalid])
        #expect(findings.first?.severity == .error)
    }

    /// Verifies a locally issued token by discovery against an authority whose metadata names `issuer`.
    func verifyByDiscovery(metadataIssuer issuer: @escaping (String) -> String) async throws -> (SignatureStatus, [Finding]) {
        let server = try await startAuthority(issuer: issuer)
        let transport = AsyncHTTPTransport()
        let token = localToken(server.baseURL).signed()
        let result = await TokenVerification.verify(try report(token), keys: .discovery(authority: nil, transport: transport))
        await transport.shutdown()
        await server.stop()
        return result
    }

    @Test func issuerDifferentFromMetadataIsAnError() async throws {
        let (status, findings) = try await verifyByDiscovery(metadataIssuer: { "\($0)/someone-else/v2.0" })
        #expect(status.valid == true)
        #expect(findings.map(\.id) == [.issuerMismatch])
    }

    @Test func tenantTemplateInMetadataIssuerIsSubstituted() async throws {
        let (status, findings) = try await verifyByDiscovery(metadataIssuer: { "\($0)/{tenantid}/v2.0" })
        #expect(status.valid == true)
        #expect(findings.isEmpty)
    }

    @Test func unknownKidSaysWhy() async throws {
        let other = try TestSigningKey(kid: "rotated-out")
        let (status, findings) = await TokenVerification.verify(try report(TestToken.v2AccessToken().signed()),
                                                                keys: .jwks(Array(other.jwks().utf8), origin: "keys.json"))
        #expect(status.valid == false)
        #expect(status.reason.contains("no RSA signing key matches kid `test-key-1`"))
        #expect(findings.map(\.id) == [.signatureInvalid])
    }

    @Test func offlineJWKSWithUnusualKeysStillWorks() async throws {
        // An `oct` key and an encryption key must not spoil the set (a jwt-kit trap).
        let ours = TestSigningKey.shared.jwks()
        let keys = ours.replacingOccurrences(of: "{\"keys\":[", with: "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"},{\"kty\":\"RSA\",\"use\":\"enc\",\"kid\":\"test-key-1\",\"n\":\"AQAB\",\"e\":\"AQAB\"},")
        let (status, _) = await TokenVerification.verify(try report(TestToken.v2AccessToken().signed()), keys: .jwks(Array(keys.utf8), origin: "keys.json"))
        #expect(status.valid == true)
    }

    @Test func graphNonceCannotBeVerifiedByDesign() async throws {
        var token = TestToken.v2AccessToken()
        token.setHeader("nonce", .string("abc"))
        let (status, findings) = await TokenVerification.verify(try report(token.signed()), keys: .jwks([], origin: "unused"))
        #expect(!status.checked)
        #expect(status.reason.contains("cannot be verified by design"))
        #expect(findings.isEmpty)
    }

    @Test func unsignedAndUnsupportedAlgorithms() async throws {
        let (unsigned, _) = await TokenVerification.verify(try report(TestToken.v2AccessToken().unsigned()), keys: .jwks([], origin: "x"))
        #expect(!unsigned.checked && unsigned.reason.contains("unsigned"))
        var hs = TestToken.v2AccessToken()
        hs.setHeader("alg", .string("HS256"))
        let raw = hs.signed().split(separator: ".")
        let header = Base64URL.encode(Array(#"{"typ":"JWT","alg":"HS256"}"#.utf8))
        let (status, _) = await TokenVerification.verify(try report("\(header).\(raw[1]).\(raw[2])"), keys: .jwks([], origin: "x"))
        #expect(!status.checked && status.reason.contains("`HS256`"))
    }

    @Test func refusesPlainHTTPToRemoteHostsAndCredentialsInURLs() {
        let remote = DiscoveryLocation.metadataURL(issuer: "http://login.example.com/t/v2.0", version: "2.0", authority: nil)
        #expect((try? remote.get()) == nil)
        let creds = DiscoveryLocation.metadataURL(issuer: nil, version: "2.0", authority: "https://u:p@login.example.com/t")
        if case let .failure(refusal) = creds { #expect(refusal.reason.contains("credentials")) } else { Issue.record("accepted credentials") }
    }

    @Test func metadataLocations() throws {
        #expect(try DiscoveryLocation.metadataURL(issuer: "https://login.microsoftonline.com/t/v2.0", version: "2.0", authority: nil).get()
                == "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration")
        #expect(try DiscoveryLocation.metadataURL(issuer: "https://sts.windows.net/t/", version: "1.0", authority: nil).get()
                == "https://login.microsoftonline.com/t/.well-known/openid-configuration")
        #expect(try DiscoveryLocation.metadataURL(issuer: nil, version: "2.0", authority: "https://login.microsoftonline.us/t/").get()
                == "https://login.microsoftonline.us/t/v2.0/.well-known/openid-configuration")
        #expect(try DiscoveryLocation.metadataURL(issuer: nil, version: "1.0", authority: "https://login.microsoftonline.com/t").get()
                == "https://login.microsoftonline.com/t/.well-known/openid-configuration")
    }

    @Test func unreachableAuthorityIsAPlainReason() async throws {
        let server = try await LoopbackHTTPServer.start()
        let port = server.port
        await server.stop()
        let transport = AsyncHTTPTransport(connectTimeoutSeconds: 2, requestTimeoutSeconds: 2)
        let (status, findings) = await TokenVerification.verify(try report(TestToken.v2AccessToken().signed()),
                                                                keys: .discovery(authority: "http://127.0.0.1:\(port)/t", transport: transport))
        await transport.shutdown()
        #expect(!status.checked)
        #expect(status.reason.hasPrefix("not verified: GET http://127.0.0.1:\(port)/t/v2.0/.well-known/openid-configuration failed"))
        #expect(findings.isEmpty)
    }

    @Test func httpErrorFromMetadataIsReported() async throws {
        let server = try await LoopbackHTTPServer.start()
        let transport = AsyncHTTPTransport()
        let (status, _) = await TokenVerification.verify(try report(TestToken.v2AccessToken().signed()),
                                                         keys: .discovery(authority: "\(server.baseURL)/nowhere", transport: transport))
        await transport.shutdown()
        await server.stop()
        #expect(status.reason.contains("answered HTTP 404"))
    }
}
