/// The documented `--json` shape of a token report (see docs/JSON.md). A public contract: pinned
/// by golden tests; add members freely, never rename or remove one.
public enum ReportJSON {
    /// One report, or `{"tokens": [...]}` when the input held several tokens.
    public static func document(_ reports: [TokenReport]) -> JSONValue {
        reports.count == 1 ? object(reports[0]) : .object([(key: "tokens", value: .array(reports.map(object)))])
    }

    public static func object(_ r: TokenReport) -> JSONValue {
        let claims = ClaimSet(r.token.claims)
        var members: [(key: String, value: JSONValue)] = [
            ("source", .string(r.source.description)),
            ("format", .string(r.token.format.rawValue)),
            ("kind", .string(r.kind.rawValue)),
            ("accessType", r.accessType.map { .string($0.rawValue) } ?? .null),
            ("version", r.version.map(JSONValue.string) ?? .null),
            ("summary", .string(r.summary)),
            ("issuer", r.issuer.map(issuer) ?? .null),
            ("audience", .object([
                ("values", .array(claims.audiences.map(JSONValue.string))),
                ("firstParty", r.audienceName.map(JSONValue.string) ?? .null),
            ])),
            ("requestId", claims.string("uti").flatMap(ClaimExplainer.requestID(fromUTI:)).map(JSONValue.string) ?? .null),
            ("opaque", r.opaqueDescription.map(JSONValue.string) ?? .null),
            ("header", r.token.header ?? .null),
            ("claims", r.token.claims ?? .null),
            ("catalogue", .array((Array(r.header) + Array(r.claims)).map(catalogueEntry))),
            ("findings", .array(r.findings.map(finding))),
            ("signature", signature(r.signature)),
        ]
        if let obo = r.oboReadiness {
            members.append(("oboReady", .object([
                ("ready", .bool(obo.ready)),
                ("reasons", .array(obo.checks.map { check in
                    .object([("check", .string(check.check)), ("status", .string(check.status.rawValue)), ("message", .string(check.message))])
                })),
            ])))
        }
        return .object(members)
    }

    static func issuer(_ i: IssuerInfo) -> JSONValue {
        .object([
            ("iss", .string(i.issuer)),
            ("host", .string(i.host)),
            ("cloud", .string(i.cloud)),
            ("cloudName", .string(i.cloudName)),
            ("tenant", i.tenant.map(JSONValue.string) ?? .null),
        ])
    }

    static func catalogueEntry(_ c: ClaimReport) -> JSONValue {
        .object([
            ("claim", .string(c.name)),
            ("location", .string(c.location.rawValue)),
            ("known", .bool(c.descriptor != nil)),
            ("meaning", c.descriptor.map { .string($0.meaning) } ?? .null),
            ("carriers", .array((c.descriptor?.carriers.labels ?? []).map(JSONValue.string))),
            ("reading", c.descriptor.map { .string($0.reading) } ?? .null),
            ("explanation", c.explanation.map(JSONValue.string) ?? .null),
        ])
    }

    public static func finding(_ f: Finding) -> JSONValue {
        .object([
            ("id", .string(f.id.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("claims", .array(f.claims.map(JSONValue.string))),
            ("message", .string(f.message)),
            ("detail", .string(f.detail)),
        ])
    }

    static func signature(_ s: SignatureStatus) -> JSONValue {
        .object([
            ("checked", .bool(s.checked)),
            ("valid", s.valid.map(JSONValue.bool) ?? .null),
            ("reason", .string(s.reason)),
            ("keyId", s.keyID.map(JSONValue.string) ?? .null),
        ])
    }
}
