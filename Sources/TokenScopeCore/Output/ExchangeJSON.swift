/// The documented `--json` shape of `tokenscope exchange` (docs/JSON.md, "Exchange"): a public
/// contract, pinned by golden tests. Add members freely; never rename or remove one. Everything
/// in it has passed through the `Redactor` (the trace) or holds no secret (reports, errors).
public enum ExchangeJSON {
    /// `advice` defaults to the diagnoser's ranked advice for the outcome (empty on success).
    public static func document(_ o: ExchangeOutcome, revealTokens: Bool = false, advice: [Advice]? = nil) -> JSONValue {
        let last = o.trace.last
        let members: [(key: String, value: JSONValue)] = [
            ("ok", .bool(o.succeeded)),
            ("exitCode", .number(String(o.exitCode))),
            ("flow", .string(o.flow.rawValue)),
            ("authority", .string(o.authorityURL)),
            ("tokenEndpoint", o.tokenEndpoint.map(JSONValue.string) ?? .null),
            ("clientId", .string(o.clientId)),
            ("credential", .string(o.credential)),
            ("correlationId", .string(o.correlationId)),
            ("request", last.map { request($0) } ?? .null),
            ("response", last?.response.map(response) ?? .null),
            ("tokens", .array(o.tokens.map { token in
                var t: [(key: String, value: JSONValue)] = [("field", .string(token.field)), ("report", ReportJSON.object(token.report))]
                if revealTokens { t.append(("raw", .string(token.report.token.raw))) }
                return .object(t)
            })),
            ("tokenResponse", tokenResponse(o)),
            ("input", o.input.map(ReportJSON.object) ?? .null),
            ("diff", o.diff.map(diff) ?? .null),
            ("error", error(o)),
            ("advice", AdviceJSON.array(advice ?? Diagnoser.diagnose(o))),
            ("warnings", .array(o.warnings.map(JSONValue.string))),
            ("trace", .array(o.trace.map(entry))),
            ("elapsedMs", .number(String(o.elapsedMilliseconds))),
        ]
        return .object(members)
    }

    static func tokenResponse(_ o: ExchangeOutcome) -> JSONValue {
        guard case let .success(r) = o.result else { return .null }
        return .object([
            ("tokenType", r.tokenType.map(JSONValue.string) ?? .null),
            ("scope", .array(r.scope.map(JSONValue.string))),
            ("expiresIn", r.expiresIn.map { .number(String($0)) } ?? .null),
            ("extExpiresIn", r.extExpiresIn.map { .number(String($0)) } ?? .null),
            ("hasRefreshToken", .bool(r.refreshToken != nil)),
            ("hasIdToken", .bool(r.idToken != nil)),
            ("clientInfo", r.clientInfo.map { .object([("uid", .string($0.uid)), ("utid", .string($0.utid))]) } ?? .null),
        ])
    }

    static func error(_ o: ExchangeOutcome) -> JSONValue {
        switch o.result {
        case .success: return .null
        case let .rejected(status, e, problem):
            return .object([
                ("kind", .string("authority")),
                ("status", .number(String(status))),
                ("error", e.map { .string($0.error) } ?? .null),
                ("codes", .array((e?.codes ?? []).map { .number(String($0)) })),
                ("message", e?.message.map(JSONValue.string) ?? .null),
                ("description", e?.description.map(JSONValue.string) ?? .null),
                ("traceId", e?.traceId.map(JSONValue.string) ?? .null),
                ("correlationId", e?.correlationId.map(JSONValue.string) ?? .null),
                ("timestamp", e?.timestamp.map(JSONValue.string) ?? .null),
                ("suberror", e?.suberror.map(JSONValue.string) ?? .null),
                ("claims", e?.claims ?? e?.claimsText.map(JSONValue.string) ?? .null),
                ("errorUri", e?.errorURI.map(JSONValue.string) ?? .null),
                ("requestId", o.requestId.map(JSONValue.string) ?? .null),
                ("estsServer", o.estsServer.map(JSONValue.string) ?? .null),
                ("bodyProblem", problem.map(JSONValue.string) ?? .null),
            ])
        case let .transportFailure(t):
            return .object([("kind", .string("transport")), ("transport", .string(t.kind.rawValue)), ("message", .string(t.message)),
                            ("check", .string(ExchangeAdvice.transportHint(t)))])
        case let .notSent(e):
            return .object([("kind", .string("input")), ("id", .string(e.id)), ("field", .string(e.field)), ("message", .string(e.message)), ("fix", .string(e.fix))])
        }
    }

    static func request(_ e: HTTPTraceEntry) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("method", .string(e.request.method)),
            ("url", .string(e.request.url)),
            ("headers", pairs(e.request.headers)),
            ("form", pairs(e.request.form)),
        ]
        if let header = e.clientAssertionHeader, let claims = e.clientAssertionClaims {
            members.append(("clientAssertion", .object([("header", header), ("claims", claims)])))
        }
        return .object(members)
    }

    static func response(_ r: HTTPTraceEntry.Response) -> JSONValue {
        .object([
            ("status", .number(String(r.status))),
            ("headers", pairs(r.headers)),
            ("body", r.bodyIsJSON ? ((try? JSONParser.parse(r.body)) ?? .string(r.body)) : .string(r.body)),
        ])
    }

    static func entry(_ e: HTTPTraceEntry) -> JSONValue {
        .object([
            ("attempt", .number(String(e.attempt))),
            ("elapsedMs", .number(String(e.elapsedMilliseconds))),
            ("request", request(e)),
            ("response", e.response.map(response) ?? .null),
            ("transportError", e.transportError.map(JSONValue.string) ?? .null),
            ("note", e.note.map(JSONValue.string) ?? .null),
        ])
    }

    /// Headers and form fields as an ordered object (repeated names stay repeated).
    static func pairs(_ list: [(name: String, value: String)]) -> JSONValue {
        .object(list.map { ($0.name, .string($0.value)) })
    }

    static func diff(_ d: ClaimDiff) -> JSONValue {
        .object([
            ("identityPreserved", .bool(d.identityChanges.isEmpty)),
            ("identityClaimsKept", .array(d.identityPreserved.map { .string($0.claim) })),
            ("identityClaimsChanged", .array(d.identityChanges.map { .string($0.claim) })),
            ("changes", .array(d.changed.map { e in
                .object([("claim", .string(e.claim)), ("change", .string(e.change.rawValue)), ("before", e.before ?? .null), ("after", e.after ?? .null)])
            })),
        ])
    }
}
