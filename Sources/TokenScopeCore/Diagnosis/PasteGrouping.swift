/// Turns the scanner's anchors into errors: codes close together form one error, the IDs and
/// values around them describe it, and repeated mentions of the same error (a message and its
/// stack trace, a JSON body and its `error_description`) are merged.
enum PasteGrouping {
    /// Codes further apart than this, or on different lines (unless very close), start a new error.
    static let joinDistance = 250
    /// How far after an error's last code its IDs may appear (a stack trace sits in between).
    static let forwardReach = 4000
    /// How far before an error's first code its IDs may appear (`Request Id: … Message: AADSTS…`).
    static let backwardReach = 600

    /// Codes that only wrap another one ("AADSTS70002: Error validating credentials. AADSTS50013: …").
    static let wrapperCodes: Set<Int> = [70002]

    private struct Cluster {
        var start: Int
        var lastPrimary: Int
        var anchors: [PasteAnchor]
    }

    static func errors(from anchors: [PasteAnchor], text: PasteText) -> [ParsedError] {
        var primary = anchors.filter(\.isPrimary)
        var rest = anchors.filter { !$0.isPrimary }
        if primary.isEmpty {
            // No code or challenge: an OAuth error, an exception or a network failure opens the error.
            primary = rest.filter {
                switch $0.kind {
                case .oauthError, .exception, .msalError, .network: return true
                default: return false
                }
            }
            rest = rest.filter {
                switch $0.kind {
                case .oauthError, .exception, .msalError, .network: return false
                default: return true
                }
            }
        }
        if primary.isEmpty {
            // Only IDs (a trace ID and a timestamp): still worth reporting as one error.
            guard rest.contains(where: {
                switch $0.kind {
                case .trace, .correlation, .request, .claims, .suberror: return true
                default: return false
                }
            }) else { return [] }
            return [error(from: Cluster(start: 0, lastPrimary: 0, anchors: rest), text: text)]
        }

        var clusters: [Cluster] = []
        let idPositions = rest.compactMap { anchor -> Int? in
            switch anchor.kind {
            case .trace, .correlation: return anchor.position
            default: return nil
            }
        }
        var idCursor = 0
        for anchor in primary {
            if var last = clusters.last, anchor.position - last.lastPrimary <= joinDistance,
               anchor.position - last.lastPrimary <= 40 || !lineBreak(in: last.lastPrimary..<anchor.position, text: text) {
                // An ID between two codes means a new message began (unless the code repeats one already seen).
                while idCursor < idPositions.count, idPositions[idCursor] <= last.lastPrimary { idCursor += 1 }
                let idBetween = idCursor < idPositions.count && idPositions[idCursor] < anchor.position
                if !idBetween {
                    last.anchors.append(anchor)
                    last.lastPrimary = anchor.position
                    clusters[clusters.count - 1] = last
                    continue
                }
            }
            clusters.append(Cluster(start: anchor.position, lastPrimary: anchor.position, anchors: [anchor]))
        }

        // Attach the describing anchors.
        var k = 0
        for anchor in rest {
            while k + 1 < clusters.count, clusters[k + 1].start <= anchor.position { k += 1 }
            let p = anchor.position
            if clusters[k].start <= p {
                if p - clusters[k].lastPrimary <= forwardReach {
                    clusters[k].anchors.append(anchor)
                } else if k + 1 < clusters.count, clusters[k + 1].start - p <= backwardReach {
                    clusters[k + 1].anchors.append(anchor)
                }
            } else if clusters[k].start - p <= backwardReach {
                clusters[k].anchors.append(anchor)
            }
        }

        var merged: [ParsedError] = []
        for cluster in clusters {
            let candidate = error(from: cluster, text: text)
            if let index = merged.firstIndex(where: { compatible($0, candidate) }) {
                merged[index] = union(merged[index], candidate)
            } else {
                merged.append(candidate)
            }
        }
        return merged.map(orderedCodes)
    }

    private static func lineBreak(in range: Range<Int>, text: PasteText) -> Bool {
        for i in range where text.bytes[i] == 0x0A || text.bytes[i] == 0x0D { return true }
        return false
    }

    // MARK: - One error

    private static func error(from cluster: Cluster, text: PasteText) -> ParsedError {
        var e = ParsedError()
        let anchors = cluster.anchors.sorted { $0.position < $1.position }
        /// The first value at or after the cluster's start, else the nearest before it.
        func pick<T>(_ extract: (PasteAnchor.Kind) -> T?) -> T? {
            var before: T?
            for a in anchors {
                guard let v = extract(a.kind) else { continue }
                if a.position >= cluster.start { return v }
                before = v
            }
            return before
        }
        for a in anchors {
            switch a.kind {
            case let .code(code):
                if !e.codes.contains(code) { e.codes.append(code) }
                if e.message == nil { e.message = message(after: a.position, text: text, codeWord: true) }
            case let .idx(code):
                if !e.idxCodes.contains(code) { e.idxCodes.append(code) }
                if e.message == nil { e.message = message(after: a.position, text: text, codeWord: true) }
            case let .header(challenge):
                if e.wwwAuthenticate == nil { e.wwwAuthenticate = challenge }
            case let .msalLog(id):
                if !e.msalErrors.contains(id) { e.msalErrors.append(id) }
                if e.message == nil { e.message = message(after: a.position, text: text, codeWord: false) }
            case let .exception(name):
                if !e.exceptions.contains(name) { e.exceptions.append(name) }
            case let .msalError(id):
                if !e.msalErrors.contains(id) { e.msalErrors.append(id) }
            case let .network(problem):
                if e.network == nil {
                    e.network = problem
                    if e.message == nil { e.message = line(around: a.position, text: text) }
                }
            default: break
            }
        }
        e.error = pick { if case let .oauthError(v) = $0 { return v }; return nil } ?? e.wwwAuthenticate?.error
        e.traceId = pick { if case let .trace(v) = $0 { return v }; return nil }
        e.correlationId = pick { if case let .correlation(v) = $0 { return v }; return nil }
        e.requestId = pick { if case let .request(v) = $0 { return v }; return nil }
        e.clientRequestId = pick { if case let .clientRequest(v) = $0 { return v }; return nil }
        e.timestamp = pick { if case let .timestamp(v) = $0 { return v }; return nil }
        e.suberror = pick { if case let .suberror(v) = $0 { return v }; return nil }
        e.httpStatus = pick { if case let .status(v) = $0 { return v }; return nil }
        if let raw = pick({ if case let .claims(v) = $0 { return v }; return nil }) ?? e.wwwAuthenticate?.claims {
            e.claimsChallenge = ClaimsChallengeExplainer.explain(raw)
        }
        if e.message == nil, let description = e.wwwAuthenticate?.errorDescription { e.message = description }
        if e.message == nil, let first = anchors.first(where: { if case .exception = $0.kind { return true }; return false }) {
            e.message = line(around: first.position, text: text)
        }
        if e.message == nil, let first = anchors.first(where: { if case .oauthError = $0.kind { return true }; return false }) {
            e.message = line(around: first.position, text: text)
        }
        return e
    }

