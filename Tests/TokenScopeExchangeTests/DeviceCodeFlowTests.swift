import Synchronization
import Testing
import TokenScopeCore

/// The polling rules with a scripted authority and a fake clock: nothing really waits.
@Suite("Device code: polling rules")
struct DeviceCodeFlowTests {
    func request(_ scopes: [String] = ["User.Read"], claims: JSONValue? = nil) throws -> ExchangeRequest {
        ExchangeRequest(grant: .deviceCode("ignored"), authority: try pollScriptAuthority(), clientId: "client-id", scopes: scopes,
                        credential: .none, claimsChallenge: claims, correlationId: "corr-1")
    }

    func run(_ transport: DevicePollScript, clock: PollClock, settings: ExchangeSettings? = nil) async throws -> DeviceCodeFlow.PollResult {
        let settings = settings ?? clock.settings()
        let client = TokenEndpointClient(transport: transport, settings: settings)
        let session = try await DeviceCodeFlow.start(request: try request(), client: client, settings: settings).get()
        return await DeviceCodeFlow.pollResult(session, client: client, settings: settings)
    }

    func entraError(_ outcome: ExchangeOutcome) -> EntraErrorResponse? {
        if case let .rejected(_, error, _) = outcome.result { return error }
        return nil
    }

    @Test func requestsCarryMSALsFields() async throws {
        let transport = DevicePollScript(token: [DevicePollScript.token])
        let clock = PollClock()
        let client = TokenEndpointClient(transport: transport, settings: clock.settings())
        let claims = try ClaimsChallenge.parse(#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#)
        let session = try await DeviceCodeFlow.start(request: try request(["api://x/Read"], claims: claims), client: client).get()
        #expect(session.authorization.userCode == "BCDF-GHJK")
        #expect(session.authorization.expiresAt == clock.now + 900)
        let outcome = await DeviceCodeFlow.poll(session, client: client)
        #expect(outcome.succeeded)

        let sent = transport.sent
        #expect(sent.count == 2)
        #expect(sent[0].url == "http://127.0.0.1:9/contoso.onmicrosoft.com/oauth2/v2.0/devicecode")
        let start = FormEncoding.decode(String(decoding: sent[0].body, as: UTF8.self))
        #expect(start.map(\.name) == ["client_id", "scope", "claims"])
        #expect(start[1].value == "api://x/Read openid profile offline_access")
        #expect(sent[0].headers.contains { $0.name == "client-request-id" && $0.value == "corr-1" })
        #expect(sent[1].url.hasSuffix("/oauth2/v2.0/token"))
        let poll = FormEncoding.decode(String(decoding: sent[1].body, as: UTF8.self))
        #expect(poll.first { $0.name == "grant_type" }?.value == "device_code")
        #expect(poll.first { $0.name == "device_code" }?.value == "DAQABIQEAAAscripted-device-code")
        #expect(sent[1].headers.contains { $0.name == "client-request-id" && $0.value == "corr-1" })
    }

    @Test func pendingWaitsTheIntervalThenSucceeds() async throws {
        let clock = PollClock()
        let transport = DevicePollScript(token: [DevicePollScript.pending, DevicePollScript.pending, DevicePollScript.token])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == .approved)
        #expect(result.polls == 3)
        #expect(clock.sleeps == [5, 5])
        #expect(result.outcome.succeeded)
        #expect(result.outcome.exitCode == 0)
        #expect(result.droppedTraceEntries == 0)
        #expect(result.outcome.trace.count == 4)
    }

