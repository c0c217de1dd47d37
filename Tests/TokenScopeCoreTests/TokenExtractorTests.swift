import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

@Suite("Token extraction from pasted text")
struct TokenExtractorTests {
    let jwt = TestToken.v2AccessToken().signed()

    @Test func bareToken() throws {
        let found = try TokenExtractor.extract(from: jwt)
        #expect(found == [ExtractedToken(text: jwt, source: .input)])
    }

    @Test func bearerPrefixAndAuthorizationHeader() throws {
        #expect(try TokenExtractor.extract(from: "Bearer \(jwt)") == [ExtractedToken(text: jwt, source: .bearer)])
        #expect(try TokenExtractor.extract(from: "Authorization: Bearer \(jwt)\r\n") == [ExtractedToken(text: jwt, source: .bearer)])
        #expect(try TokenExtractor.extract(from: "authorization:   bearer   \(jwt)") == [ExtractedToken(text: jwt, source: .bearer)])
    }

    @Test func tokenResponseYieldsEveryTokenWithItsField() throws {
        let id = TestToken.v2IDToken().signed()
        let response = """
        {"token_type":"Bearer","scope":"api://x/access_as_user","expires_in":3599,"ext_expires_in":3599,
         "access_token":"\(jwt)","refresh_token":"0.AXYZabcdefghijklmnop-qrstuv_wxyz","id_token":"\(id)"}
        """
        let found = try TokenExtractor.extract(from: response)
        #expect(found.map(\.source) == [.field("access_token"), .field("refresh_token"), .field("id_token")])
        #expect(found.map(\.text) == [jwt, "0.AXYZabcdefghijklmnop-qrstuv_wxyz", id])
    }

    @Test func jsonEscapedSlashesAreUnescaped() throws {
        let found = try TokenExtractor.extract(from: #"{"refresh_token":"M.C1\/ab+cd=="}"#)
        #expect(found.first?.text == "M.C1/ab+cd==")
    }

    @Test func curlCommandAndVerboseOutput() throws {
        let curl = "curl -s -H 'Authorization: Bearer \(jwt)' https://api.example/v1/items"
        #expect(try TokenExtractor.extract(from: curl).map(\.text) == [jwt])
        let verbose = "> GET /v1/items HTTP/1.1\n> Host: api.example\n> Authorization: Bearer \(jwt)\n> Accept: */*\n"
        #expect(try TokenExtractor.extract(from: verbose).map(\.text) == [jwt])
    }

    @Test func httpResponseBodyInsideOtherText() throws {
        let output = "< HTTP/1.1 200 OK\n< Content-Type: application/json\n\n{\"access_token\": \"\(jwt)\", \"expires_in\": 3599}"
        #expect(try TokenExtractor.extract(from: output) == [ExtractedToken(text: jwt, source: .field("access_token"))])
    }

    @Test func redirectFragmentAndFormBody() throws {
        let url = "https://localhost/#access_token=\(jwt)&token_type=Bearer&state=abc"
        #expect(try TokenExtractor.extract(from: url) == [ExtractedToken(text: jwt, source: .field("access_token"))])
    }

    @Test func wrappedOverLinesWithQuotesAndCRLF() throws {
        var wrapped = "\"", i = 0
        for c in jwt {
            wrapped.append(c)
            i += 1
            if i % 64 == 0 { wrapped += "\r\n  " }
        }
        wrapped += "\"\n"
        #expect(try TokenExtractor.extract(from: wrapped).map(\.text) == [jwt])
    }

    @Test func wrappedInsideALogLine() throws {
        let half = jwt.count / 2
        let text = "2026-11-29 10:00:01 WARN token=" + jwt.prefix(half) + "\n" + jwt.dropFirst(half) + "\nnext line"
        #expect(try TokenExtractor.extract(from: text).map(\.text) == [jwt])
    }

    @Test func twoTokensOnSeparateLinesStaySeparate() throws {
        let other = TestToken.v2IDToken().signed()
        let found = try TokenExtractor.extract(from: "first:\n\(jwt)\n\(other)\n")
        #expect(found.map(\.text) == [jwt, other])
    }

    @Test func paddedBase64SegmentsAreAccepted() throws {
        let parts = jwt.split(separator: ".")
        let padded = parts.map { p -> String in
            let r = p.count % 4
            return String(p) + String(repeating: "=", count: r == 0 ? 0 : 4 - r)
        }.joined(separator: ".")
        let found = try TokenExtractor.extract(from: padded)
        #expect(found.count == 1)
        let parsed = TokenParser.parse(found[0].text)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.claims?["aud"] == .string(TestToken.middleTier))
    }

    @Test func opaqueTokenAlone() throws {
        let msa = "EwB" + String(repeating: "AbCd", count: 60)
        #expect(try TokenExtractor.extract(from: "  \(msa)  \n") == [ExtractedToken(text: msa, source: .input)])
    }

    @Test func refusesEmptyOversizedAndTokenlessInput() {
        #expect(throws: TokenExtractionError.empty) { try TokenExtractor.extract(from: " \n\t ") }
        let big = String(repeating: "a", count: TokenExtractor.maxInputBytes + 1)
        #expect(throws: TokenExtractionError.tooLarge(bytes: TokenExtractor.maxInputBytes + 1)) { try TokenExtractor.extract(from: big) }
        #expect(throws: TokenExtractionError.noToken) { try TokenExtractor.extract(from: "hello, this is not a token at all!") }
    }

    @Test func errorMessagesSayWhatToDo() {
        #expect(TokenExtractionError.noToken.description.contains("Bearer"))
        #expect(TokenExtractionError.tooLarge(bytes: 2_000_000).description.contains("1 MiB"))
    }
}
