/// The device code flow (RFC 8628) as MSAL.NET runs it, in two steps so the face can show the
/// user code between them:
///
///     switch await DeviceCodeFlow.start(request: request, client: client) {
///     case let .failure(failure): print(failure.outcome)            // like any failed exchange
///     case let .success(session):
///         show(session.authorization.instructions)
///         let outcome = await DeviceCodeFlow.poll(session, client: client)
///     }
///
/// `start` POSTs `client_id`, `scope` (+ `openid profile offline_access`) and `claims` to
/// `{authority}/oauth2/v2.0/devicecode`. `poll` asks the token endpoint with `grant_type=device_code`
/// and the device code: `authorization_pending` waits `interval` seconds, `slow_down` adds 5 s to
/// it, `authorization_declined`, `expired_token`, `bad_verification_code` and any other answer
/// stop; so do the end of `expires_in` and the task's cancellation. Waiting goes through
/// `settings.sleep`, time through `settings.now`.
public enum DeviceCodeFlow {
    /// A started flow: what to show the user and what `poll` needs.
    public struct Session: Sendable {
        public let authorization: DeviceAuthorization
        /// The token request each poll sends (grant `.deviceCode`, the caller's correlation ID).
        public let request: ExchangeRequest
        public let deviceCodeEndpoint: String
        public let tokenEndpoint: String
        /// The redacted trace of the devicecode request (with its retry, if any).
        public let trace: [HTTPTraceEntry]
        let started: ContinuousClock.Instant
    }

    /// The devicecode request failed: the authority refused it (`.rejected`), it got no answer
    /// (`.transportFailure`) or it could not be sent (`.notSent`). Print `outcome` like any other.
    public struct StartFailure: Error, Sendable {
        public let outcome: ExchangeOutcome
    }

    /// Why polling stopped.
    public enum Ending: String, Sendable, Equatable {
        /// The user approved; the outcome is `.success`.
        case approved
        /// `authorization_declined`: the user refused.
        case declined
        /// `expired_token`: the authority says the device code expired.
        case codeExpired = "code-expired"
        /// `bad_verification_code`: the authority does not know the device code.
        case badVerificationCode = "bad-verification-code"
        /// `expires_in` elapsed without approval; TokenScope stopped polling.
        case deadlinePassed = "deadline-passed"
        /// The task was cancelled (Ctrl-C).
        case cancelled
        /// Another error, a transport failure, or nothing could be sent.
        case failed
    }

    public struct PollResult: Sendable {
        public let outcome: ExchangeOutcome
        public let ending: Ending
        /// Token requests sent (retries inside one poll not counted).
        public let polls: Int
        /// Poll trace entries left out of `outcome.trace` (only the first 2 and the last 2 are kept).
        public let droppedTraceEntries: Int
    }

    /// Poll trace entries kept at each end of the polling.
    static let keptAtEachEnd = 2

