import Foundation
import SwiftASN1
import Testing
import X509
@testable import TokenScopeCore
import TokenScopeHTTP
@testable import TokenScopeSandbox

@Suite("Sandbox: TLS")
struct TLSTests {
    @Test func theCAIsACAAndTheServerCertificateCoversTheLoopbackNames() throws {
        let material = try LocalCertificateAuthority.material(stateDirectory: nil)
        let ca = try Certificate(pemEncoded: material.caCertificatePEM)
        let server = try Certificate(pemEncoded: material.certificatePEM)

        #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(ca.extensions[oid: .X509ExtensionID.basicConstraints]?.critical == true)
        #expect(try ca.extensions.keyUsage?.keyCertSign == true)
        #expect(ca.issuer == ca.subject)

        #expect(try server.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try server.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        let names = try #require(try server.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1])))))
        #expect(server.issuer == ca.subject)
        #expect(ca.publicKey.isValidSignature(server.signature, for: server))
        #expect(server.notValidAfter.timeIntervalSinceNow < 398 * 86_400)
        #expect(material.caFile == nil)
    }

    @Test func materialIsStoredPrivatelyAndReused() throws {
        let dir = Live.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try LocalCertificateAuthority.material(stateDirectory: dir)
        let tls = dir.appendingPathComponent("tls")
        #expect(first.caFile == tls.appendingPathComponent("ca.crt.pem").path)
        #expect(!first.reusedCA)
        #expect(Live.mode(tls.path) == 0o700)
        #expect(Live.mode(tls.appendingPathComponent("ca.key.pem").path) == 0o600)
        #expect(Live.mode(tls.appendingPathComponent("server.key.pem").path) == 0o600)

        let second = try LocalCertificateAuthority.material(stateDirectory: dir)
        #expect(second.reusedCA)
        #expect(second.caCertificatePEM == first.caCertificatePEM)
        #expect(second.certificatePEM == first.certificatePEM)

        // A damaged server certificate is re-issued by the same CA: clients keep trusting it.
        try Data("garbage".utf8).write(to: tls.appendingPathComponent("server.crt.pem"))
        let third = try LocalCertificateAuthority.material(stateDirectory: dir)
        #expect(third.caCertificatePEM == first.caCertificatePEM)
        #expect(third.certificatePEM != first.certificatePEM)
        let ca = try Certificate(pemEncoded: third.caCertificatePEM)
        let server = try Certificate(pemEncoded: third.certificatePEM)
        #expect(ca.publicKey.isValidSignature(server.signature, for: server))
    }

    @Test func httpsFailsWithoutTrustingTheCAAndWorksWithIt() async throws {
        let material = try LocalCertificateAuthority.material(stateDirectory: nil)
        try await Live.withServer(tls: material) { server, untrusting in
            #expect(server.baseURL == "https://127.0.0.1:\(server.port)")
            let metadataURL = server.baseURL + "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration"
            let error = await #expect(throws: TransportError.self) { _ = try await Live.get(untrusting, metadataURL) }
            #expect(error?.kind == .tls)

            let trusting = try AsyncHTTPTransport(additionalTrustRootsPEM: material.caCertificatePEM, connectTimeoutSeconds: 10, requestTimeoutSeconds: 30)
            defer { Task { await trusting.shutdown() } }
            let metadata = try await Live.get(trusting, metadataURL)
            #expect(metadata.status == 200)
            #expect(Live.json(metadata)?["token_endpoint"] == .string(server.baseURL + "/contoso.onmicrosoft.com/oauth2/v2.0/token"))

            let token = try await Live.post(trusting, server.baseURL + "/contoso.onmicrosoft.com/oauth2/v2.0/token", form: Live.daemonForm)
            #expect(token.status == 200)
            let claims = try #require(SandboxHarness.claims(Live.json(token)?["access_token"]?.stringValue))
            #expect(claims["iss"] == .string("\(server.baseURL)/\(DemoDirectory.contoso)/v2.0"))
        }
    }

    @Test func theTransportRefusesTextWithoutACertificate() {
        #expect(throws: (any Error).self) { _ = try AsyncHTTPTransport(additionalTrustRootsPEM: "not a certificate") }
    }

    @Test func trustEnvironmentNamesBothPythonVariablesAndNode() {
        let names = TLSMaterial.trustEnvironment(caFile: "/ca.pem").map(\.name)
        #expect(names == ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"])
    }
}
