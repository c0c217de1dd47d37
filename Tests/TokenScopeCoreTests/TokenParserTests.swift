import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

@Suite("JWS/JWE parsing never traps and reports every defect")
struct TokenParserTests {
    func b64(_ s: String) -> String { Base64URL.encode(Array(s.utf8)) }

    @Test func signedTokenParts() {
        let jwt = TestToken.v2AccessToken().signed()
        let parsed = TokenParser.parse(jwt)
        #expect(parsed.format == .jws)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.header?["alg"] == .string("RS256"))
        #expect(parsed.claims?["tid"] == .string(TestToken.tenant))
        #expect(parsed.signature.count == 256)
        #expect(String(parsed.signingInput) == jwt.split(separator: ".").prefix(2).joined(separator: "."))
    }

    @Test func claimOrderIsKept() {
        let parsed = TokenParser.parse(TestToken.v2AccessToken().signed())
        #expect(parsed.claims?.objectMembers?.prefix(3).map(\.key) == ["aud", "iss", "iat"])
    }

    @Test func badBase64InEachPart() {
        let parsed = TokenParser.parse("e$J.\(b64("{}")).a!b")
        #expect(parsed.problems.contains(ParseProblem(part: "header", message: "is not valid base64url")))
        #expect(parsed.problems.contains(ParseProblem(part: "signature", message: "is not valid base64url")))
    }

    @Test func nonJSONAndNonObjectPayloads() {
        let notJSON = TokenParser.parse("\(b64("{\"alg\":\"RS256\"}")).\(b64("hello")).c2ln")
        #expect(notJSON.problems.count == 1)
        #expect(notJSON.problems[0].part == "payload")
        #expect(notJSON.problems[0].message.hasPrefix("is not JSON"))

        let array = TokenParser.parse("\(b64("{\"alg\":\"RS256\"}")).\(b64("[1,2]")).c2ln")
        #expect(array.problems == [ParseProblem(part: "payload", message: "is JSON array, expected an object")])
        #expect(array.claims == nil)
    }

    @Test func duplicateClaimsAreReportedOnce() {
        let parsed = TokenParser.parse("\(b64("{\"alg\":\"RS256\"}")).\(b64("{\"aud\":\"a\",\"aud\":\"b\",\"aud\":\"c\"}")).c2ln")
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems.first?.message.contains("`aud` 3 times") == true)
        // The first value is the one read, and all three are kept as evidence.
        #expect(parsed.claims?["aud"] == .string("a"))
        #expect(parsed.claims?.objectMembers?.count == 3)
    }

    @Test func emptyPartsAndUnsigned() {
        let parsed = TokenParser.parse("\(b64("{\"alg\":\"none\"}")).\(b64("{}")).")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.signature.isEmpty)
        #expect(TokenParser.parse("..").problems.map(\.part) == ["header", "payload"])
    }

    @Test func encryptedTokenHeader() {
        let jwe = "\(b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"enc-1\"}")).a2V5.aXY.Y2lwaGVy.dGFn"
        let parsed = TokenParser.parse(jwe)
        #expect(parsed.format == .jwe)
        #expect(parsed.header?["enc"] == .string("A256GCM"))
        #expect(parsed.claims == nil)
        #expect(parsed.problems.isEmpty)
        let noEnc = TokenParser.parse("\(b64("{\"alg\":\"RSA-OAEP\"}")).a.b.c.d")
        #expect(noEnc.problems.first?.message.contains("no `enc`") == true)
    }

    @Test func wrongPartCounts() {
        let cut = TokenParser.parse("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0")
        #expect(cut.format == .opaque)
        #expect(cut.problems.first?.message.contains("has 2 dot-separated parts") == true)
        let opaque = TokenParser.parse("0.AXYZ.abc.def")
        #expect(opaque.format == .opaque)
        #expect(opaque.problems.isEmpty)
    }

    @Test func deeplyNestedJSONIsRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let parsed = TokenParser.parse("\(b64("{\"alg\":\"RS256\"}")).\(b64("{\"a\":\(deep)}")).c2ln")
        #expect(parsed.problems.first?.message.contains("nested deeper") == true)
    }

    @Test func invalidUTF8InAString() {
        let bytes: [UInt8] = Array("{\"name\":\"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        let parsed = TokenParser.parse("\(b64("{\"alg\":\"RS256\"}")).\(Base64URL.encode(bytes)).c2ln")
        #expect(parsed.problems.first?.message.contains("UTF-8") == true)
    }
}
