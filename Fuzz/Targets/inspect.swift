// Fuzz target: token extraction, parsing and inspection, and both renderings of the result.
// Each input is tried three ways: as pasted text (`decode`'s path), as the raw compact token
// handed to the parser, and as the payload JSON of a token (base64url-encoded here, so the
// mutations reach the JSON parser, claim catalogue and finding rules instead of dying in base64),
// the last also with one claim replaced by an extreme value.
import TokenScopeCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInspect(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let flows: [Flow?] = [nil, .obo, .clientCredentials, .authCode]
    let context = InspectionContext(
        flow: flows[size % flows.count],
        expectedAudiences: size % 3 == 0 ? ["api://fuzz", "00000003-0000-0000-c000-000000000000"] : [],
        expectedTenant: size % 5 == 0 ? "72f988bf-86f1-41af-91ab-2d7cd011db47" : nil,
        expectedScopes: size % 7 == 0 ? ["User.Read", "access_as_user"] : [],
        authority: size % 2 == 0 ? "https://login.microsoftonline.com/organizations" : nil,
        now: fuzzNow)

    // 1. Pasted text: extraction, then every token found.
    if let reports = try? TokenInspector.inspect(text: text, context: context) {
        render(reports)
    }

    // 2. The whole input as one compact token (the parser alone must cope with anything).
    render([TokenInspector.inspect(ExtractedToken(text: text, source: .input), context: context)])

    // 3. As the segments of a JWT: up to three NUL-separated parts (header JSON, payload JSON,
    //    signature bytes), encoded; a lone part is the payload under a fixed RS256 header.
    let parts = split(bytes, on: 0, limit: 3)
    let header = parts.count > 1 ? parts[0] : Array(#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#.utf8)
    let payload = parts.count > 1 ? parts[1] : parts[0]
    let signature = parts.count > 2 ? parts[2] : [1, 2, 3]
    let jwt = [header, payload, signature].map { Base64URL.encode($0) }.joined(separator: ".")
    render([TokenInspector.inspect(ExtractedToken(text: jwt, source: .field("access_token")), context: context)])

    // 4. When the payload is a JSON object: again with one claim set to an extreme value
    //    (`withEdgeValue`: 1e300, Int64.max, "nan"...), the claim and value picked by the size.
    if let claims = try? JSONParser.parse(payload), claims.objectMembers?.isEmpty == false {
        let edged = JSONWriter.write(withEdgeValue(claims, member: size, edge: size / 7), pretty: false)
        let token = [header, Array(edged.utf8), signature].map { Base64URL.encode($0) }.joined(separator: ".")
        render([TokenInspector.inspect(ExtractedToken(text: token, source: .input), context: context)])
    }
    return 0
}

private func render(_ reports: [TokenReport]) {
    requireTerminalSafe(HumanReport(colour: false).render(reports), "HumanReport(colour: false)")
    requireTerminalSafe(HumanReport(colour: true).render(reports), sgr: true, "HumanReport(colour: true)")
    requireJSONRoundTrip(ReportJSON.document(reports), "ReportJSON")
}
