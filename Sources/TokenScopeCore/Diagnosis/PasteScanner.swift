/// Something the scanner found at a position of the normalized paste.
struct PasteAnchor {
    enum Kind {
        case code(Int)
        case idx(String)
        case header(WWWAuthenticateChallenge)
        case msalLog(String)
        case oauthError(String)
        case exception(String)
        case msalError(String)
        case network(NetworkProblem)
        case trace(String)
        case correlation(String)
        case request(String)
        case clientRequest(String)
        case timestamp(String)
        case suberror(String)
        case claims(String)
        case status(Int)
    }

    let position: Int
    let kind: Kind

    /// Codes, IDX codes, challenges and log messages open an error; the rest describe one.
    var isPrimary: Bool {
        switch kind {
        case .code, .idx, .header, .msalLog: return true
        default: return false
        }
    }
}

/// One linear pass over the words of a normalized paste: codes, labelled IDs, error values,
/// exception names, challenges, message phrases, flow and credential markers, login hosts.
struct PasteScanner {
    let text: PasteText
    private(set) var anchors: [PasteAnchor] = []
    private(set) var facts = PasteFacts()
    private(set) var flowVotes: [KnowledgeFlow: (score: Int, strong: Bool, evidence: [String])] = [:]
    private(set) var credentialVotes: [CredentialKind: (score: Int, evidence: [String])] = [:]
    private(set) var clouds: [Cloud] = []

    /// A paste with more anchors than this is junk or a log dump; the rest is ignored.
    static let maxAnchors = 4000

    init(_ text: PasteText) {
        self.text = text
    }

    mutating func run() {
        // Word boundaries first, on raw buffers (this loop sees every byte), then the words.
        let words: [Range<Int>] = text.lower.withUnsafeBufferPointer { lower in
            Self.wordTable.withUnsafeBufferPointer { table in
                var out: [Range<Int>] = []
                let n = lower.count
                var i = 0
                while i < n {
                    guard table[Int(lower[i])] else { i += 1; continue }
                    let start = i
                    i += 1
                    while i < n, table[Int(lower[i])] { i += 1 }
                    out.append(start..<i)
                }
                return out
            }
        }
        var previous: Range<Int>?
        for word in words {
            guard anchors.count < Self.maxAnchors, recognised < Self.maxRecognisedWords else { break }
            handle(word, previous: previous)
            previous = word
        }
    }

    static let wordTable: [Bool] = (0..<256).map { PasteText.isWordByte(UInt8($0)) }

    /// Words the vocabulary knows, handled per paste: a real paste has a few hundred; a paste
    /// made of nothing but labels stops here instead of spending seconds.
    static let maxRecognisedWords = 20_000
    private var recognised = 0

    /// Expensive look-aheads (claims objects, challenge headers) allowed per paste.
    static let maxLookaheads = 64
    private var lookaheads = 0

    // MARK: - Words

    private static let aadsts = Array("aadsts".utf8), adsts = Array("adsts".utf8), idx = Array("idx".utf8)
    private static let msal = Array("msal".utf8), adal = Array("adal".utf8), exception = Array("exception".utf8)