    @Test func slowDownAddsFiveSecondsEachTime() async throws {
        let clock = PollClock()
        let transport = DevicePollScript(token: [DevicePollScript.pending, DevicePollScript.slowDown, DevicePollScript.pending,
                                                  DevicePollScript.slowDown, DevicePollScript.token])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == .approved)
        #expect(clock.sleeps == [5, 10, 10, 15])
    }

    @Test func stopsWhenExpiresInElapses() async throws {
        let clock = PollClock()
        let transport = DevicePollScript(deviceCode: [DevicePollScript.deviceAuthorization(expiresIn: 30, interval: 5)],
                                          token: [DevicePollScript.pending])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == .deadlinePassed)
        // Polls at t = 0, 5, …, 25; at t = 30 the code has expired.
        #expect(result.polls == 6)
        #expect(clock.sleeps == [5, 5, 5, 5, 5, 5])
        #expect(entraError(result.outcome)?.error == "authorization_pending")
        #expect(result.outcome.exitCode == 1)
        #expect(result.outcome.warnings.contains { $0.contains("device code expired") && $0.contains("30 s") })
        // The trace: the devicecode request, polls 1 and 2, then polls 5 and 6 (2 dropped).
        #expect(result.droppedTraceEntries == 2)
        let notes = result.outcome.trace.map { $0.note ?? "" }
        #expect(notes == ["", "device code poll 1", "device code poll 2", "device code poll 5; 2 earlier poll requests not shown", "device code poll 6"])
    }

    @Test func lastWaitIsCutToTheDeadline() async throws {
        let clock = PollClock()
        let transport = DevicePollScript(deviceCode: [DevicePollScript.deviceAuthorization(expiresIn: 12, interval: 5)],
                                          token: [DevicePollScript.pending])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == .deadlinePassed)
        #expect(result.polls == 3)
        #expect(clock.sleeps == [5, 5, 2])
    }

    @Test func manyPollsKeepABoundedTrace() async throws {
        let clock = PollClock()
        let transport = DevicePollScript(deviceCode: [DevicePollScript.deviceAuthorization(expiresIn: 900, interval: 1)],
                                          token: Array(repeating: DevicePollScript.pending, count: 300) + [DevicePollScript.token])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == .approved)
        #expect(result.polls == 301)
        #expect(result.outcome.trace.count == 5)
        #expect(result.droppedTraceEntries == 297)
        #expect(result.outcome.trace[3].note == "device code poll 300; 297 earlier poll requests not shown")
        #expect(result.outcome.trace[4].response?.status == 200)
    }

    @Test(arguments: [("authorization_declined", 70019, DeviceCodeFlow.Ending.declined),
                      ("expired_token", 70020, .codeExpired),
                      ("bad_verification_code", 70018, .badVerificationCode),
                      ("invalid_client", 7000218, .failed)])
    func terminalErrorsStopAtOnce(error: String, code: Int, ending: DeviceCodeFlow.Ending) async throws {
        let clock = PollClock()
        let transport = DevicePollScript(token: [DevicePollScript.pending, DevicePollScript.error(error, code: code)])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == ending)
        #expect(result.polls == 2)
        #expect(clock.sleeps == [5])
        #expect(entraError(result.outcome)?.error == error)
        #expect(entraError(result.outcome)?.codes == [code])
        #expect(result.outcome.exitCode == 1)
    }

    @Test func transportFailureWhilePollingStops() async throws {
        let clock = PollClock()
        let transport = DevicePollScript(token: [DevicePollScript.pending, .failure(TransportError(.connection, "connection refused"))])
        let result = try await run(transport, clock: clock)
        #expect(result.ending == .failed)
        #expect(result.outcome.exitCode == 3)
    }

    @Test func cancellationStopsPromptly() async throws {
        let polled = Mutex(0)
        // The real sleep: a wait of 600 s must end as soon as the task is cancelled. The bound below is
        // far from both: in the full parallel suite, tests blocking the concurrency pool's threads can
        // delay a task's resumption by a minute or more by themselves.
        let transport = DevicePollScript(deviceCode: [DevicePollScript.deviceAuthorization(expiresIn: 900, interval: 600)],
                                         token: [DevicePollScript.pending], onTokenRequest: { n in polled.withLock { $0 = n } })
        let settings = ExchangeSettings(retryDelaySeconds: 0, now: { 1_700_000_000 })
        let client = TokenEndpointClient(transport: transport, settings: settings)
        let session = try await DeviceCodeFlow.start(request: try request(), client: client).get()
        let task = Task { await DeviceCodeFlow.pollResult(session, client: client) }
        while polled.withLock({ $0 }) == 0 { try await Task.sleep(nanoseconds: 5_000_000) }
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        task.cancel()
        let result = await task.value
        #expect(clock.now - cancelledAt < .seconds(300))   // the wait was 600 s: ending well before it proves the cancel
        #expect(result.ending == .cancelled)
        #expect(result.polls == 1)
        #expect(result.outcome.exitCode == 3)
        if case let .transportFailure(error) = result.outcome.result {
            #expect(error.message.hasPrefix("cancelled"))
        } else {
            Issue.record("expected the cancellation as a transport failure, got \(result.outcome.result)")
        }
    }

    @Test func cancelledBeforeTheFirstPollSendsNothing() async throws {
        let transport = DevicePollScript(token: [DevicePollScript.token])
        let clock = PollClock()
        let client = TokenEndpointClient(transport: transport, settings: clock.settings())
        let session = try await DeviceCodeFlow.start(request: try request(), client: client).get()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await DeviceCodeFlow.pollResult(session, client: client)
        }
        let result = await task.value
        #expect(result.ending == .cancelled)
        #expect(result.polls == 0)
        #expect(transport.tokenRequests.isEmpty)
        #expect(result.outcome.trace.count == 1)
    }

    @Test func failedStartsComeBackAsOutcomes() async throws {
        let clock = PollClock()
        func start(_ step: DevicePollScript.Step) async throws -> ExchangeOutcome? {
            let transport = DevicePollScript(deviceCode: [step], token: [DevicePollScript.token])
            let client = TokenEndpointClient(transport: transport, settings: clock.settings())
            if case let .failure(failure) = await DeviceCodeFlow.start(request: try request(), client: client) { return failure.outcome }
            return nil
        }
        let refused = try #require(try await start(DevicePollScript.error("invalid_request", code: 900144)))
        #expect(refused.exitCode == 1)
        #expect(entraError(refused)?.codes == [900144])
        #expect(refused.tokenEndpoint?.hasSuffix("/devicecode") == true)
        #expect(refused.trace.count == 1)

        let unreachable = try #require(try await start(.failure(TransportError(.connection, "connection refused"))))
        #expect(unreachable.exitCode == 3)

        let html = try #require(try await start(.json(502, "<html><body>Bad gateway</body></html>")))
        #expect(html.exitCode == 1)
        if case let .rejected(status, nil, problem?) = html.result {
            #expect(status == 502)
            #expect(problem.contains("HTML"))
        } else {
            Issue.record("expected an HTML rejection, got \(html.result)")
        }
        // 502 is retried once, as every token request.
        #expect(html.trace.count == 2)

        let notDevice = try #require(try await start(.json(200, #"{"user_code":"X"}"#)))
        if case let .rejected(200, nil, problem?) = notDevice.result {
            #expect(problem.contains("device_code"))
        } else {
            Issue.record("expected a body problem, got \(notDevice.result)")
        }
    }

    @Test func oidcAuthorityWithoutDeviceEndpointIsNotSent() async throws {
        // The discovery document has no device_authorization_endpoint.
        let discovery = DevicePollScript.Step.json(200, #"{"token_endpoint":"https://idp.example/token","authorization_endpoint":"https://idp.example/authorize"}"#)
        let transport = DevicePollScript(deviceCode: [discovery], token: [DevicePollScript.token])
        let authority = try AuthorityRules.resolve(AuthoritySelection(oidcAuthorityURL: "https://idp.example", allowCustomAuthority: true), defaultTenant: nil)
        let client = TokenEndpointClient(transport: transport, settings: PollClock().settings())
        let request = ExchangeRequest(grant: .deviceCode(""), authority: authority, clientId: "c", scopes: ["s"], credential: .none)
        guard case let .failure(failure) = await DeviceCodeFlow.start(request: request, client: client) else {
            Issue.record("started without a device endpoint")
            return
        }
        guard case let .notSent(error) = failure.outcome.result else {
            Issue.record("expected notSent, got \(failure.outcome.result)")
            return
        }
        #expect(error.id == "device-code-unsupported")
        #expect(failure.outcome.exitCode == 2)
    }

    @Test func deviceAuthorizationReadsStringsAndDefaults() throws {
        let json = try JSONParser.parse(#"{"user_code":"A","device_code":"B","verification_url":"https://x/","expires_in":"600","interval":"0"}"#)
        let auth = try #require(DeviceAuthorization(json: json, issuedAt: 100))
        #expect(auth.verificationURI == "https://x/")
        #expect(auth.expiresIn == 600 && auth.expiresAt == 700)
        #expect(auth.interval == 1)
        #expect(auth.message == nil)
        #expect(auth.instructions.contains("https://x/") && auth.instructions.contains("A"))
        let noInterval = try #require(DeviceAuthorization(json: try JSONParser.parse(#"{"user_code":"A","device_code":"B","verification_uri":"u"}"#), issuedAt: 0))
        #expect(noInterval.interval == 5 && noInterval.expiresIn == 900)
        #expect(DeviceAuthorization(json: try JSONParser.parse(#"{"user_code":"A","verification_uri":"u"}"#), issuedAt: 0) == nil)
    }
}
