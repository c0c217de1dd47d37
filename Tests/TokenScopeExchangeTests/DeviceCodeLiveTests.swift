import Synchronization
import Testing
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// The device code flow against the live sandbox with the SPA (a public client): start, approve
/// at /devicelogin as alice, poll.
@Suite("Device code: live sandbox")
struct DeviceCodeLiveTests {
    func request(_ sandbox: LiveSandbox, scopes: [String] = ["User.Read"]) throws -> ExchangeRequest {
        ExchangeRequest(grant: .deviceCode(""), authority: try sandbox.exchangeAuthority(), clientId: LiveSandbox.spaClient, scopes: scopes,
                        credential: .none)
    }

    @Test func approvedBeforePollingGivesATokenOnTheFirstPoll() async throws {
        let sandbox = try await LiveSandbox.start()
        let client = sandbox.client()
        let session = try await DeviceCodeFlow.start(request: try request(sandbox), client: client).get()
        let auth = session.authorization
        #expect(auth.verificationURI == "\(sandbox.baseURL)/devicelogin")
        #expect(auth.interval == 5 && auth.expiresIn == 900)
        #expect(auth.instructions.contains(auth.userCode))
        #expect(session.deviceCodeEndpoint.hasSuffix("/oauth2/v2.0/devicecode"))
        #expect(session.trace.count == 1)
        let sentForm = try #require(session.trace.first?.request.form)
        #expect(sentForm.map(\.name) == ["client_id", "scope"])
        #expect(sentForm.last?.value == "User.Read openid profile offline_access")
        // The device code is redacted in the traced answer; the user code is shown.
        let body = try #require(session.trace.first?.response?.body)
        #expect(!body.contains(auth.deviceCode) && body.contains("«redacted device code"))
        #expect(body.contains(auth.userCode))

        let approval = try await sandbox.deviceLogin(userCode: auth.userCode)
        #expect(approval.status == 200)
        let result = await DeviceCodeFlow.pollResult(session, client: client)
        #expect(result.ending == .approved)
        #expect(result.polls == 1)
        let outcome = result.outcome
        #expect(outcome.succeeded, "\(outcome.result)")
        #expect(outcome.flow == .deviceCode)
        #expect(outcome.tokenEndpoint?.hasSuffix("/oauth2/v2.0/token") == true)
        #expect(outcome.trace.count == 2)
        #expect(outcome.trace.last?.request.form.first { $0.name == "grant_type" }?.value == "device_code")
        let access = try #require(tokenClaims(outcome, "access_token"))
        #expect(access["oid"]?.stringValue == LiveSandbox.aliceOID)
        // Graph tokens list the OIDC scopes too, as Entra's do.
        #expect(access["scp"]?.stringValue?.split(separator: " ").contains("User.Read") == true)
        #expect(access["appid"]?.stringValue == LiveSandbox.spaClient || access["azp"]?.stringValue == LiveSandbox.spaClient)
        await sandbox.stop()
    }

    @Test func pendingThenApprovedWhileWaiting() async throws {
        let sandbox = try await LiveSandbox.start()
        let client = sandbox.client()
        let session = try await DeviceCodeFlow.start(request: try request(sandbox), client: client).get()
        let sleeps = Mutex<[Double]>([])
        let userCode = session.authorization.userCode
        // The "user" approves during the first wait; nothing really sleeps.
        var settings = sandbox.settings()
        settings.sleep = { seconds in
            let first = sleeps.withLock { $0.append(seconds); return $0.count == 1 }
            if first { _ = try await sandbox.deviceLogin(userCode: userCode) }
        }
        let result = await DeviceCodeFlow.pollResult(session, client: client, settings: settings)
        #expect(result.ending == .approved)
        #expect(result.polls == 2)
        #expect(sleeps.withLock { $0 } == [5])
        #expect(result.outcome.succeeded)
        // devicecode + pending poll + successful poll.
        #expect(result.outcome.trace.count == 3)
        #expect(result.outcome.trace[1].response?.body.contains("authorization_pending") == true)
        #expect(result.outcome.trace[1].note == "device code poll 1")
        #expect(result.outcome.trace[2].note == "device code poll 2")
        await sandbox.stop()
    }

    @Test func declinedStopsWithTheAuthoritysError() async throws {
        let sandbox = try await LiveSandbox.start()
        let client = sandbox.client()
        let session = try await DeviceCodeFlow.start(request: try request(sandbox), client: client).get()
        let userCode = session.authorization.userCode
        var settings = sandbox.settings()
        settings.sleep = { _ in _ = try await sandbox.deviceLogin(userCode: userCode, decline: true) }
        let result = await DeviceCodeFlow.pollResult(session, client: client, settings: settings)
        #expect(result.ending == .declined)
        guard case let .rejected(status, error?, _) = result.outcome.result else {
            Issue.record("expected a rejection, got \(result.outcome.result)")
            await sandbox.stop()
            return
        }
        #expect(status == 400)
        #expect(error.error == "authorization_declined")
        #expect(result.outcome.exitCode == 1)
        await sandbox.stop()
    }

    @Test func refusedDevicecodeRequestIsAnOutcome() async throws {
        let sandbox = try await LiveSandbox.start()
        var request = try request(sandbox)
        request.clientId = "00000000-0000-4000-8000-000000000000"
        switch await DeviceCodeFlow.start(request: request, client: sandbox.client()) {
        case .success:
            Issue.record("an unknown client got a device code")
        case let .failure(failure):
            guard case let .rejected(status, error?, _) = failure.outcome.result else {
                Issue.record("expected a rejection, got \(failure.outcome.result)")
                break
            }
            #expect(status == 400)
            #expect(error.codes == [700016])
            #expect(failure.outcome.exitCode == 1)
            #expect(failure.outcome.flow == .deviceCode)
            #expect(failure.outcome.trace.count == 1)
            #expect(failure.outcome.tokenEndpoint?.hasSuffix("/devicecode") == true)
        }
        await sandbox.stop()
    }
}
