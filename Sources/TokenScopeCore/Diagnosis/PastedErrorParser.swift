/// Options for parsing a paste: what the user told us beyond the text.
public struct PasteOptions: Sendable {
    /// The flow, when the user knows it (`--flow`); otherwise the paste's own hints are used.
    public var flow: KnowledgeFlow?
    /// Client IDs or App ID URIs the tokens should be for (`--expect-audience`).
    public var expectedAudiences: [String]
    /// The authority the caller uses (`--authority`), for the tenant rules of the inspector.
    public var authority: String?

    public init(flow: KnowledgeFlow? = nil, expectedAudiences: [String] = [], authority: String? = nil) {
        self.flow = flow
        self.expectedAudiences = expectedAudiences
        self.authority = authority
    }
}

/// Recognises, anywhere in pasted text, what support needs from an Entra failure: AADSTS codes
/// (also in `error_codes` arrays and MSAL Node's `7000215 - [time]` form), OAuth `error` values,
/// trace / correlation / request IDs with their labels, timestamps, `suberror`, claims challenges
/// (decoded and explained), `WWW-Authenticate` challenges, MSAL exception names and error codes,
/// IdentityModel `IDX` codes, network failures, and every token (inspected). JSON bodies, MSAL.NET
/// exceptions with stack traces, `az` output, log lines, HTML- or JSON-escaped text all work.
///
/// Linear in the input: one normalization pass (at most three for nested escaping), one pass
/// over the words, no regular expressions. Inputs over 1 MiB are cut to their first 1 MiB.
public enum PastedErrorParser {
    public static let maxInputBytes = TokenExtractor.maxInputBytes

    public static func parse(_ text: String, now: Int64) -> PastedDiagnosis {
        parse(text, now: now, options: PasteOptions())
    }

    public static func parse(_ text: String, now: Int64, options: PasteOptions) -> PastedDiagnosis {
        let input = text.utf8.count > maxInputBytes ? String(decoding: Array(text.utf8.prefix(maxInputBytes)), as: UTF8.self) : text

        // A bare code: `50013`, `AADSTS50013`.
        let trimmed = input.trimmedWhitespace
        if (4...9).contains(trimmed.utf8.count), trimmed.utf8.allSatisfy(PasteText.isDigit), let code = Int(trimmed) {
            return PastedDiagnosis(errors: [ParsedError(codes: [code])])
        }

        let normalized = PasteText(input)
        var scanner = PasteScanner(normalized)
        scanner.run()
        let errors = PasteGrouping.errors(from: scanner.anchors, text: normalized)

        var diagnosis = PastedDiagnosis(errors: errors, facts: scanner.facts)
        diagnosis.flowHint = flowHint(scanner.flowVotes, errors: errors)
        diagnosis.credentialHint = credentialHint(scanner.credentialVotes)
        diagnosis.cloud = scanner.clouds.first { $0 != .public } ?? scanner.clouds.first

        let flow = options.flow ?? diagnosis.flowHint.flatMap { $0.strong ? $0.flow : nil }
        let context = InspectionContext(flow: flow.flatMap(inspectionFlow), expectedAudiences: options.expectedAudiences,
                                        authority: options.authority, now: now)
        diagnosis.tokens = tokens(in: input, context: context)
        if diagnosis.cloud == nil {
            diagnosis.cloud = diagnosis.tokens.lazy.compactMap { $0.issuer.flatMap { Cloud.cloud(forHost: $0.host) } }.first
        }
        return diagnosis
    }

    /// The inspector's notion of the job for a knowledge-base flow.
    public static func inspectionFlow(_ flow: KnowledgeFlow) -> Flow? {
        switch flow {
        case .obo: return .obo
        case .clientCredentials: return .clientCredentials
        case .authCode: return .authCode
        default: return nil
        }
    }

    // MARK: - Tokens

    static func tokens(in text: String, context: InspectionContext) -> [TokenReport] {
        guard let source = tokenSource(text), let extracted = try? TokenExtractor.extract(from: source) else { return [] }
        return extracted.prefix(20).compactMap { token -> TokenReport? in
            let report = TokenInspector.inspect(token, context: context)
            switch report.token.format {
            case .jws, .jwe: return report
            case .opaque:
                // Opaque values count only where a token response names them.
                if case .field = token.source { return report }
                return nil
            }
        }
    }

