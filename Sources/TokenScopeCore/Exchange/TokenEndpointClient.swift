/// Runs token requests over the transport port: builds the request, sends it, retries as
/// `RetryPolicy` says, records the redacted trace, and reads the answer into an
/// `ExchangeOutcome`. One client per run; OIDC discovery is cached in it.
public actor TokenEndpointClient {
    let transport: any HTTPTransport
    let settings: ExchangeSettings
    private var discovered: [String: AuthorityEndpoints] = [:]

    public init(transport: any HTTPTransport, settings: ExchangeSettings) {
        self.transport = transport
        self.settings = settings
    }

    /// The endpoints of `authority`: Entra's templates, or (OIDC) discovery, fetched once.
    public func endpoints(for authority: Authority) async -> Swift.Result<AuthorityEndpoints, TransportOrInputError> {
        if let entra = authority.entraEndpoints { return .success(entra) }
        if let cached = discovered[authority.url] { return .success(cached) }
        let result = await OIDCMetadata.discover(authority, transport: transport)
        if case let .success(endpoints) = result { discovered[authority.url] = endpoints }
        return result
    }

    public func exchange(_ request: ExchangeRequest) async -> ExchangeOutcome {
        let started = ContinuousClock.now
        let redactor = Redactor(reveal: settings.reveal)
        let now = settings.now()
        var warnings: [String] = []
        let input = request.inputToken.map {
            TokenInspector.inspect(ExtractedToken(text: $0, source: .field("assertion")),
                                   context: InspectionContext(flow: .obo, expectedAudiences: [request.clientId], authority: request.authority.url, now: now))
        }
        func outcome(_ result: ExchangeOutcome.Result, endpoint: String?, trace: [HTTPTraceEntry] = [], tokens: [ExchangeOutcome.ResultToken] = [],
                     diff: ClaimDiff? = nil, last: HTTPResponse? = nil) -> ExchangeOutcome {
            ExchangeOutcome(flow: request.flow, authorityURL: request.authority.url, tokenEndpoint: endpoint, clientId: request.clientId,
                            credential: request.credential.summary, correlationId: request.correlationId, result: result, trace: trace,
                            tokens: tokens, input: input, diff: diff, warnings: warnings,
                            requestId: last?.header("x-ms-request-id"), estsServer: last?.header("x-ms-ests-server"),
                            elapsedMilliseconds: Self.milliseconds(since: started))
        }

        if request.authority.isTenantless {
            switch request.flow {
            case .clientCredentials:
                return outcome(.notSent(ExchangeInputError("tenantless-client-credentials", field: "--tenant",
                    "client credentials cannot use `/\(request.authority.tenant)`: an app-only token belongs to one tenant, and Entra refuses the request.",
                    fix: "Pass --tenant with the tenant's GUID or domain (the tenant whose resources the app calls).")), endpoint: nil)
            case .onBehalfOf:
                warnings.append("The authority targets /\(request.authority.tenant); On-Behalf-Of should use the tenant of the incoming token (its `tid`), or a guest user gets a token from their home tenant (MSAL.NET logs OnBehalfOfWrongAuthority).")
            default: break
            }
        }

        let endpoints: AuthorityEndpoints
        switch await self.endpoints(for: request.authority) {
        case let .success(found): endpoints = found
        case let .failure(.transport(error)): return outcome(.transportFailure(error), endpoint: nil)
        case let .failure(.input(error)): return outcome(.notSent(error), endpoint: nil)
        }

        let sent = await send(endpoint: endpoints.token, redactor: redactor) { () async throws -> (HTTPRequest, ClientAssertionBuilder.Built?) in
            let built = try await TokenRequestBuilder.build(request, tokenEndpoint: endpoints.token, now: self.settings.now())
            return (built.http, built.clientAssertion)
        }
        switch sent.result {
        case let .notSent(error): return outcome(.notSent(error), endpoint: endpoints.token, trace: sent.trace)
        case let .transport(error): return outcome(.transportFailure(error), endpoint: endpoints.token, trace: sent.trace)
        case let .response(response):
            let read = Self.read(response)
            var tokens: [ExchangeOutcome.ResultToken] = []
            var diff: ClaimDiff?
            if case let .success(tokenResponse) = read {
                let context = InspectionContext(flow: request.flow.inspectionFlow == .obo ? nil : request.flow.inspectionFlow, now: settings.now())
                for (field, value) in [("access_token", tokenResponse.accessToken), ("id_token", tokenResponse.idToken)] {
                    if let value { tokens.append(.init(field: field, report: TokenInspector.inspect(ExtractedToken(text: value, source: .field(field)), context: context))) }
                }
                if let input, let result = tokens.first {
                    diff = ClaimDiff(before: input.token.claims, after: result.report.token.claims)
                }
                warnings += tokenResponse.problems
            }
            return outcome(read, endpoint: endpoints.token, trace: sent.trace, tokens: tokens, diff: diff, last: response)
        }
    }

    /// A 200 with `access_token` is success; anything else is the authority's refusal.
    static func read(_ response: HTTPResponse) -> ExchangeOutcome.Result {
        guard let json = try? JSONParser.parse(response.body) else {
            return .rejected(status: response.status, error: nil, bodyProblem: bodyProblem(response))
        }
        if response.status == 200, let token = TokenResponse(json: json) { return .success(token) }
        if let error = EntraErrorResponse(json: json) { return .rejected(status: response.status, error: error, bodyProblem: nil) }
        return .rejected(status: response.status, error: nil,
                         bodyProblem: response.status == 200 ? "the JSON answer has no `access_token` (not a token response)" : "the JSON answer has no `error` (not an Entra error)")
    }

    static func bodyProblem(_ response: HTTPResponse) -> String {
        if response.body.isEmpty { return "the answer has an empty body" }
        let type = response.header("content-type")?.lowercased() ?? ""
        let start = String(decoding: response.body.prefix(64), as: UTF8.self).lowercased()
        if type.contains("html") || start.contains("<html") || start.contains("<!doctype") {
            return "the answer is an HTML page, not JSON: a proxy, gateway or firewall probably answered instead of the authority"
        }
        if start.hasPrefix("{") || start.hasPrefix("[") { return "the JSON answer is cut off or malformed (truncated response?)" }
        return "the answer is not JSON (content type `\(TerminalSafe.escape(type.isEmpty ? "none" : type))`)"
    }

    public enum SendResult: Sendable {
        case response(HTTPResponse)
        case transport(TransportError)
        case notSent(ExchangeInputError)
    }

    /// Sends one logical request with retries; `build` runs per attempt (a fresh assertion, a
    /// re-read assertion file). Returns the last answer and the whole redacted trace.
    public func send(endpoint: String, redactor: Redactor,
                     build: @Sendable () async throws -> (HTTPRequest, ClientAssertionBuilder.Built?)) async -> (result: SendResult, trace: [HTTPTraceEntry]) {
        var trace: [HTTPTraceEntry] = []
        var attempt = 1
        while true {
            let request: HTTPRequest, assertion: ClientAssertionBuilder.Built?
            do {
                (request, assertion) = try await build()
            } catch let error as ExchangeInputError {
                return (.notSent(error), trace)
            } catch {
                return (.notSent(ExchangeInputError("request-build", field: "credential", "the request could not be built: \(redactor.text(String(describing: error))).",
                                                    fix: "Check the credential (certificate key, assertion source).")), trace)
            }
            settings.onEvent(.sending(attempt: attempt, url: request.url))
            let started = ContinuousClock.now
            var decision = RetryPolicy.Decision.stop
            do {
                let response = try await transport.send(request)
                settings.onEvent(.received(status: response.status))
                decision = RetryPolicy.decide(status: response.status, retryAfter: response.header("retry-after"), attempt: attempt, settings: settings)
                trace.append(Self.entry(attempt, request, response: response, error: nil, assertion: assertion, started: started, redactor: redactor, decision: decision))
                guard case let .retry(seconds, reason) = decision else { return (.response(response), trace) }
                settings.onEvent(.waiting(seconds: seconds, reason: reason))
                try? await settings.sleep(seconds)
            } catch {
                let failure = error as? TransportError ?? TransportError(.other, String(describing: error))
                decision = RetryPolicy.decide(transport: failure, attempt: attempt, settings: settings)
                trace.append(Self.entry(attempt, request, response: nil, error: failure.message, assertion: assertion, started: started, redactor: redactor, decision: decision))
                guard case let .retry(seconds, reason) = decision else { return (.transport(failure), trace) }
                settings.onEvent(.waiting(seconds: seconds, reason: reason))
                try? await settings.sleep(seconds)
            }
            if Task.isCancelled { return (.transport(TransportError(.other, "cancelled")), trace) }
            attempt += 1
        }
    }

    static func entry(_ attempt: Int, _ request: HTTPRequest, response: HTTPResponse?, error: String?, assertion: ClientAssertionBuilder.Built?,
                      started: ContinuousClock.Instant, redactor: Redactor, decision: RetryPolicy.Decision) -> HTTPTraceEntry {
        let isForm = request.headers.contains { $0.name.lowercased() == "content-type" && $0.value.hasPrefix("application/x-www-form-urlencoded") }
        let form = isForm ? FormEncoding.decode(String(decoding: request.body, as: UTF8.self)).map { ($0.name, redactor.formValue(name: $0.name, value: $0.value)) } : []
        let traced = HTTPTraceEntry.Request(method: request.method, url: request.url,
                                            headers: request.headers.map { ($0.name, redactor.header(name: $0.name, value: $0.value)) }, form: form)
        let tracedResponse = response.map { r -> HTTPTraceEntry.Response in
            let headers = r.headers.map { ($0.name, redactor.header(name: $0.name, value: $0.value)) }
            if let json = try? JSONParser.parse(r.body) {
                return .init(status: r.status, headers: headers, body: JSONWriter.write(redactor.json(json)), bodyIsJSON: true)
            }
            let text = String(decoding: r.body.prefix(4096), as: UTF8.self) + (r.body.count > 4096 ? "\n… (\(r.body.count) bytes in all)" : "")
            return .init(status: r.status, headers: headers, body: redactor.text(text), bodyIsJSON: false)
        }
        let note: String?
        switch decision {
        case .stop: note = nil
        case let .retry(seconds, reason): note = "retried after \(RetryPolicy.format(seconds)) s (\(reason))"
        case let .tooLong(_, reason): note = "not retried: \(reason)"
        }
        return HTTPTraceEntry(attempt: attempt, request: traced, response: tracedResponse, transportError: error.map { redactor.text($0) },
                              elapsedMilliseconds: milliseconds(since: started),
                              clientAssertionHeader: assertion?.header, clientAssertionClaims: assertion?.claims, note: note)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let d = ContinuousClock.now - start
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}