    /// The message after a code: `AADSTS50013: Assertion failed signature validation. [...]` up to
    /// the end of the line, a closing quote or `Trace ID`, at most 400 characters.
    private static func message(after position: Int, text: PasteText, codeWord: Bool) -> String? {
        var i = position
        if codeWord {
            while i < text.count, PasteText.isWordByte(text.bytes[i]) { i += 1 }
            while i < text.count, i - position < 24, text.bytes[i] == 0x3A || text.bytes[i] == 0x20 || text.bytes[i] == 0x2E { i += 1 }
        }
        let start = i
        let traceLabel = Array("trace id".utf8)
        while i < text.count, i - start < 400 {
            let b = text.bytes[i]
            if b == 0x0A || b == 0x0D || b == 0x22 { break }
            if text.lower[i] == 0x74, i + traceLabel.count <= text.count, Array(text.lower[i..<(i + traceLabel.count)]) == traceLabel { break }
            i += 1
        }
        let message = text.string(start..<i).trimmedWhitespace
        return message.isEmpty ? nil : message
    }

    /// The line holding `position`, trimmed, at most 300 characters around it.
    private static func line(around position: Int, text: PasteText) -> String? {
        var s = position
        while s > 0, position - s < 150, text.bytes[s - 1] != 0x0A, text.bytes[s - 1] != 0x0D { s -= 1 }
        var e = position
        while e < text.count, e - position < 200, text.bytes[e] != 0x0A, text.bytes[e] != 0x0D { e += 1 }
        let line = text.string(s..<e).trimmedWhitespace
        return line.isEmpty ? nil : line
    }

    // MARK: - Merging

    /// Two mentions of one error: the codes of one include the other's, and no ID disagrees.
    static func compatible(_ a: ParsedError, _ b: ParsedError) -> Bool {
        let ca = Set(a.codes.map(String.init) + a.idxCodes), cb = Set(b.codes.map(String.init) + b.idxCodes)
        guard ca.isSubset(of: cb) || cb.isSubset(of: ca) else { return false }
        /// Equal, or one cut short (pastes truncate IDs).
        func agree(_ x: String?, _ y: String?) -> Bool {
            guard let x = x?.lowercased(), let y = y?.lowercased() else { return true }
            return x.hasPrefix(y) || y.hasPrefix(x)
        }
        guard agree(a.traceId, b.traceId), agree(a.correlationId, b.correlationId) else { return false }
        // Two challenges or two network failures of different kinds stay apart.
        if let x = a.wwwAuthenticate?.error, let y = b.wwwAuthenticate?.error, x != y { return false }
        if let x = a.network?.kind, let y = b.network?.kind, x != y, ca.isEmpty, cb.isEmpty { return false }
        return true
    }

    static func union(_ a: ParsedError, _ b: ParsedError) -> ParsedError {
        var e = a
        for code in b.codes where !e.codes.contains(code) { e.codes.append(code) }
        for code in b.idxCodes where !e.idxCodes.contains(code) { e.idxCodes.append(code) }
        for x in b.exceptions where !e.exceptions.contains(x) { e.exceptions.append(x) }
        for x in b.msalErrors where !e.msalErrors.contains(x) { e.msalErrors.append(x) }
        e.error = e.error ?? b.error
        e.message = e.message ?? b.message
        e.traceId = e.traceId ?? b.traceId
        e.correlationId = e.correlationId ?? b.correlationId
        e.requestId = e.requestId ?? b.requestId
        e.clientRequestId = e.clientRequestId ?? b.clientRequestId
        e.timestamp = e.timestamp ?? b.timestamp
        e.suberror = e.suberror ?? b.suberror
        e.claimsChallenge = e.claimsChallenge ?? b.claimsChallenge
        e.wwwAuthenticate = e.wwwAuthenticate ?? b.wwwAuthenticate
        e.httpStatus = e.httpStatus ?? b.httpStatus
        e.network = e.network ?? b.network
        return e
    }

    /// Wrapper codes after the codes they wrap.
    static func orderedCodes(_ error: ParsedError) -> ParsedError {
        guard error.codes.count > 1, error.codes.contains(where: wrapperCodes.contains) else { return error }
        var e = error
        e.codes = error.codes.filter { !wrapperCodes.contains($0) } + error.codes.filter(wrapperCodes.contains)
        return e
    }
}