    private mutating func handle(_ word: Range<Int>, previous: Range<Int>?) {
        let lower = text.lower
        let s = word.lowerBound, e = word.upperBound, length = e - s
        let first = lower[s]
        if first == 0x61 {   // a
            if length >= 7, equal(s, Self.aadsts) {
                if let code = number(s + 6, e), e - (s + 6) <= 9 { add(s, .code(code)) }
                return
            }
            // `ADSTS50059`: the code with its first letter lost, as people retype it.
            if length >= 9, length <= 14, equal(s, Self.adsts), let code = number(s + 5, e) {
                add(s, .code(code))
                return
            }
        } else if first == 0x69, length == 8, equal(s, Self.idx), number(s + 3, e) != nil {   // i
            add(s, .idx("IDX" + text.string((s + 3)..<e)))
            return
        } else if first >= 0x30, first <= 0x39 {
            // MSAL.js and MSAL Node: `invalid_client: 7000215 - [2023-03-05 22:32:01Z]: AADSTS…`,
            // `Error(s): 700027 - Timestamp: …`.
            if (4...9).contains(length), let code = number(s, e), follows(e, " - [") || follows(e, " - timestamp") {
                add(s, .code(code))
            }
            return
        }
        if length > 12, first == 0x6D || first == 0x61, equal(s, Self.msal) || equal(s, Self.adal), equal(e - 9, Self.exception) {
            add(s, .exception(text.string(word)))
        }
        guard length <= 80, let roles = PasteVocabulary.roles[PasteVocabulary.hash(lower, word)] else { return }
        recognised += 1
        for (candidate, role) in roles where candidate.count == length && equal(s, candidate) {
            switch role {
            case let .label(label): handle(label, word, previous: previous)
            case let .oauthError(value): add(s, .oauthError(value))
            case let .msalError(value): add(s, .msalError(value))
            case .exceptionName: add(s, .exception(text.string(word)))
            case let .phrase(rest, action):
                guard rest.isEmpty || equal(e, rest) else { continue }
                perform(action, at: s, end: e + rest.count)
            }
        }
    }

    private mutating func handle(_ label: PasteVocabulary.Label, _ word: Range<Int>, previous: Range<Int>?) {
        let s = word.lowerBound, e = word.upperBound
        switch label {
        case .trace, .correlation:
            var valueStart = e
            if e - s == (label == .trace ? 5 : 11) {   // `trace` / `correlation` alone: `id` must follow
                guard let next = nextWord(after: e), isWord(next, Self.id) || isWord(next, Self.idkey) else { return }
                valueStart = next.upperBound
            }
            guard let id = text.identifier(at: valueStart) else { return }
            add(s, label == .trace ? .trace(id) : .correlation(id))
        case .request:
            var valueStart = e
            if e - s == 7 {   // `request` alone: `id` must follow
                guard let next = nextWord(after: e), isWord(next, Self.id) else { return }
                valueStart = next.upperBound
            }
            guard let id = text.identifier(at: valueStart) else { return }
            let client = previous.map { isWord($0, Self.client) && $0.upperBound + 1 >= s } ?? false
            add(s, client ? .clientRequest(id) : .request(id))
        case .timestamp:
            if let value = text.dateTime(at: e) { add(s, .timestamp(value)) }
        case .suberror:
            guard let (value, _) = text.value(at: skipQuotes(e), maxLength: 60) else { return }
            let cleaned = value.lowercased().filter { $0.isLetter || $0 == "_" }
            if !cleaned.isEmpty, cleaned != "null", cleaned.count == value.count { add(s, .suberror(cleaned)) }
        case .claims:
            guard lookaheads < Self.maxLookaheads else { return }
            lookaheads += 1
            if let raw = claimsValue(at: e) { add(s, .claims(raw)) }
        case .errorCodes:
            var i = e
            while i < text.count, i - e < 8, text.bytes[i] != 0x5B { i += 1 }
            guard i < text.count, text.bytes[i] == 0x5B else { return }
            i += 1
            var current: Int?
            while i < text.count, i - e < 200 {
                let b = text.bytes[i]
                if PasteText.isDigit(b) {
                    current = (current ?? 0) * 10 + Int(b - 0x30)
                    if current! > 99_999_999 { return }
                } else {
                    if let code = current { add(s, .code(code)) }
                    current = nil
                    if b == 0x5D { break }
                    guard b == 0x2C || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
                }
                i += 1
            }
        case .errorNo:
            var i = e
            while i < text.count, i - e < 6, !PasteText.isDigit(text.bytes[i]) { i += 1 }
            var j = i
            while j < text.count, PasteText.isDigit(text.bytes[j]), j - i < 10 { j += 1 }
            if j > i, let code = number(i, j) { add(s, .code(code)) }
        case .status:
            var at = e
            if var (value, end) = text.value(at: skipQuotes(at), maxLength: 12) {
                if value.lowercased() == "code" { guard let next = text.value(at: end, maxLength: 12) else { return }; (value, end) = next }
                at = end
                if value.count == 3, let code = Int(value), (100...599).contains(code) { add(s, .status(code)) }
            }
        case .http:
            for prefix in ["/1.1 ", "/1.0 ", "/2 ", "/2.0 "] where follows(e, prefix) {
                let start = e + prefix.utf8.count
                if start + 3 <= text.count, let code = number(start, start + 3), (100...599).contains(code),
                   start + 3 == text.count || !PasteText.isDigit(text.bytes[start + 3]) {
                    add(s, .status(code))
                }
            }
        case .wwwAuthenticate:
            guard follows(e, "-authenticate"), lookaheads < Self.maxLookaheads else { return }
            lookaheads += 1
            if let challenge = header(at: e + 13) { add(s, .header(challenge)) }
        case .bearer:
            // A bare challenge (`Bearer realm="", error="insufficient_claims", claims="…"`) without
            // its header name; one with the name was read at `WWW-Authenticate`.
            guard lookaheads < Self.maxLookaheads else { return }
            lookaheads += 1
            if s >= 13, text.find("authenticate", from: max(0, s - 40), to: s) != nil { return }
            let lineEnd = endOfLine(from: e, limit: 4096)
            guard text.find("error=", from: e, to: lineEnd) != nil || text.find("claims=", from: e, to: lineEnd) != nil else { return }
            if let challenge = header(at: s) { add(s, .header(challenge)) }
        }
    }

