import Testing
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// The authorization code flow end to end against the live sandbox: authorize URL → sign-in
/// (302) → the loopback listener → the redirect parser → redemption with the web app's secret.
@Suite("Auth code: live sandbox")
struct AuthCodeLiveTests {
    static let scope = "api://middle-tier-api/access_as_user"

    func request(_ sandbox: LiveSandbox, _ session: AuthCodeSession, code: String, verifier: String? = nil) throws -> ExchangeRequest {
        var grant = session.grant(code: code)
        if let verifier { grant = .authorizationCode(code: code, redirectURI: session.redirectURI, codeVerifier: verifier) }
        return ExchangeRequest(grant: grant, authority: try sandbox.exchangeAuthority(), clientId: LiveSandbox.webApp, scopes: [Self.scope],
                               credential: .secret(sandbox.secret("web-app"), basic: false))
    }

    @Test func signInThroughTheListenerAndRedeem() async throws {
        let sandbox = try await LiveSandbox.start()
        let listener = try await LoopbackRedirectListener.start()
        let authority = try sandbox.exchangeAuthority()
        let session = AuthCodeSession.start(redirectURI: listener.redirectURI)
        let url = session.authorizeURL(endpoint: authority.entraEndpoints!.authorize, clientId: LiveSandbox.webApp, scopes: [Self.scope],
                                       loginHint: LiveSandbox.aliceUPN).url

        let location = try await sandbox.signIn(url)
        #expect(location.hasPrefix(listener.redirectURI + "?"))
        #expect(location.hasSuffix("#"))
        let page = try await sandbox.get(listenerURL(location))
        #expect(page.status == 200)
        let received = try await listener.waitForRedirect(timeoutSeconds: 5)
        guard case let .code(code) = try session.parse(received) else {
            Issue.record("no code in \(received)")
            return
        }

        let outcome = await sandbox.client().exchange(try request(sandbox, session, code: code))
        #expect(outcome.succeeded, "\(outcome.result)")
        let access = try #require(tokenClaims(outcome, "access_token"))
        #expect(["api://middle-tier-api", LiveSandbox.middleTier].contains(access["aud"]?.stringValue ?? ""))
        #expect(access["scp"]?.stringValue == "access_as_user")
        #expect(access["oid"]?.stringValue == LiveSandbox.aliceOID)
        let id = try #require(tokenClaims(outcome, "id_token"))
        #expect(id["nonce"]?.stringValue == session.nonce)
        #expect(id["aud"]?.stringValue == LiveSandbox.webApp)
        #expect(id["oid"]?.stringValue == LiveSandbox.aliceOID)
        #expect(session.nonceProblem(in: outcome) == nil)
        // Another session's nonce is flagged.
        #expect(AuthCodeSession.start(redirectURI: session.redirectURI).nonceProblem(in: outcome) != nil)
        // The trace has the code and verifier redacted.
        let form = try #require(outcome.trace.first?.request.form)
        #expect(form.first { $0.name == "code_verifier" }?.value.hasPrefix("«redacted PKCE verifier") == true)
        #expect(form.first { $0.name == "code" }?.value.hasPrefix("«redacted authorization code") == true)
        #expect(form.first { $0.name == "redirect_uri" }?.value == listener.redirectURI)

        await listener.close()
        await sandbox.stop()
    }

    @Test func wrongVerifierIsRefusedWithAADSTS501481() async throws {
        let sandbox = try await LiveSandbox.start()
        let authority = try sandbox.exchangeAuthority()
        let session = AuthCodeSession.start(redirectURI: "http://localhost:43210/")
        let url = session.authorizeURL(endpoint: authority.entraEndpoints!.authorize, clientId: LiveSandbox.webApp, scopes: [Self.scope],
                                       loginHint: LiveSandbox.aliceUPN).url
        let location = try await sandbox.signIn(url)
        guard case let .code(code) = try session.parse(location) else {
            Issue.record("no code in \(location)")
            return
        }
        let outcome = await sandbox.client().exchange(try request(sandbox, session, code: code, verifier: PKCE.makeVerifier()))
        guard case let .rejected(status, error?, _) = outcome.result else {
            Issue.record("expected a rejection, got \(outcome.result)")
            await sandbox.stop()
            return
        }
        #expect(status == 400)
        #expect(error.error == "invalid_grant")
        #expect(error.codes.contains(501481) || error.codes.contains(50148))
        #expect(outcome.exitCode == 1)
        await sandbox.stop()
    }

