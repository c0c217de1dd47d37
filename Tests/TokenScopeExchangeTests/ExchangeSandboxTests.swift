import Foundation
import Testing
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// Every flow × credential the sandbox supports, over real HTTP with real signatures, and the
/// failures it can produce: the exchange must read each into the right outcome.
@Suite("Exchange against the sandbox")
struct ExchangeSandboxTests {
    static let downstreamRead = ["api://downstream-api/Data.Read"]

    func obo(_ sandbox: LiveSandbox, credential: ClientCredential, user: String = "alice", scopes: [String] = downstreamRead) async throws -> ExchangeOutcome {
        let assertion = try sandbox.userAssertion(user: user)
        let request = ExchangeRequest(grant: .onBehalfOf(userAssertion: assertion), authority: try sandbox.exchangeAuthority(),
                                      clientId: LiveSandbox.middleTier, scopes: scopes, credential: credential)
        return await sandbox.client().exchange(request)
    }

    func clientCredentials(_ sandbox: LiveSandbox, clientId: String, credential: ClientCredential) async throws -> ExchangeOutcome {
        let request = ExchangeRequest(grant: .clientCredentials, authority: try sandbox.exchangeAuthority(), clientId: clientId,
                                      scopes: ["api://downstream-api/.default"], credential: credential)
        return await sandbox.client().exchange(request)
    }

    func accessClaims(_ outcome: ExchangeOutcome) -> JSONValue? {
        outcome.tokens.first { $0.field == "access_token" }?.report.token.claims
    }

    @Test("OBO with a secret, a certificate and a federated assertion: a downstream token for the same user")
    func oboEveryCredential() async throws {
        let sandbox = try await LiveSandbox.start()
        let credentials: [ClientCredential] = [
            .secret(sandbox.secret("middle-tier-api"), basic: false),
            .secret(sandbox.secret("middle-tier-api"), basic: true),
            .certificate(try sandbox.middleTierCertificate(), options: .init()),
            .certificate(try sandbox.middleTierCertificate(), options: .init(sendX5C: true, legacySHA1: true)),
            .assertion(.literal(try sandbox.workloadToken())),
        ]
        for credential in credentials {
            let outcome = try await obo(sandbox, credential: credential)
            #expect(outcome.succeeded, "\(credential.summary): \(String(describing: outcome.result))")
            let claims = accessClaims(outcome)
            #expect(claims?["aud"]?.stringValue == "api://downstream-api" || claims?["aud"]?.stringValue == "ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67")
            #expect(claims?["scp"]?.stringValue?.contains("Data.Read") == true)
            #expect(claims?["azp"]?.stringValue == LiveSandbox.middleTier || claims?["appid"]?.stringValue == LiveSandbox.middleTier)
            let diff = try #require(outcome.diff)
            #expect(diff.identityChanges.isEmpty)
            #expect(diff.identityPreserved.map(\.claim).contains("oid") && diff.identityPreserved.map(\.claim).contains("tid"))
            #expect(diff.changed.contains { $0.claim == "aud" })
        }
        await sandbox.stop()
    }

    @Test("Client credentials with a secret, a certificate and a federated assertion")
    func clientCredentialsEveryCredential() async throws {
        let sandbox = try await LiveSandbox.start()
        let daemon = try await clientCredentials(sandbox, clientId: LiveSandbox.daemon, credential: .secret(sandbox.secret("daemon"), basic: false))
        #expect(daemon.succeeded)
        #expect(accessClaims(daemon)?["roles"]?.stringArray == ["Data.Read.All"])
        let cert = try await clientCredentials(sandbox, clientId: LiveSandbox.middleTier, credential: .certificate(try sandbox.middleTierCertificate(), options: .init()))
        #expect(cert.succeeded, "\(String(describing: cert.result))")
        let federated = try await clientCredentials(sandbox, clientId: LiveSandbox.middleTier, credential: .assertion(.literal(try sandbox.workloadToken())))
        #expect(federated.succeeded, "\(String(describing: federated.result))")
        await sandbox.stop()
    }

    @Test("Refresh: the refresh token from OBO's offline_access redeems for new tokens")
    func refreshAfterOBO() async throws {
        let sandbox = try await LiveSandbox.start()
        let first = try await obo(sandbox, credential: .secret(sandbox.secret("middle-tier-api"), basic: false))
        guard case let .success(response) = first.result, let refreshToken = response.refreshToken else {
            Issue.record("OBO returned no refresh token: \(String(describing: first.result))"); await sandbox.stop(); return
        }
        let request = ExchangeRequest(grant: .refreshToken(refreshToken), authority: try sandbox.exchangeAuthority(), clientId: LiveSandbox.middleTier,
                                      scopes: Self.downstreamRead, credential: .certificate(try sandbox.middleTierCertificate(), options: .init()))
        let refreshed = await sandbox.client().exchange(request)
        #expect(refreshed.succeeded, "\(String(describing: refreshed.result))")
        #expect(accessClaims(refreshed)?["oid"] == accessClaims(first)?["oid"])
        #expect(!JSONWriter.write(ExchangeJSON.document(refreshed)).contains(refreshToken))
        await sandbox.stop()
    }