    /// The text to look for tokens in: nil when it cannot hold one (no `eyJ`, the start of every
    /// JWT and JWE, and no token response field); for a large paste, only the stretches around
    /// each `eyJ` (a token is a few KB; log dumps are MBs).
    static func tokenSource(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var starts: [Int] = []
        var fields = false
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i + 2 < b.count, starts.count < 64 {
                if b[i] == 0x65, b[i + 1] == 0x79, b[i + 2] == 0x4A { starts.append(i) }   // eyJ
                if b[i] == 0x5F, i + 6 <= b.count, b[i + 1] == 0x74, b[i + 2] == 0x6F, b[i + 3] == 0x6B, b[i + 4] == 0x65, b[i + 5] == 0x6E { fields = true }   // _token
                i += 1
            }
        }
        guard !starts.isEmpty || fields else { return nil }
        if bytes.count <= 64 * 1024 { return text }
        guard !starts.isEmpty else { return nil }
        // Windows of 16 KB from 64 bytes before each `eyJ`, merged where they overlap.
        var windows: [Range<Int>] = []
        for start in starts {
            let window = max(0, start - 64)..<min(bytes.count, start + 16 * 1024)
            if let last = windows.last, last.upperBound >= window.lowerBound {
                windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                windows.append(window)
            }
        }
        return windows.prefix(20).map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: "\n")
    }

    // MARK: - Hints

    static func flowHint(_ votes: [KnowledgeFlow: (score: Int, strong: Bool, evidence: [String])], errors: [ParsedError]) -> FlowHint? {
        var votes = votes
        func vote(_ flow: KnowledgeFlow, _ weight: Int, _ evidence: String) {
            var v = votes[flow] ?? (0, false, [])
            v.score += weight
            v.strong = v.strong || weight >= 3
            if !v.evidence.contains(evidence) { v.evidence.append(evidence) }
            votes[flow] = v
        }
        let kb = KnowledgeBase.shared
        for error in errors {
            for code in error.codes {
                // A code that only occurs in one flow names it.
                if let entry = kb.entry(code: code), entry.flows.count == 1, let only = entry.flows.first, only != .any {
                    vote(only, 3, "AADSTS\(code) only occurs in \(only.displayName)")
                }
            }
            // Entra sends `claims` with an MFA or Conditional Access error to On-Behalf-Of callers.
            if error.claimsChallenge != nil, error.codes.contains(where: { [50076, 50079, 50074, 53003].contains($0) }) {
                vote(.obo, 2, "the token endpoint answered with a claims challenge, which Entra sends to On-Behalf-Of callers")
            }
            if error.msalErrors.contains("OnBehalfOfWrongAuthority") { vote(.obo, 3, "MSAL's OnBehalfOfWrongAuthority message") }
        }
        let ranked = votes.sorted { $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key < $1.key }
        guard let best = ranked.first, best.value.score >= 2 else { return nil }
        if ranked.count > 1, ranked[1].value.score >= best.value.score - 1, !(best.value.strong && !ranked[1].value.strong) { return nil }
        return FlowHint(flow: best.key, evidence: best.value.evidence, strong: best.value.strong)
    }

    static func credentialHint(_ votes: [CredentialKind: (score: Int, evidence: [String])]) -> CredentialHint? {
        let ranked = votes.sorted { $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key.rawValue < $1.key.rawValue }
        guard let best = ranked.first, best.value.score >= 2 else { return nil }
        if ranked.count > 1, ranked[1].value.score == best.value.score { return nil }
        return CredentialHint(kind: best.key, evidence: best.value.evidence)
    }
}

extension KnowledgeFlow {
    /// `On-Behalf-Of`, `client credentials`, ... for sentences.
    public var displayName: String {
        switch self {
        case .obo: return "On-Behalf-Of"
        case .clientCredentials: return "client credentials"
        case .authCode: return "authorization code"
        case .refresh: return "refresh token"
        case .deviceCode: return "device code"
        case .any: return "any flow"
        }
    }
}
