// Fuzz target: what the exchange reads from Entra's answers. The body as an error response
// (`EntraErrorResponse(body:)`, as `TokenEndpointClient.read` does for a refusal) and as a token
// response (`TokenResponse(json:)`) or a device authorization (`DeviceAuthorization(json:)`, whose
// numbers the polling loop adds to the clock), the claims challenge it may carry, and the same input as an
// authorize redirect (`RedirectParser`, whose errors become `EntraErrorResponse`s too). A parsed
// error then goes where an exchange's refusal goes: the diagnoser and the advice renderings.
import TokenScopeCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntraError(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let text = String(decoding: bytes, as: UTF8.self)

    if let error = EntraErrorResponse(body: bytes) {
        diagnose(error, status: 400 + size % 100)
    }
    if let json = try? JSONParser.parse(bytes) {
        readResponses(json)
        // Each member in turn with an extreme value (`withEdgeValue`), the one the size picks.
        for index in 0..<min(json.objectMembers?.count ?? 0, 16) {
            readResponses(withEdgeValue(json, member: index, edge: size))
        }
    }
    _ = EntraErrorResponse.aadstsCodes(in: text)

    if let claims = try? ClaimsChallenge.parse(text) {
        requireJSONRoundTrip(claims, "ClaimsChallenge.parse")
        _ = ClaimsChallenge.merged(challenge: claims, capabilities: ["cp1"])
    }
    _ = ClaimsChallengeExplainer.explain(text)
    if let redirect = try? RedirectParser.parse(text, expectedState: size % 2 == 0 ? nil : "state-1"),
       let error = redirect.entraError {
        diagnose(error, status: 302)
    }
    return 0
}

/// What the exchange reads from a JSON answer: a token response, an error, a device authorization.
private func readResponses(_ json: JSONValue) {
    if let token = TokenResponse(json: json) {
        _ = token.problems
        _ = token.clientInfo
        requireJSONRoundTrip(token.raw, "TokenResponse.raw")
    }
    if let error = EntraErrorResponse(json: json) {
        _ = error.message
        _ = error.codes.map { "AADSTS\($0)" }
    }
    if let device = DeviceAuthorization(json: json, issuedAt: fuzzNow) {
        _ = device.expiresAt
        _ = device.instructions
        if device.interval < 1 { violated("device code polling interval \(device.interval)") }
    }
}

/// As `DiagnosisInput(outcome:)` does for a `.rejected` outcome with a parsed error.
private func diagnose(_ error: EntraErrorResponse, status: Int) {
    _ = error.message
    var parsed = ParsedError(codes: error.codes, error: error.error, message: error.message, traceId: error.traceId,
                             correlationId: error.correlationId, timestamp: error.timestamp, suberror: error.suberror,
                             httpStatus: status)
    parsed.claimsChallenge = error.claimsText.flatMap(ClaimsChallengeExplainer.explain)
    var input = DiagnosisInput(errors: [parsed], context: DiagnosisContext(authority: "https://login.microsoftonline.com/organizations"))
    if let description = error.description { input.facts = PastedErrorParser.parse(description, now: 0).facts }
    let advice = Diagnoser.diagnose(input)
    requireTerminalSafe(AdviceHumanReport(colour: false).render(advice), "AdviceHumanReport(colour: false)")
    requireJSONRoundTrip(AdviceJSON.array(advice), "AdviceJSON")
    requireJSONRoundTrip(error.raw, "EntraErrorResponse.raw")
}