    @Test("The sandbox's refusals come back parsed: wrong secret, ID token as assertion, MFA claims challenge, blocked user")
    func refusals() async throws {
        let sandbox = try await LiveSandbox.start()
        let secretID = Secret("3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d70")
        let wrongSecret = try await clientCredentials(sandbox, clientId: LiveSandbox.daemon, credential: .secret(secretID, basic: false))
        #expect(code(wrongSecret) == 7000215)

        let idToken = try SandboxMint.mint(MintSpec(.idToken, user: "alice", client: "middle-tier-api"), authority: sandbox.authority, now: Int64(Date().timeIntervalSince1970))
        let withID = await sandbox.client().exchange(ExchangeRequest(grant: .onBehalfOf(userAssertion: idToken), authority: try sandbox.exchangeAuthority(),
                                                                      clientId: LiveSandbox.middleTier, scopes: Self.downstreamRead,
                                                                      credential: .secret(sandbox.secret("middle-tier-api"), basic: false)))
        #expect(code(withID) == 240002 || code(withID) == 50013, "\(String(describing: withID.result))")
        #expect(withID.input?.kind == .idToken)

        let mfa = try await obo(sandbox, credential: .secret(sandbox.secret("middle-tier-api"), basic: false), user: "carol")
        #expect(code(mfa) == 50076)
        if case let .rejected(_, error?, _) = mfa.result {
            #expect(error.claims != nil && error.traceId != nil && error.correlationId == mfa.correlationId)
        }
        let blocked = try await obo(sandbox, credential: .secret(sandbox.secret("middle-tier-api"), basic: false), user: "dave")
        #expect(code(blocked) == 53003)
        await sandbox.stop()
    }

    @Test("Faults: 429 with Retry-After then success, one 503 then success, HTML, truncated JSON, a reset, a timeout")
    func faults() async throws {
        let sandbox = try await LiveSandbox.start()
        let events = EventLog()
        func run(_ fault: String, count: Int?, timeout: Int64 = 10) async throws -> ExchangeOutcome {
            sandbox.server.faults.set(clientId: LiveSandbox.daemon, fault: try FaultSpec.parse(fault), count: count)
            defer { sandbox.server.faults.clear() }
            let transport = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: timeout)
            let settings = ExchangeSettings(retryDelaySeconds: 0.05, now: { Int64(Date().timeIntervalSince1970) }, onEvent: events.append)
            let request = ExchangeRequest(grant: .clientCredentials, authority: try sandbox.exchangeAuthority(), clientId: LiveSandbox.daemon,
                                          scopes: ["api://downstream-api/.default"], credential: .secret(sandbox.secret("daemon"), basic: false))
            let outcome = await TokenEndpointClient(transport: transport, settings: settings).exchange(request)
            await transport.shutdown()
            return outcome
        }
        let throttled = try await run("status=429;retry-after=1", count: 1)
        #expect(throttled.succeeded && throttled.trace.count == 2)
        #expect(events.all.contains(.waiting(seconds: 1, reason: "HTTP 429 with Retry-After: 1 s")))
        let unavailable = try await run("status=503", count: 1)
        #expect(unavailable.succeeded && unavailable.trace.count == 2)
        let stillDown = try await run("status=503", count: nil)
        #expect(stillDown.exitCode == 1 && stillDown.trace.count == 2)
        let html = try await run("status=502;html", count: nil)
        if case let .rejected(502, nil, problem?) = html.result { #expect(problem.contains("HTML")) } else { Issue.record("html: \(String(describing: html.result))") }
        let truncated = try await run("truncate", count: nil)
        if case let .rejected(_, nil, problem?) = truncated.result { #expect(problem.contains("cut off")) } else { Issue.record("truncate: \(String(describing: truncated.result))") }
        let reset = try await run("reset", count: nil)
        #expect(reset.exitCode == 3)
        let started = ContinuousClock.now
        let slow = try await run("latency=120s", count: nil, timeout: 1)
        #expect(slow.exitCode == 3 && slow.trace.count == 2)
        if case let .transportFailure(error) = slow.result { #expect(error.kind == .timeout) }
        // Two 120 s waits would take 240 s; the margin absorbs a loaded suite's scheduling delays.
        #expect(ContinuousClock.now - started < .seconds(100))
        await sandbox.stop()
    }

    @Test("HTTPS with the sandbox's CA trusted; without it, a TLS failure (exit 3)")
    func tls() async throws {
        let material = try LocalCertificateAuthority.material(stateDirectory: nil)
        let server = try await SandboxServer.start(try SandboxAuthority.demo(), tls: material)
        let authority = try AuthorityRules.resolve(AuthoritySelection(authorityURL: "\(server.baseURL)/\(LiveSandbox.contoso)"), defaultTenant: nil)
        let secret = Secret(server.authority.directory.app(named: "daemon")!.secrets[0].value)
        let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: LiveSandbox.daemon,
                                      scopes: ["api://downstream-api/.default"], credential: .secret(secret, basic: false))
        let trusted = try AsyncHTTPTransport(additionalTrustRootsPEM: material.caCertificatePEM, proxy: nil, connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
        let ok = await TokenEndpointClient(transport: trusted, settings: ExchangeSettings(now: { Int64(Date().timeIntervalSince1970) })).exchange(request)
        #expect(ok.succeeded, "\(String(describing: ok.result))")
        let untrusted = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
        let refused = await TokenEndpointClient(transport: untrusted, settings: ExchangeSettings(now: { Int64(Date().timeIntervalSince1970) })).exchange(request)
        if case let .transportFailure(error) = refused.result { #expect(error.kind == .tls) } else { Issue.record("expected TLS failure: \(String(describing: refused.result))") }
        await trusted.shutdown()
        await untrusted.shutdown()
        await server.stop()
    }

    func code(_ outcome: ExchangeOutcome) -> Int? {
        if case let .rejected(_, error?, _) = outcome.result { return error.codes.first }
        return nil
    }
}