    private mutating func perform(_ action: PasteVocabulary.Action, at s: Int, end: Int) {
        switch action {
        case let .fact(key, quoted, followedBy):
            let valueStart = skipSeparators(end)
            if quoted, valueStart >= text.count || ![0x27, 0x22, 0x60, 0xE2].contains(text.bytes[valueStart]) { return }
            guard let (value, valueEnd) = text.value(at: end) else { return }
            if let followedBy, !follows(valueEnd, followedBy) { return }
            record(key, value)
        case let .signal(id):
            if !facts.phrases.contains(id) { facts.phrases.append(id) }
        case let .network(kind, matched):
            add(s, .network(NetworkProblem(kind: kind, matched: matched)))
        case let .msalLog(id):
            add(s, .msalLog(id))
        case let .flow(flow, weight, _):
            let display = text.string(s..<end)
            var vote = flowVotes[flow] ?? (0, false, [])
            vote.score += weight
            vote.strong = vote.strong || weight >= 3
            if !vote.evidence.contains(display), vote.evidence.count < 4 { vote.evidence.append(display) }
            flowVotes[flow] = vote
        case let .credential(kind, weight, _):
            let display = text.string(s..<end)
            var vote = credentialVotes[kind] ?? (0, [])
            vote.score += weight
            if !vote.evidence.contains(display), vote.evidence.count < 4 { vote.evidence.append(display) }
            credentialVotes[kind] = vote
        case let .loginHost(cloud):
            if let cloud, !clouds.contains(cloud) { clouds.append(cloud) }
            var j = end
            while j < text.count, j - end < 100 {
                let b = text.bytes[j]
                if b == 0x2F || b == 0x3F || b == 0x22 || b == 0x27 || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x2C || b == 0x29 || b == 0x5D || b == 0x3E { break }
                j += 1
            }
            let tenant = text.string(end..<j)
            if !tenant.isEmpty, !["error", "oauth2", "discovery", "tfp", "te", "common.", "v2.0"].contains(tenant.lowercased()),
               !facts.authorityTenants.contains(tenant), facts.authorityTenants.count < 10 {
                facts.authorityTenants.append(tenant)
            }
        case .appSpecificKeys:
            facts.appSpecificKeys = true
        case .tenantSetting:
            var i = end
            while i < text.count, i - end < 4, text.bytes[i] == 0x22 || text.bytes[i] == 0x27 { i += 1 }
            guard let (value, _) = text.value(at: i, maxLength: 60) else { return }
            if ["common", "organizations", "consumers"].contains(value.lowercased()), !facts.authorityTenants.contains(value) {
                facts.authorityTenants.append(value)
            }
        }
    }

