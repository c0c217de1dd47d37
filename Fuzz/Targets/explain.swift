// Fuzz target: the pasted-error parser of `tokenscope explain`, the diagnoser that ranks advice
// from its result, and both renderings (human, `--json`), as `ExplainCommand.run` calls them.
import TokenScopeCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExplain(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    // The stated flow varies with the input's length, so every flow's ranking is reached.
    let flows: [KnowledgeFlow?] = [nil, .obo, .clientCredentials, .authCode, .refresh, .deviceCode]
    let stated = flows[size % flows.count]
    let credentials: [CredentialKind?] = [nil] + CredentialKind.allCases.map { $0 }
    let credential = credentials[(size / flows.count) % credentials.count]
    let audiences = size % 2 == 0 ? ["api://fuzz"] : []
    let authority = size % 3 == 0 ? "https://login.microsoftonline.com/contoso.onmicrosoft.com" : nil

    let diagnosis = PastedErrorParser.parse(text, now: fuzzNow,
                                            options: PasteOptions(flow: stated, expectedAudiences: audiences, authority: authority))
    let advice = Diagnoser.diagnose(diagnosis, flow: stated, credential: credential,
                                    context: DiagnosisContext(authority: authority, expectedAudiences: audiences))
    guard advice.count <= Diagnoser.maxAdvice, !advice.isEmpty else {
        violated("Diagnoser returned \(advice.count) advice items (1...\(Diagnoser.maxAdvice) expected)")
    }
    let flowUsed = stated ?? diagnosis.flowHint?.flow
    let source: ExplainJSON.FlowSource? = stated != nil ? .option : diagnosis.flowHint != nil ? .paste : nil

    requireTerminalSafe(ExplainHumanReport(colour: false).render(diagnosis, advice: advice, flow: flowUsed, flowSource: source),
                        "ExplainHumanReport(colour: false)")
    requireTerminalSafe(ExplainHumanReport(colour: true).render(diagnosis, advice: advice, flow: flowUsed, flowSource: source),
                        sgr: true, "ExplainHumanReport(colour: true)")
    requireJSONRoundTrip(ExplainJSON.document(diagnosis, advice: advice, flow: flowUsed, flowSource: source), "ExplainJSON")
    return 0
}
