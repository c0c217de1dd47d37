/// The `--json` shape of `tokenscope explain` (docs/JSON.md, "explain"). A public contract,
/// pinned by golden tests: add members freely, never rename or remove one.
public enum ExplainJSON {
    /// Where the flow used for ranking came from: the user (`option`) or the paste (`paste`).
    public enum FlowSource: String, Sendable {
        case option, paste
    }

    public static func document(_ d: PastedDiagnosis, advice: [Advice], flow: KnowledgeFlow?, flowSource: FlowSource?,
                                knowledge: KnowledgeBase = .shared) -> JSONValue {
        let cloud = d.cloud ?? .public
        return .object([
            ("recognised", .bool(!d.isEmpty)),
            ("flow", flow.map { .string($0.rawValue) } ?? .null),
            ("flowSource", flowSource.map { .string($0.rawValue) } ?? .null),
            ("flowEvidence", .array((flowSource == .paste ? d.flowHint?.evidence ?? [] : []).map(JSONValue.string))),
            ("credential", d.credentialHint.map { .string($0.kind.rawValue) } ?? .null),
            ("codes", .array(d.codes.map { .number(String($0)) })),
            ("error", string(d.error)),
            ("traceId", string(d.traceId)),
            ("correlationId", string(d.correlationId)),
            ("requestId", string(d.requestId)),
            ("timestamp", string(d.timestamp)),
            ("suberror", string(d.suberror)),
            ("claimsChallenge", claims(d.claimsChallenge)),
            ("errors", .array(d.errors.map { error($0, cloud: cloud, knowledge: knowledge) })),
            ("tokens", .array(d.tokens.map(ReportJSON.object))),
            ("advice", AdviceJSON.array(advice)),
        ])
    }

    public static func error(_ e: ParsedError, cloud: Cloud, knowledge: KnowledgeBase = .shared) -> JSONValue {
        .object([
            ("label", .string(e.label)),
            ("codes", .array(e.codes.map { .number(String($0)) })),
            ("idx", .array(e.idxCodes.map(JSONValue.string))),
            ("error", string(e.error)),
            ("message", string(e.message)),
            ("traceId", string(e.traceId)),
            ("correlationId", string(e.correlationId)),
            ("requestId", string(e.requestId)),
            ("clientRequestId", string(e.clientRequestId)),
            ("timestamp", string(e.timestamp)),
            ("suberror", string(e.suberror)),
            ("httpStatus", e.httpStatus.map { .number(String($0)) } ?? .null),
            ("claimsChallenge", claims(e.claimsChallenge)),
            ("wwwAuthenticate", e.wwwAuthenticate.map(challenge) ?? .null),
            ("exceptions", .array(e.exceptions.map(JSONValue.string))),
            ("msalErrors", .array(e.msalErrors.map(JSONValue.string))),
            ("network", e.network.map { .object([("kind", .string($0.kind.rawValue)), ("matched", .string($0.matched))]) } ?? .null),
            ("knowledge", .array(e.codes.map { entry($0, cloud: cloud, knowledge: knowledge) } + e.idxCodes.map { other($0, knowledge: knowledge) })),
        ])
    }

    /// What the knowledge base says of a code: name, meaning, the `error` and MSAL.NET exception it
    /// comes with, who fixes it, the lookup link.
    static func entry(_ code: Int, cloud: Cloud, knowledge: KnowledgeBase) -> JSONValue {
        guard let e = knowledge.entry(code: code) else {
            return .object([("code", .number(String(code))), ("known", .bool(false)),
                            ("link", .string(KnowledgeBase.lookupURL(code: code, cloud: cloud)))])
        }
        return .object([
            ("code", .number(String(code))),
            ("known", .bool(true)),
            ("name", string(e.name)),
            ("title", .string(e.title)),
            ("meaning", .string(e.meaning)),
            ("error", .string(e.error)),
            ("msal", .object([("exception", .string(e.msal.exception.rawValue)), ("errorCode", .string(e.msal.errorCode))])),
            ("fixer", .string(e.fixer.rawValue)),
            ("link", .string(e.lookupURL(cloud: cloud))),
        ])
    }

    static func other(_ id: String, knowledge: KnowledgeBase) -> JSONValue {
        guard let e = knowledge.other(id: id) else { return .object([("id", .string(id)), ("known", .bool(false))]) }
        return .object([("id", .string(e.id)), ("known", .bool(true)), ("title", .string(e.title)), ("meaning", .string(e.meaning)),
                        ("fixer", .string(e.fixer.rawValue))])
    }

    public static func claims(_ c: ClaimsChallengeInfo?) -> JSONValue {
        guard let c else { return .null }
        return .object([
            ("raw", .string(c.raw)),
            ("claims", c.claims ?? .null),
            ("kinds", .array(c.kinds.map { .string($0.rawValue) })),
            ("explanation", .array(c.explanation.map(JSONValue.string))),
        ])
    }

    static func challenge(_ w: WWWAuthenticateChallenge) -> JSONValue {
        .object([
            ("raw", .string(w.raw)),
            ("error", string(w.error)),
            ("errorDescription", string(w.errorDescription)),
            ("claims", string(w.claims)),
            ("authorizationUri", string(w.authorizationURI)),
            ("realm", string(w.realm)),
            ("clientId", string(w.clientId)),
            ("scope", string(w.scope)),
        ])
    }

    /// `tokenscope explain --choose-flow --json`.
    public static func recommendation(_ r: FlowRecommendation, answers: FlowChooser.Answers) -> JSONValue {
        func answer(_ b: Bool?) -> JSONValue { b.map { .bool($0) } ?? .null }
        return .object([
            ("answers", .object([
                ("caller", answers.caller.map { .string($0.rawValue) } ?? .null),
                ("userPresent", answer(answers.userPresent)),
                ("confidential", answer(answers.confidential)),
                ("b2c", answer(answers.b2c)),
                ("longRunning", answer(answers.longRunning)),
                ("onAzure", answer(answers.onAzure)),
            ])),
            ("flow", .string(r.flow.rawValue)),
            ("title", .string(r.title)),
            ("summary", .string(r.summary)),
            ("credential", .string(r.credential)),
            ("steps", .array(r.steps.map(JSONValue.string))),
            ("avoid", .array(r.avoid.map(JSONValue.string))),
            ("msalNet", .string(r.msalNet)),
            ("tryIt", .string(r.tryIt)),
        ])
    }

    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
}
