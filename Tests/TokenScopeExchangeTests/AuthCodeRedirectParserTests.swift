import Testing
import TokenScopeCore

@Suite("Auth code: redirect parser")
struct AuthCodeRedirectParserTests {
    let state = "0f8fad5b-d9cb-469f-a165-70867728950e7c9e6679-7425-40de-944b-e07fc1f90ae7"
    let code = "1.AXoA_code-with.dots~and_underscores"

    func inputError(_ text: String, expectedState: String?) -> ExchangeInputError? {
        do {
            _ = try RedirectParser.parse(text, expectedState: expectedState)
            return nil
        } catch {
            return error
        }
    }

    @Test func fullURLWithQueryAndEntrasEmptyFragment() throws {
        let url = "http://localhost:53121/?code=\(code)&client_info=eyJ1aWQiOiJ4In0&state=\(state)&session_state=abc#"
        #expect(try RedirectParser.parse(url, expectedState: state) == .code(code))
    }

    @Test func fragmentResponseMode() throws {
        let url = "http://localhost:53121/#code=\(code)&state=\(state)"
        #expect(try RedirectParser.parse(url, expectedState: state) == .code(code))
    }

    @Test func bareQueryStringAndFormPostBody() throws {
        #expect(try RedirectParser.parse("?code=\(code)&state=\(state)", expectedState: state) == .code(code))
        #expect(try RedirectParser.parse("code=\(code)&state=\(state)&session_state=x", expectedState: state) == .code(code))
        #expect(try RedirectParser.parse("#code=\(code)&state=\(state)", expectedState: state) == .code(code))
    }

    @Test func pastedWithQuotesSpacesHeaderNameAndLineBreaks() throws {
        #expect(try RedirectParser.parse("  \"http://localhost:1/?code=\(code)&state=\(state)\"\n", expectedState: state) == .code(code))
        #expect(try RedirectParser.parse("Location: http://localhost:1/?code=\(code)\n&state=\(state)#", expectedState: state) == .code(code))
    }

    @Test func percentEncodedValuesAreDecoded() throws {
        #expect(try RedirectParser.parse("http://localhost/?code=a%2Bb%2Fc%3D&state=\(state)", expectedState: state) == .code("a+b/c="))
    }

    @Test func bareCodeIsAcceptedWithoutStateCheck() throws {
        #expect(try RedirectParser.parse(code, expectedState: state) == .code(code))
        #expect(try RedirectParser.parse("  \(code)\n", expectedState: nil) == .code(code))
    }

    @Test func stateIsComparedCaseInsensitively() throws {
        #expect(try RedirectParser.parse("?code=\(code)&state=\(state.uppercased())", expectedState: state) == .code(code))
    }

    @Test func stateMismatchAndMissingState() {
        #expect(inputError("?code=\(code)&state=other", expectedState: state)?.id == "state-mismatch")
        #expect(inputError("http://localhost/?code=\(code)", expectedState: state)?.id == "state-mismatch")
        // Without an expected state there is nothing to compare.
        #expect(inputError("?code=\(code)&state=other", expectedState: nil) == nil)
    }

    @Test func missingCodeAndOtherMistakes() {
        #expect(inputError("http://localhost:1234/", expectedState: state)?.id == "redirect-no-code")
        #expect(inputError("http://localhost:1234/?state=\(state)", expectedState: state)?.id == "redirect-no-code")
        #expect(inputError("?code=&state=\(state)", expectedState: state)?.id == "redirect-no-code")
        #expect(inputError("", expectedState: state)?.id == "redirect-empty")
        #expect(inputError("   \n", expectedState: state)?.id == "redirect-empty")
        #expect(inputError("not a code at all", expectedState: state)?.id == "redirect-unrecognised")
        #expect(inputError("short", expectedState: state)?.id == "redirect-unrecognised")
        let authorize = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&response_type=code&state=\(state)"
        #expect(inputError(authorize, expectedState: state)?.id == "redirect-is-authorize-url")
    }

    @Test func errorRedirectCarriesAADSTSCodesAndIDs() throws {
        let description = "AADSTS65001: The user or administrator has not consented to use the application.\r\nTrace ID: 5e1a-trace\r\nCorrelation ID: 9c2b-corr\r\nTimestamp: 2025-02-03 10:11:12Z"
        let url = "http://localhost:5000/?" + FormEncoding.encode([("error", "invalid_grant"), ("error_description", description),
                                                                   ("error_uri", "https://login.microsoftonline.com/error?code=65001"), ("state", state)]) + "#"
        let result = try RedirectParser.parse(url, expectedState: state)
        #expect(result == .error(error: "invalid_grant", description: description, codes: [65001], traceId: "5e1a-trace",
                                 correlationId: "9c2b-corr", timestamp: "2025-02-03 10:11:12Z"))
        let entra = try #require(result.entraError)
        #expect(entra.error == "invalid_grant")
        #expect(entra.codes == [65001])
        #expect(entra.traceId == "5e1a-trace")
        #expect(entra.correlationId == "9c2b-corr")
        #expect(entra.message == "AADSTS65001: The user or administrator has not consented to use the application.")
        #expect(RedirectResult.code("x").entraError == nil)
    }

    @Test func errorWithoutDescription() throws {
        let result = try RedirectParser.parse("?error=access_denied&error_subcode=cancel&state=\(state)", expectedState: state)
        #expect(result == .error(error: "access_denied", description: nil, codes: [], traceId: nil, correlationId: nil, timestamp: nil))
    }

    @Test func parametersHelper() {
        let pairs = RedirectParser.parameters("http://localhost/?a=1&b=2#c=3") ?? []
        #expect(pairs.map(\.name) == ["a", "b", "c"])
        #expect(RedirectParser.parameters("bare-code-value") == nil)
    }
}