    /// Asks for a device code. `request.grant` is ignored. `settings` defaults to the client's.
    public static func start(request: ExchangeRequest, client: TokenEndpointClient,
                             settings: ExchangeSettings? = nil) async -> Swift.Result<Session, StartFailure> {
        let started = ContinuousClock.now
        let settings = settings ?? client.settings
        var pollRequest = request
        pollRequest.grant = .deviceCode("")
        func failed(_ result: ExchangeOutcome.Result, endpoint: String?, trace: [HTTPTraceEntry] = [], last: HTTPResponse? = nil) -> Swift.Result<Session, StartFailure> {
            .failure(StartFailure(outcome: ExchangeOutcome(
                flow: .deviceCode, authorityURL: request.authority.url, tokenEndpoint: endpoint, clientId: request.clientId,
                credential: request.credential.summary, correlationId: request.correlationId, result: result, trace: trace, tokens: [],
                input: nil, diff: nil, warnings: [], requestId: last?.header("x-ms-request-id"), estsServer: last?.header("x-ms-ests-server"),
                elapsedMilliseconds: TokenEndpointClient.milliseconds(since: started))))
        }

        let endpoints: AuthorityEndpoints
        switch await client.endpoints(for: request.authority) {
        case let .success(found): endpoints = found
        case let .failure(.transport(error)): return failed(.transportFailure(error), endpoint: nil)
        case let .failure(.input(error)): return failed(.notSent(error), endpoint: nil)
        }
        guard let deviceEndpoint = endpoints.deviceCode else {
            return failed(.notSent(ExchangeInputError("device-code-unsupported", field: "--oidc-authority",
                "the authority's discovery document has no `device_authorization_endpoint`: it does not offer the device code flow.",
                fix: "Use the authorization code flow (exchange auth-code), or an Entra authority (--authority / --tenant).")), endpoint: nil)
        }

        // MSAL.NET's DeviceCodeRequest: client_id, scope (with the reserved scopes), claims.
        var fields: [(name: String, value: String)] = [("client_id", request.clientId)]
        let scopes = ScopeRules.scopes(for: .deviceCode, requested: request.scopes, addReserved: request.addReservedScopes)
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        if let claims = ClaimsChallenge.merged(challenge: request.claimsChallenge, capabilities: request.clientCapabilities) {
            fields.append(("claims", claims))
        }
        let http = HTTPRequest(method: "POST", url: deviceEndpoint, headers: ClientHeaders.tokenRequest(correlationId: request.correlationId),
                               body: Array(FormEncoding.encode(fields).utf8))
        let sent = await client.send(endpoint: deviceEndpoint, redactor: Redactor(reveal: settings.reveal)) { (http, nil) }
        switch sent.result {
        case let .notSent(error): return failed(.notSent(error), endpoint: deviceEndpoint, trace: sent.trace)
        case let .transport(error): return failed(.transportFailure(error), endpoint: deviceEndpoint, trace: sent.trace)
        case let .response(response):
            guard let json = try? JSONParser.parse(response.body) else {
                return failed(.rejected(status: response.status, error: nil, bodyProblem: TokenEndpointClient.bodyProblem(response)),
                              endpoint: deviceEndpoint, trace: sent.trace, last: response)
            }
            if response.status == 200, let authorization = DeviceAuthorization(json: json, issuedAt: settings.now()) {
                pollRequest.grant = .deviceCode(authorization.deviceCode)
                return .success(Session(authorization: authorization, request: pollRequest, deviceCodeEndpoint: deviceEndpoint,
                                        tokenEndpoint: endpoints.token, trace: sent.trace, started: started))
            }
            if let error = EntraErrorResponse(json: json) {
                return failed(.rejected(status: response.status, error: error, bodyProblem: nil), endpoint: deviceEndpoint, trace: sent.trace, last: response)
            }
            let problem = response.status == 200
                ? "the JSON answer lacks `device_code`, `user_code` or `verification_uri` (not a device authorization response)"
                : "the JSON answer has no `error` (not an Entra error)"
            return failed(.rejected(status: response.status, error: nil, bodyProblem: problem), endpoint: deviceEndpoint, trace: sent.trace, last: response)
        }
    }

    /// Polls until the user decides, the code expires or the task is cancelled. The outcome is the
    /// last poll's answer, with the trace of the devicecode request and of the first and last
    /// polls (a note on the trace says how many were left out).
    public static func poll(_ session: Session, client: TokenEndpointClient, settings: ExchangeSettings? = nil) async -> ExchangeOutcome {
        await pollResult(session, client: client, settings: settings).outcome
    }