    @Test func stateOfAnotherSignInIsRefused() async throws {
        let sandbox = try await LiveSandbox.start()
        let authority = try sandbox.exchangeAuthority()
        let session = AuthCodeSession.start(redirectURI: "http://localhost:43210/")
        let location = try await sandbox.signIn(session.authorizeURL(endpoint: authority.entraEndpoints!.authorize, clientId: LiveSandbox.webApp,
                                                                     scopes: [Self.scope], loginHint: LiveSandbox.aliceUPN).url)
        let other = AuthCodeSession.start(redirectURI: session.redirectURI)
        #expect(throws: ExchangeInputError("state-mismatch", field: "redirect",
                                           "the redirect's `state` is not the one this sign-in sent: it belongs to another sign-in, or was forged.",
                                           fix: "Start the sign-in again and paste the redirect of that sign-in only.")) {
            try other.parse(location)
        }
        await sandbox.stop()
    }

    @Test func errorRedirectReachesTheListenerAndParsesWithItsCode() async throws {
        let sandbox = try await LiveSandbox.start()
        let listener = try await LoopbackRedirectListener.start()
        let authority = try sandbox.exchangeAuthority()
        let session = AuthCodeSession.start(redirectURI: listener.redirectURI)
        // The web app has no consent for the downstream API: the sign-in fails with AADSTS65001,
        // sent back to the (valid) redirect URI.
        let url = session.authorizeURL(endpoint: authority.entraEndpoints!.authorize, clientId: LiveSandbox.webApp,
                                       scopes: ["api://downstream-api/Data.Read"], loginHint: LiveSandbox.aliceUPN,
                                       correlationId: "11111111-2222-4333-8444-555555555555").url
        let location = try await sandbox.signIn(url)
        _ = try await sandbox.get(listenerURL(location))
        let result = try session.parse(try await listener.waitForRedirect(timeoutSeconds: 5))
        guard case let .error(error, description, codes, traceId, correlationId, _) = result else {
            Issue.record("expected an error redirect, got \(result)")
            await listener.close()
            await sandbox.stop()
            return
        }
        #expect(error == "consent_required")
        #expect(codes == [65001])
        #expect(description?.hasPrefix("AADSTS65001") == true)
        #expect(traceId != nil)
        #expect(correlationId == "11111111-2222-4333-8444-555555555555")

        let request = try request(sandbox, session, code: "unused")
        let outcome = try #require(ExchangeOutcome.authorizeError(result, request: request, authorizeEndpoint: authority.entraEndpoints!.authorize))
        #expect(outcome.exitCode == 1)
        #expect(outcome.tokenEndpoint == authority.entraEndpoints!.authorize)
        if case let .rejected(status, entra?, _) = outcome.result {
            #expect(status == 302)
            #expect(entra.codes == [65001])
        } else {
            Issue.record("not a rejection")
        }
        await listener.close()
        await sandbox.stop()
    }

    @Test func fragmentResponseModeParses() async throws {
        let sandbox = try await LiveSandbox.start()
        let authority = try sandbox.exchangeAuthority()
        let session = AuthCodeSession.start(redirectURI: "http://localhost:43210/")
        let location = try await sandbox.signIn(session.authorizeURL(endpoint: authority.entraEndpoints!.authorize, clientId: LiveSandbox.webApp,
                                                                     scopes: [Self.scope], loginHint: LiveSandbox.aliceUPN, responseMode: "fragment").url)
        #expect(location.hasPrefix("http://localhost:43210/#code="))
        guard case let .code(code) = try session.parse(location) else {
            Issue.record("no code")
            await sandbox.stop()
            return
        }
        let outcome = await sandbox.client().exchange(try request(sandbox, session, code: code))
        #expect(outcome.succeeded, "\(outcome.result)")
        await sandbox.stop()
    }
}
