/// The `--json` shape of diagnoser advice (docs/JSON.md, "explain"): shared by
/// `tokenscope explain` and any face that adds advice to its output (e.g. `exchange`).
/// A public contract: add members freely, never rename or remove one.
public enum AdviceJSON {
    public static func array(_ advice: [Advice]) -> JSONValue {
        .array(advice.map(object))
    }

    public static func object(_ a: Advice) -> JSONValue {
        .object([
            ("id", .string(a.id)),
            ("title", .string(a.title)),
            ("cause", .string(a.cause)),
            ("evidence", .array(a.evidence.map(JSONValue.string))),
            ("confirm", .array(a.confirm.map(JSONValue.string))),
            ("fix", .array(a.fix.map(JSONValue.string))),
            ("msalNet", a.msalNet.map(JSONValue.string) ?? .null),
            ("owner", .string(a.owner.rawValue)),
            ("confidence", .string(a.confidence.rawValue)),
            ("link", a.link.map(JSONValue.string) ?? .null),
            ("source", .string(a.source)),
        ])
    }
}
