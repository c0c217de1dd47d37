import Crypto
import CryptoExtras
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// What goes on the wire, flow by flow and credential by credential, captured at a loopback
/// server and compared with what MSAL sends (msal-wire.md §2–4; MSAL.NET's differences noted).
@Suite("Wire shape of token requests")
struct WireShapeTests {
    static let userToken = TestToken.v2AccessToken().signed()
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    func request(_ grant: ExchangeRequest.Grant, _ credential: ClientCredential, scopes: [String], capture: WireCapture) -> ExchangeRequest {
        ExchangeRequest(grant: grant, authority: capture.authority, clientId: WireCapture.clientId, scopes: scopes, credential: credential,
                        correlationId: "0d7c2f1a-3b4c-4d5e-8f9a-0b1c2d3e4f50")
    }

    @Test("OBO with a secret: MSAL's fields, reserved scopes added, the assertion last and untouched")
    func oboSecret() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let (fields, headers, outcome) = try await capture.capture(request(.onBehalfOf(userAssertion: Self.userToken), .secret(Secret("s3cr3t+/="), basic: false),
                                                                           scopes: ["api://downstream-api/Data.Read"], capture: capture))
        #expect(outcome.succeeded)
        #expect(fields.names == ["client_id", "grant_type", "client_secret", "client_info", "scope", "requested_token_use", "assertion"])
        #expect(fields[field: "grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        #expect(fields[field: "client_secret"] == "s3cr3t+/=")
        #expect(fields[field: "client_info"] == "1")
        #expect(Set(fields[field: "scope"]!.split(separator: " ")) == ["api://downstream-api/Data.Read", "openid", "profile", "offline_access"])
        #expect(fields[field: "requested_token_use"] == "on_behalf_of")
        #expect(fields.last?.name == "assertion" && fields.last?.value == Self.userToken)
        #expect(header(headers, "client-request-id") == "0d7c2f1a-3b4c-4d5e-8f9a-0b1c2d3e4f50")
        #expect(header(headers, "return-client-request-id") == "true")
        #expect(header(headers, "x-client-SKU") == "TokenScope")
        #expect(header(headers, "x-client-Ver") == ClientHeaders.version)
        #expect(header(headers, "x-ms-lib-capability") == "retry-after, h429")
        #expect(header(headers, "Content-Type") == "application/x-www-form-urlencoded")
        #expect(header(headers, "Authorization") == nil)
    }

    @Test("--no-reserved-scopes leaves openid profile offline_access out")
    func noReservedScopes() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        var r = request(.onBehalfOf(userAssertion: Self.userToken), .secret(Secret("x"), basic: false), scopes: ["api://downstream-api/Data.Read"], capture: capture)
        r.addReservedScopes = false
        let (fields, _, _) = try await capture.capture(r)
        #expect(fields[field: "scope"] == "api://downstream-api/Data.Read")
    }

    @Test("OBO with a certificate: PS256, x5t#S256, MSAL.NET's claims, a signature that verifies")
    func oboCertificate() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let cert = TestCertificate.certificate
        let (fields, _, outcome) = try await capture.capture(request(.onBehalfOf(userAssertion: Self.userToken), .certificate(cert, options: .init()),
                                                                     scopes: ["api://downstream-api/Data.Read"], capture: capture))
        #expect(outcome.succeeded)
        #expect(fields.names == ["client_id", "grant_type", "client_assertion", "client_assertion_type", "client_info", "scope", "requested_token_use", "assertion"])
        #expect(fields[field: "client_assertion_type"] == Self.assertionType)
        let assertion = TokenParser.parse(try #require(fields[field: "client_assertion"]))
        let header = try #require(assertion.header), claims = try #require(assertion.claims)
        #expect(header.objectMembers?.map(\.key) == ["alg", "typ", "x5t#S256"])
        #expect(header["alg"]?.stringValue == "PS256")
        #expect(header["x5t#S256"]?.stringValue == Base64URL.encode(Array(SHA256.hash(data: TestCertificate.der))))
        #expect(claims.objectMembers?.map(\.key) == ["aud", "iss", "sub", "nbf", "exp", "jti"])
        #expect(claims["aud"]?.stringValue == capture.tokenEndpoint)
        #expect(claims["iss"]?.stringValue == WireCapture.clientId && claims["sub"]?.stringValue == WireCapture.clientId)
        // MSAL.NET writes nbf and exp as strings, 600 s apart.
        let nbf = try #require(claims["nbf"]?.stringValue.flatMap { Int64($0) }), exp = try #require(claims["exp"]?.stringValue.flatMap { Int64($0) })
        #expect(nbf == TestToken.now && exp - nbf == 600)
        #expect(GUID.isGUID(claims["jti"]?.stringValue ?? ""))
        let digest = SHA256.hash(data: Array(assertion.signingInput.utf8))
        #expect(TestSigningKey.shared.privateKey.publicKey.isValidSignature(.init(rawRepresentation: assertion.signature), for: digest, padding: .PSS))
        // The trace shows the decoded assertion, but never its signature.
        let entry = try #require(outcome.trace.first)
        #expect(entry.clientAssertionHeader?["alg"]?.stringValue == "PS256")
        #expect(entry.request.form.first { $0.name == "client_assertion" }?.value.hasSuffix("«redacted signature»") == true)
    }

    @Test("--legacy-sha1: RS256 with a SHA-1 x5t; --send-x5c adds the certificate as one base64 string")
    func legacyAndX5C() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let cert = TestCertificate.certificate
        let (fields, _, _) = try await capture.capture(request(.clientCredentials, .certificate(cert, options: .init(sendX5C: true, legacySHA1: true)),
                                                               scopes: ["api://downstream-api/.default"], capture: capture))
        let assertion = TokenParser.parse(try #require(fields[field: "client_assertion"]))
        let header = try #require(assertion.header)
        #expect(header["alg"]?.stringValue == "RS256")
        #expect(header["x5t"]?.stringValue == Base64URL.encode(Array(Insecure.SHA1.hash(data: TestCertificate.der))))
        #expect(header["x5t#S256"] == nil)
        #expect(header["x5c"]?.stringValue == Base64Standard.encode(TestCertificate.der))
        let digest = SHA256.hash(data: Array(assertion.signingInput.utf8))
        #expect(TestSigningKey.shared.privateKey.publicKey.isValidSignature(.init(rawRepresentation: assertion.signature), for: digest, padding: .insecurePKCS1v1_5))
    }

    @Test("Client credentials: the scope exactly as given, client_info=2 (MSAL.NET), no reserved scopes")
    func clientCredentialsSecret() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let (fields, _, _) = try await capture.capture(request(.clientCredentials, .secret(Secret("x"), basic: false), scopes: ["api://downstream-api/.default"], capture: capture))
        #expect(fields.names == ["client_id", "grant_type", "client_secret", "client_info", "scope"])
        #expect(fields[field: "grant_type"] == "client_credentials")
        #expect(fields[field: "client_info"] == "2")
        #expect(fields[field: "scope"] == "api://downstream-api/.default")
    }

    @Test("HTTP Basic on request: the secret leaves the body and goes in Authorization")
    func basicSecret() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let (fields, headers, outcome) = try await capture.capture(request(.clientCredentials, .secret(Secret("p@ss word"), basic: true), scopes: ["api://x/.default"], capture: capture))
        #expect(fields[field: "client_secret"] == nil)
        let expected = Base64Standard.encode(Array("\(WireCapture.clientId):p%40ss+word".utf8))
        #expect(header(headers, "Authorization") == "Basic \(expected)")
        #expect(outcome.trace[0].request.headers.first { $0.name == "Authorization" }?.value.hasPrefix("«redacted") == true)
    }

    @Test("A federated client assertion is sent verbatim, read from its source for every request")
    func federatedAssertion() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let source = ClientAssertionSource(origin: "test") { "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln\n" }
        let (fields, _, _) = try await capture.capture(request(.clientCredentials, .assertion(source), scopes: ["api://x/.default"], capture: capture))
        #expect(fields[field: "client_assertion"] == "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln")
        #expect(fields[field: "client_assertion_type"] == Self.assertionType)
        #expect(fields[field: "client_secret"] == nil)
    }

    @Test("Auth code, refresh and device code carry their grant's fields")
    func userFlows() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        let secret = ClientCredential.secret(Secret("x"), basic: false)
        let code = try await capture.capture(request(.authorizationCode(code: "c0de", redirectURI: "http://localhost:5000/", codeVerifier: String(repeating: "v", count: 43)),
                                                     secret, scopes: ["User.Read"], capture: capture)).fields
        #expect(code.names == ["client_id", "grant_type", "client_secret", "client_info", "code_verifier", "code", "redirect_uri", "scope"])
        #expect(code[field: "grant_type"] == "authorization_code" && code[field: "redirect_uri"] == "http://localhost:5000/")
        let refresh = try await capture.capture(request(.refreshToken("rt-value"), secret, scopes: ["User.Read"], capture: capture)).fields
        #expect(refresh.names == ["client_id", "grant_type", "client_secret", "client_info", "refresh_token", "scope"])
        let device = try await capture.capture(request(.deviceCode("dc-value"), .none, scopes: ["User.Read"], capture: capture)).fields
        #expect(device.names == ["client_id", "grant_type", "client_info", "device_code", "scope"])
        #expect(device[field: "grant_type"] == "device_code")
    }

    @Test("A claims challenge and cp1 are merged into one claims parameter, as MSAL does")
    func claimsAndCapabilities() async throws {
        let capture = try await WireCapture.start()
        defer { Task { await capture.stop() } }
        var r = request(.onBehalfOf(userAssertion: Self.userToken), .secret(Secret("x"), basic: false), scopes: ["api://x/y"], capture: capture)
        r.claimsChallenge = try ClaimsChallenge.parse(#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#)
        r.clientCapabilities = ["cp1"]
        let (fields, _, _) = try await capture.capture(r)
        let claims = try JSONParser.parse(try #require(fields[field: "claims"]))
        #expect(claims["access_token"]?["acrs"]?["value"]?.stringValue == "c1")
        #expect(claims["access_token"]?["xms_cc"]?["values"]?.stringArray == ["cp1"])
        #expect(fields.names.firstIndex(of: "claims")! < fields.names.firstIndex(of: "assertion")!)
    }
}
