import Testing
@testable import TokenScopeCore

@Suite("JSON model, parser and writer")
struct JSONTests {
    @Test func roundTripKeepsOrderAndNumbersAsWritten() throws {
        let text = #"{"b":1,"a":[true,false,null,-1.5e3,"x\n\"y"],"c":{"d":12345678901234567890}}"#
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.write(value, pretty: false) == text)
    }

    @Test func escapesAndSurrogates() throws {
        let value = try JSONParser.parse(#""caf\u00e9 \ud83d\ude00 \ud800x""#)
        #expect(value == .string("café 😀 \u{FFFD}x"))
    }

    @Test func rejectsInvalidDocumentsWithOffsets() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"\u{01}\"", "{} x", "\"\\q\""] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONParser.parse(bad) }
        }
        do {
            _ = try JSONParser.parse("[1, 2, x]")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 7)
        }
    }

    @Test func writerEscapesControlAndC1Characters() {
        let s = JSONWriter.write(.string("a\u{1B}[31m\u{9B}b\u{7}"), pretty: false)
        #expect(s == #""a\u001b[31m\u009bb\u0007""#)
    }

    @Test func prettyOutputIsStable() {
        let v = JSONValue.object([("a", .array([.number("1")])), ("b", .object([]))])
        #expect(JSONWriter.write(v) == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}")
    }
}
