import CryptoExtras
import Testing
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeTestSupport

/// A capture server standing in for Entra's token endpoint, plus a throwaway certificate, so wire
/// tests can compare exactly what TokenScope sends with what MSAL sends (docs: msal-wire.md).
struct WireCapture {
    static let tenant = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"
    static let clientId = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
    static let tokenResponse = #"{"token_type":"Bearer","expires_in":"3599","access_token":"opaque-access-token"}"#

    let server: LoopbackHTTPServer
    let transport: AsyncHTTPTransport

    static func start(reply: LoopbackHTTPServer.Reply = .init(body: tokenResponse)) async throws -> WireCapture {
        let server = try await LoopbackHTTPServer.start()
        server.route("/\(tenant)/oauth2/v2.0/token", reply)
        return WireCapture(server: server, transport: AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10))
    }

    func stop() async {
        await transport.shutdown()
        await server.stop()
    }

    var authority: Authority {
        Authority(kind: .custom, scheme: "http", host: "127.0.0.1", port: server.port, tenant: Self.tenant)
    }

    var tokenEndpoint: String { "\(server.baseURL)/\(Self.tenant)/oauth2/v2.0/token" }

    /// Runs `request` through the client and returns the single request the server saw.
    func capture(_ request: ExchangeRequest) async throws -> (fields: [(name: String, value: String)], headers: [(String, String)], outcome: ExchangeOutcome) {
        let client = TokenEndpointClient(transport: transport, settings: ExchangeSettings(now: { TestToken.now }))
        let outcome = await client.exchange(request)
        let received = try #require(server.requests.last)
        let fields = FormEncoding.decode(String(decoding: received.body, as: UTF8.self))
        return (fields, received.headers, outcome)
    }
}

/// A certificate stand-in: the thumbprints hash whatever DER bytes are given, and the key is the
/// shared test key, whose public half verifies the assertion's signature.
enum TestCertificate {
    static let der: [UInt8] = Array("not a real certificate, only its thumbprints matter here".utf8)
    static var certificate: ClientCertificate {
        ClientCertificate(certificateDER: der, privateKey: TestSigningKey.shared.privateKey, label: "test")
    }
}

extension Array where Element == (name: String, value: String) {
    subscript(field name: String) -> String? { first { $0.name == name }?.value }
    var names: [String] { map(\.name) }
}

func header(_ headers: [(String, String)], _ name: String) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
}