    /// `poll`, also telling why it stopped and how many requests it sent.
    public static func pollResult(_ session: Session, client: TokenEndpointClient, settings: ExchangeSettings? = nil) async -> PollResult {
        let settings = settings ?? client.settings
        let authorization = session.authorization
        var trace = PollTrace()
        var polls = 0
        var interval = Double(max(1, authorization.interval))
        var last: ExchangeOutcome?

        func finish(_ ending: Ending) -> PollResult {
            var warnings: [String] = []
            var result: ExchangeOutcome.Result?
            switch ending {
            case .deadlinePassed:
                let text = "the device code expired: nobody approved it within its \(authorization.expiresIn) s (expires_in), so TokenScope stopped polling after \(polls) \(polls == 1 ? "poll" : "polls")."
                if last == nil {
                    result = .notSent(ExchangeInputError("device-code-expired", field: "device code", text,
                                                         fix: "Run the command again and enter the code at \(authorization.verificationURI) before it expires."))
                } else {
                    warnings.append("The " + text + " Run the command again and enter the code in time.")
                }
            case .cancelled:
                result = .transportFailure(TransportError(.other, "cancelled: device code polling stopped after \(polls) \(polls == 1 ? "poll" : "polls")"))
            default:
                break
            }
            let entries = trace.finished()
            let base = last ?? ExchangeOutcome(
                flow: .deviceCode, authorityURL: session.request.authority.url, tokenEndpoint: session.tokenEndpoint, clientId: session.request.clientId,
                credential: session.request.credential.summary, correlationId: session.request.correlationId,
                result: result ?? .transportFailure(TransportError(.other, "no poll was sent")), trace: [], tokens: [], input: nil, diff: nil,
                warnings: [], requestId: nil, estsServer: nil, elapsedMilliseconds: 0)
            let outcome = base.replacing(result: result, tokenEndpoint: session.tokenEndpoint, trace: session.trace + entries, extraWarnings: warnings,
                                         elapsedMilliseconds: TokenEndpointClient.milliseconds(since: session.started))
            return PollResult(outcome: outcome, ending: ending, polls: polls, droppedTraceEntries: trace.dropped)
        }

        while true {
            if Task.isCancelled { return finish(.cancelled) }
            if settings.now() >= authorization.expiresAt { return finish(.deadlinePassed) }
            let outcome = await client.exchange(session.request)
            polls += 1
            trace.add(outcome.trace, poll: polls)
            last = outcome
            guard case let .rejected(_, error?, _) = outcome.result else {
                if outcome.succeeded { return finish(.approved) }
                return finish(Task.isCancelled ? .cancelled : .failed)
            }
            switch error.error {
            case "authorization_pending": break
            case "slow_down": interval += 5
            case "authorization_declined": return finish(.declined)
            case "expired_token": return finish(.codeExpired)
            case "bad_verification_code": return finish(.badVerificationCode)
            default: return finish(.failed)
            }
            let remaining = Double(authorization.expiresAt - settings.now())
            guard remaining > 0 else { return finish(.deadlinePassed) }
            let wait = min(interval, remaining)
            settings.onEvent(.waiting(seconds: wait, reason: error.error))
            do {
                try await settings.sleep(wait)
            } catch {
                return finish(.cancelled)
            }
        }
    }
}

/// The poll requests' trace, bounded: the first entries and a window of the last ones, each
/// noted with its poll number, and a count of what was left out in between.
struct PollTrace {
    private(set) var head: [HTTPTraceEntry] = []
    private(set) var tail: [HTTPTraceEntry] = []
    private(set) var dropped = 0

    mutating func add(_ entries: [HTTPTraceEntry], poll: Int) {
        for var entry in entries {
            entry.note = "device code poll \(poll)" + (entry.note.map { "; " + $0 } ?? "")
            if head.count < DeviceCodeFlow.keptAtEachEnd {
                head.append(entry)
            } else {
                tail.append(entry)
                if tail.count > DeviceCodeFlow.keptAtEachEnd {
                    tail.removeFirst()
                    dropped += 1
                }
            }
        }
    }

    func finished() -> [HTTPTraceEntry] {
        guard dropped > 0, var first = tail.first else { return head + tail }
        first.note = (first.note ?? "") + "; \(dropped) earlier poll \(dropped == 1 ? "request" : "requests") not shown"
        return head + [first] + tail.dropFirst()
    }
}
