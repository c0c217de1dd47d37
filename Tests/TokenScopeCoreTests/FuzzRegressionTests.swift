import Testing
@testable import TokenScopeCore

/// Inputs that trapped before, found while fuzzing (`scripts/fuzz`, docs/FUZZING.md). Each test
/// names the fuzz target that reaches the code; its seed corpus holds the same input.
@Suite("Fuzz regressions (core)")
struct FuzzRegressionTests {
    /// Numbers that do not fit an `Int64` (or only just do), as JSON numbers and as strings.
    static let outOfRange = ["1e300", "-1e300", "9.3e18", "-9.3e18", #""1e300""#, #""inf""#, #""-inf""#, #""nan""#]

    /// entra-error: `Int(_:)` of an `error_codes` element such as 1e300 trapped.
    @Test func errorCodesOutOfRangeAreDropped() throws {
        let body = #"{"error":"invalid_grant","error_codes":[1e300,-1e300,9.3e18,50013,70002.0]}"#
        let error = try #require(EntraErrorResponse(body: Array(body.utf8)))
        #expect(error.codes == [50013, 70002])
    }

    /// entra-error: `Int64(_:)` of `expires_in` / `ext_expires_in` / `refresh_in` such as 1e300 trapped.
    @Test(arguments: outOfRange)
    func tokenResponseSecondsOutOfRangeAreAbsent(_ value: String) throws {
        let json = try JSONParser.parse(#"{"access_token":"x","token_type":"Bearer","expires_in":\#(value),"ext_expires_in":\#(value),"refresh_in":\#(value)}"#)
        let response = try #require(TokenResponse(json: json))
        #expect(response.expiresIn == nil && response.extExpiresIn == nil && response.refreshIn == nil)
        // In range, as a number or a string, it is still read.
        let ok = try JSONParser.parse(#"{"access_token":"x","expires_in":"3599","ext_expires_in":3599.9,"refresh_in":-5}"#)
        #expect(TokenResponse(json: ok).map { [$0.expiresIn, $0.extExpiresIn, $0.refreshIn] } == [3599, 3599, -5])
    }

    /// entra-error: a device authorization's `expires_in` near `Int64.max` overflowed `issuedAt + expiresIn`.
    @Test(arguments: outOfRange + ["9223372036854775807"])
    func deviceAuthorizationNumbersOutOfRangeUseTheDefaults(_ value: String) throws {
        let json = try JSONParser.parse(#"{"device_code":"d","user_code":"ABCD","verification_uri":"https://microsoft.com/devicelogin","expires_in":\#(value),"interval":\#(value)}"#)
        let device = try #require(DeviceAuthorization(json: json, issuedAt: 1_750_000_000))
        #expect(device.expiresIn == 900 && device.interval == 5)
        #expect(device.expiresAt == 1_750_000_900)
    }

    /// explain / entra-error: a claims challenge whose `nbf` is `Int64.min` trapped in `TimeText.utc`
    /// (`floorDiv` and `days * 86_400` overflowed).
    @Test func timeTextCoversEveryInt64() {
        #expect(TimeText.utc(Int64.min) == "-292277022657-01-27 08:29:52 UTC")
        #expect(TimeText.utc(Int64.max) == "292277026596-12-04 15:30:07 UTC")
        #expect(TimeText.iso8601(Int64.min) == "-292277022657-01-27T08:29:52Z")
        #expect(TimeText.utc(-86_401) == "1969-12-30 23:59:59 UTC")
        #expect(TimeText.utc(-86_400) == "1969-12-31 00:00:00 UTC")
        let info = ClaimsChallengeExplainer.explain(#"{"access_token":{"nbf":{"essential":true,"value":"-9223372036854775808"}}}"#)
        #expect(info?.explanation.contains { $0.contains("-292277022657-01-27") } == true)
    }
}
