import Testing
@testable import TokenScopeCore

/// `parseArray` guesses a long array's length after four elements (one allocation instead of six
/// regrowths for `groups`); the guesses of one document are bounded by its size.
@Suite("JSON parser: array capacity guesses")
struct JSONParserCapacityTests {
    static func capacities(_ value: JSONValue) -> [(count: Int, capacity: Int)] {
        switch value {
        case let .array(items): return [(items.count, items.capacity)] + items.flatMap(capacities)
        case let .object(members): return members.flatMap { capacities($0.value) }
        default: return []
        }
    }

    @Test func aLongArrayIsSizedOnceAndKeepsEveryElement() throws {
        let ids = (0..<200).map { n in "\"9f0e1d2c-3b4a-4c5d-8e7f-" + String(repeating: "0", count: 12 - String(n).count) + "\(n)\"" }
        let text = "{\"groups\":[\(ids.joined(separator: ","))],\"roles\":[\"a\",\"b\"],\"ver\":\"2.0\"}"
        let value = try JSONParser.parse(text)
        let groups = try #require(value["groups"]?.arrayValue)
        #expect(groups.count == 200)
        #expect(groups.last == .string("9f0e1d2c-3b4a-4c5d-8e7f-000000000199"))
        // The guess covers the array (no regrowth) without doubling it.
        #expect(groups.capacity >= 200 && groups.capacity < 300, "capacity \(groups.capacity)")
        #expect(value["roles"]?.arrayValue == [.string("a"), .string("b")])
    }

    @Test func manyArraysCannotReserveMoreThanTheDocumentCouldHold() throws {
        // 2,000 arrays of five one-digit numbers: each guess alone would reserve a large share of
        // what is left of the document.
        let text = "[" + Array(repeating: "[1,2,3,4,5]", count: 2_000).joined(separator: ",") + "]"
        let value = try JSONParser.parse(text)
        let inner = Self.capacities(value).dropFirst()
        #expect(inner.count == 2_000 && inner.allSatisfy { $0.count == 5 })
        let reserved = inner.reduce(0) { $0 + $1.capacity }
        // At most count/2 elements guessed in all, plus each array's own first allocation; the
        // allocator may round each capacity up (malloc size classes), hence the slack. Without the
        // budget the guesses alone would come to millions of elements.
        #expect(reserved <= text.utf8.count / 2 + 2_000 * 16, "reserved \(reserved) for \(text.utf8.count) bytes")
    }
}