    private mutating func record(_ key: PasteVocabulary.FactKey, _ raw: String) {
        let value = raw.trimmedWhitespace
        guard !value.isEmpty else { return }
        func set(_ path: WritableKeyPath<PasteFacts, String?>) { if facts[keyPath: path] == nil { facts[keyPath: path] = value } }
        switch key {
        case .assertionAudience: set(\.assertionAudience)
        case .expectedAudience: set(\.expectedAudience)
        case .tokenAudience: set(\.tokenAudience)
        case .validAudience:
            for item in value.split(separator: ",").map({ $0.trimmedWhitespace }) where !item.isEmpty && !facts.validAudiences.contains(item) {
                facts.validAudiences.append(item)
            }
        case .tokenIssuer: set(\.tokenIssuer)
        case .validIssuer:
            for item in value.split(separator: ",").map({ $0.trimmedWhitespace }) where !item.isEmpty && !facts.validIssuers.contains(item) {
                facts.validIssuers.append(item)
            }
        case .applicationIdentifier: set(\.applicationIdentifier)
        case .directory: set(\.directory)
        case .resourcePrincipal: set(\.resourcePrincipal)
        case .tenantNotFound: set(\.tenantNotFound)
        case .redirectURI: set(\.redirectURI)
        case .thumbprint: set(\.thumbprint)
        case .currentTime: set(\.currentTime)
        case .validFrom: set(\.validFrom)
        case .expiry: set(\.expiry)
        case .assertionSubject: set(\.assertionSubject)
        case .identityProvider: set(\.identityProvider)
        case .keyId: set(\.keyId)
        case .requestOrigin: set(\.requestOrigin)
        case .invalidScope: set(\.invalidScope)
        }
    }

    // MARK: - Values

    /// A WWW-Authenticate value: the rest of the line plus indented continuation lines.
    private func header(at start: Int) -> WWWAuthenticateChallenge? {
        var i = start
        while i < text.count, i - start < 4, [0x20, 0x09, 0x3A, 0x3D].contains(text.bytes[i]) { i += 1 }
        var end = endOfLine(from: i, limit: 4096)
        var value = text.string(i..<end)
        // Continuation lines: indented, carrying parameters.
        while end < text.count, value.utf8.count < 4096 {
            var next = end
            if next < text.count, text.bytes[next] == 0x0D { next += 1 }
            if next < text.count, text.bytes[next] == 0x0A { next += 1 }
            guard next < text.count, text.bytes[next] == 0x20 || text.bytes[next] == 0x09 else { break }
            let lineEnd = endOfLine(from: next, limit: 4096)
            let line = text.string(next..<lineEnd).trimmedWhitespace
            guard line.contains("=") else { break }
            value += " " + line
            end = lineEnd
        }
        value = value.trimmedWhitespace
        guard value.contains("=") || value.lowercased().hasPrefix("bearer") else { return nil }
        func param(_ names: String...) -> String? {
            for name in names {
                if let v = ClaimsChallenge.headerParameter(name, in: value)?.trimmedWhitespace, !v.isEmpty { return v }
            }
            return nil
        }
        return WWWAuthenticateChallenge(raw: value, error: param("error"), errorDescription: param("error_description", "errorDescription"),
                                        claims: param("claims"), authorizationURI: param("authorization_uri", "authorization"),
                                        realm: param("realm"), clientId: param("client_id"), scope: param("scope", "scopes"))
    }

