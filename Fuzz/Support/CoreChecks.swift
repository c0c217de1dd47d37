// Checks shared by the targets that link TokenScopeCore.
import TokenScopeCore

/// What our JSON writer prints must parse again with our parser, to the same value.
func requireJSONRoundTrip(_ value: JSONValue, _ what: String) {
    for pretty in [true, false] {
        let text = JSONWriter.write(value, pretty: pretty)
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(text, maxDepth: 4096)
        } catch {
            violated("\(what): the writer's output does not parse (pretty: \(pretty))", "\(error)")
        }
        guard JSONWriter.write(parsed, pretty: pretty) == text else {
            violated("\(what): the writer's output does not round-trip (pretty: \(pretty))")
        }
    }
}

/// Fixed clock for every target: results must not depend on the time of the run.
let fuzzNow: Int64 = 1_750_000_000

/// Values mutations rarely build by themselves: a digit string grows past `Double`'s range (and
/// is refused as infinite) long before it lands between `Int64.max` and 1e308. Targets put them
/// in place of a JSON member's value (`withEdgeValue`).
let edgeValues: [JSONValue] = [
    .number("1e300"), .number("-1e300"), .number("9.3e18"), .number("9223372036854775807"), .number("-9223372036854775808"),
    .number("1e12"), .number("-1"), .number("0.5"), .string("1e300"), .string("-inf"), .string("nan"), .string(""),
    .null, .bool(true), .array([.number("1e300")]), .object([]),
]

/// `value` with the member picked by `choice`'s low four bits set to the edge value its high
/// four bits pick; unchanged when `choice` is 0 or `value` is not a non-empty object.
func withEdgeValue(_ value: JSONValue, _ choice: UInt8) -> JSONValue {
    choice == 0 ? value : withEdgeValue(value, member: Int(choice & 0x0F), edge: Int(choice >> 4))
}

/// `value` with member `member` (modulo the count) set to `edgeValues[edge]` (modulo the count).
func withEdgeValue(_ value: JSONValue, member: Int, edge: Int) -> JSONValue {
    guard case .object(var members) = value, !members.isEmpty else { return value }
    members[member % members.count].value = edgeValues[edge % edgeValues.count]
    return .object(members)
}