    /// A claims value after `claims`: a JSON object (brace-matched) or base64 of one (`eyJ…`).
    private func claimsValue(at start: Int) -> String? {
        var i = start
        while i < text.count, i - start < 6, [0x20, 0x09, 0x3A, 0x3D, 0x22, 0x27].contains(text.bytes[i]) { i += 1 }
        guard i < text.count else { return nil }
        if text.bytes[i] == 0x7B {
            var depth = 0, j = i, inString = false
            while j < text.count, j - i < 16_384 {
                let b = text.bytes[j]
                if inString {
                    if b == 0x5C { j += 2; continue }
                    if b == 0x22 { inString = false }
                } else if b == 0x22 {
                    inString = true
                } else if b == 0x7B {
                    depth += 1
                } else if b == 0x7D {
                    depth -= 1
                    if depth == 0 { return text.string(i..<(j + 1)) }
                }
                j += 1
            }
            return nil
        }
        guard i + 3 <= text.count, text.lower[i] == 0x65, text.lower[i + 1] == 0x79, text.lower[i + 2] == 0x6A else { return nil }
        var j = i
        while j < text.count, j - i < 16_384 {
            let b = text.bytes[j]
            guard PasteText.isLetter(b) || PasteText.isDigit(b) || b == 0x2B || b == 0x2F || b == 0x3D || b == 0x5F || b == 0x2D else { break }
            j += 1
        }
        return j - i >= 12 ? text.string(i..<j) : nil
    }

    // MARK: - Helpers

    private mutating func add(_ position: Int, _ kind: PasteAnchor.Kind) {
        anchors.append(PasteAnchor(position: position, kind: kind))
    }

    private static let id = Array("id".utf8), idkey = Array("idkey".utf8), client = Array("client".utf8)

    /// The word at `range` is exactly `bytes` (lowercase).
    private func isWord(_ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
        range.count == bytes.count && equal(range.lowerBound, bytes)
    }

    /// `lower[at...]` starts with `s` (lowercase).
    private func follows(_ at: Int, _ s: String) -> Bool {
        var i = at
        for b in s.utf8 {
            guard i < text.count, text.lower[i] == b else { return false }
            i += 1
        }
        return true
    }

    private func equal(_ at: Int, _ bytes: [UInt8]) -> Bool {
        guard at + bytes.count <= text.count else { return false }
        var k = 0
        while k < bytes.count {
            if text.lower[at + k] != bytes[k] { return false }
            k += 1
        }
        return true
    }

    private func number(_ from: Int, _ to: Int) -> Int? {
        guard to > from, to - from <= 9 else { return nil }
        var v = 0
        for i in from..<to {
            let b = text.lower[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// The next word after at most three separators (white space, `-`, `_`, `+`, `.`).
    private func nextWord(after end: Int) -> Range<Int>? {
        var i = end
        var skipped = 0
        while i < text.count, skipped < 3, [0x20, 0x2D, 0x5F, 0x2B, 0x2E, 0x0A, 0x0D, 0x09].contains(text.lower[i]) { i += 1; skipped += 1 }
        let s = i
        while i < text.count, PasteText.isWordByte(text.lower[i]) { i += 1 }
        return i > s ? s..<i : nil
    }

    private func skipSeparators(_ at: Int) -> Int {
        var i = at
        while i < text.count, i - at < 8, [0x20, 0x09, 0x3A, 0x3D].contains(text.bytes[i]) { i += 1 }
        return i
    }

    /// Past `":"`-style separators, so a JSON value's opening quote is where `value(at:)` starts.
    private func skipQuotes(_ at: Int) -> Int {
        var i = at
        while i < text.count, i - at < 4, text.bytes[i] == 0x22 || text.bytes[i] == 0x27 { i += 1 }
        return i
    }

    private func endOfLine(from: Int, limit: Int) -> Int {
        var i = from
        while i < text.count, i - from < limit, text.bytes[i] != 0x0A, text.bytes[i] != 0x0D { i += 1 }
        return i
    }
}
