/// Parses and validates the three knowledge files (`docs/KNOWLEDGE.md` describes them) and builds
/// a `KnowledgeBase`. Validation is strict and complete: every problem in every file is reported,
/// each with its file, entry and field path, so a bad edit fails the tests rather than the user.
public enum KnowledgeLoader {
    public static let aadstsFile = "aadsts.json"
    public static let otherFile = "other.json"
    public static let findingsFile = "findings.json"
    /// The `version` the files must declare.
    public static let formatVersion = 1

    /// Loads the three files, or throws every problem found in them.
    public static func load(aadsts: String, other: String, findings: String) throws(KnowledgeLoadError) -> KnowledgeBase {
        let a = readAADSTS(aadsts)
        let o = readOther(other)
        let f = readFindings(findings)
        var issues = a.issues + o.issues + f.issues
        issues += crossCheck(aadsts: a.entries, other: o.entries, findings: f.entries)
        guard issues.isEmpty else { throw KnowledgeLoadError(issues: issues) }
        return KnowledgeBase(aadsts: a.entries.map(\.value), others: o.entries.map(\.value),
                             findings: f.entries.map(\.value))
    }

    /// Every problem in the three files; empty when they are valid.
    public static func validate(aadsts: String, other: String, findings: String) -> [KnowledgeIssue] {
        do {
            _ = try load(aadsts: aadsts, other: other, findings: findings)
            return []
        } catch {
            return error.issues
        }
    }

    /// An entry read from a file with the label used in messages (`entry 57 (code 50076)`).
    struct Labelled<Value> {
        let label: String
        let value: Value
    }

    // MARK: - aadsts.json

    static let aadstsFields = ["code", "name", "title", "meaning", "error", "flows", "msal", "fixer", "tags", "causes"]

    static func readAADSTS(_ text: String) -> (entries: [Labelled<AADSTSEntry>], issues: [KnowledgeIssue]) {
        var sink = IssueSink(file: aadstsFile)
        var entries: [Labelled<AADSTSEntry>] = []
        var firstEntryOfCode: [Int: Int] = [:]
        var previousCode: Int?
        var causes = SharedCauses()
        for (index, item) in entryValues(text, sink: &sink).enumerated() {
            sink.entry = "entry \(index)"
            guard let object = ObjectReader(item, path: "", sink: &sink) else { continue }
            let before = sink.issues.count
            let code = object.integer("code", sink: &sink)
            if let code {
                sink.entry = "entry \(index) (code \(code))"
                if let first = firstEntryOfCode[code] {
                    sink.add("duplicate code \(code) (also entry \(first))")
                } else {
                    firstEntryOfCode[code] = index
                }
                if let previousCode, previousCode > code {
                    sink.add("code \(code) is out of order: entries are sorted by code and the previous one is \(previousCode)")
                }
                previousCode = code
            }
            let name = object.text("name", required: false, sink: &sink)
            if let name, !isShortName(name) {
                sink.add("name '\(name)' must be Microsoft's short name: letters, digits and underscores, starting with a capital")
            }
            let title = object.text("title", sink: &sink)
            if let title, title.count > 100 {
                sink.add("title is longer than 100 characters")
            }
            let meaning = object.text("meaning", sink: &sink)
            let error = object.text("error", sink: &sink)
            if let error, !KnowledgeVocabulary.oauthErrors.contains(error) {
                sink.add("error has unknown value '\(error)' (allowed: \(KnowledgeVocabulary.oauthErrors.joined(separator: ", ")))")
            }
            let flows = readFlows(object, sink: &sink)
            let msal = readMSAL(object, error: error, sink: &sink)
            let fixer = object.choice("fixer", Fixer.self, sink: &sink)
            let tags = object.choices("tags", KnowledgeTag.self, sink: &sink)
            let entryCauses = readCauses(object, shared: &causes, sink: &sink)
            object.finish(allowed: aadstsFields, sink: &sink)
            guard sink.issues.count == before, let code, let title, let meaning, let error, let flows, let msal,
                  let fixer, let tags, let entryCauses else { continue }
            entries.append(Labelled(label: sink.entry ?? "entry \(index)", value: AADSTSEntry(
                code: code, name: name, title: title, meaning: meaning, error: error, flows: flows, msal: msal,
                fixer: fixer, tags: tags, causes: entryCauses)))
        }
        return (entries, sink.issues)
    }

    static func readMSAL(_ object: ObjectReader, error: String?, sink: inout IssueSink) -> MSALException? {
        guard let value = object.value("msal") else {
            sink.add("msal is missing")
            return nil
        }
        guard let msal = ObjectReader(value, path: "msal", sink: &sink) else { return nil }
        let exception = msal.choice("exception", MSALExceptionType.self, sink: &sink)
        let errorCode = msal.text("errorCode", sink: &sink)
        if let errorCode, !isSnakeCase(errorCode) {
            sink.add("msal.errorCode '\(errorCode)' must be lower-case letters, digits and underscores")
        }
        msal.finish(allowed: ["exception", "errorCode"], sink: &sink)
        guard let exception, let errorCode else { return nil }
        // MSAL.NET's classification of STS errors (MsalServiceExceptionFactory): invalid_grant and
        // interaction_required become MsalUiRequiredException (MsalClaimsChallengeException with
        // claims); everything else Entra returns is an MsalServiceException.
        if let error {
            let expected: [MSALExceptionType] = KnowledgeVocabulary.uiRequiredErrors.contains(error)
                ? [.uiRequired, .claimsChallenge] : [.service]
            if !expected.contains(exception) {
                sink.add("msal.exception is \(exception.rawValue), but MSAL.NET raises \(expected.map(\.rawValue).joined(separator: " or ")) for error \(error)")
                return nil
            }
        }
        return MSALException(exception: exception, errorCode: errorCode)
    }

    // MARK: - other.json

    static let otherFields = ["id", "kind", "title", "meaning", "exception", "fixer", "flows", "tags", "codes", "causes"]

    static func readOther(_ text: String) -> (entries: [Labelled<OtherEntry>], issues: [KnowledgeIssue]) {
        var sink = IssueSink(file: otherFile)
        var entries: [Labelled<OtherEntry>] = []
        var firstEntryOfKey: [String: Int] = [:]
        var causes = SharedCauses()
        for (index, item) in entryValues(text, sink: &sink).enumerated() {
            sink.entry = "entry \(index)"
            guard let object = ObjectReader(item, path: "", sink: &sink) else { continue }
            let before = sink.issues.count
            let id = object.text("id", sink: &sink)
            if let id {
                sink.entry = "entry \(index) (id \(id))"
                if !isOtherID(id) {
                    sink.add("id '\(id)' may contain only letters, digits, '_', '-' and '.'")
                }
            }
            let kind = object.choice("kind", OtherKind.self, sink: &sink)
            if let id, let kind {
                let key = kind.rawValue + " " + id.lowercased()
                if let first = firstEntryOfKey[key] {
                    sink.add("duplicate id \(id) of kind \(kind.rawValue) (also entry \(first))")
                } else {
                    firstEntryOfKey[key] = index
                }
            }
            let title = object.text("title", sink: &sink)
            if let title, title.count > 100 {
                sink.add("title is longer than 100 characters")
            }
            let meaning = object.text("meaning", sink: &sink)
            let exception = object.choice("exception", MSALExceptionType.self, required: kind == .msalError, sink: &sink)
            let fixer = object.choice("fixer", Fixer.self, sink: &sink)
            let flows = readFlows(object, sink: &sink)
            let tags = object.choices("tags", KnowledgeTag.self, sink: &sink)
            let codes = object.integers("codes", sink: &sink)
            let entryCauses = readCauses(object, shared: &causes, sink: &sink)
            object.finish(allowed: otherFields, sink: &sink)
            guard sink.issues.count == before, let id, let kind, let title, let meaning, let fixer, let flows,
                  let tags, let codes, let entryCauses else { continue }
            entries.append(Labelled(label: sink.entry ?? "entry \(index)", value: OtherEntry(
                id: id, kind: kind, title: title, meaning: meaning, exception: exception, fixer: fixer,
                flows: flows, tags: tags, codes: codes, causes: entryCauses)))
        }
        return (entries, sink.issues)
    }

    // MARK: - findings.json

    static let findingFields = ["id", "title", "meaning", "flows", "fix", "fixer", "codes"]

    static func readFindings(_ text: String) -> (entries: [Labelled<FindingAdvice>], issues: [KnowledgeIssue]) {
        var sink = IssueSink(file: findingsFile)
        var entries: [Labelled<FindingAdvice>] = []
        var firstEntryOfID: [FindingID: Int] = [:]
        for (index, item) in entryValues(text, sink: &sink).enumerated() {
            sink.entry = "entry \(index)"
            guard let object = ObjectReader(item, path: "", sink: &sink) else { continue }
            let before = sink.issues.count
            let id = object.choice("id", FindingID.self, sink: &sink)
            if let id {
                sink.entry = "entry \(index) (id \(id.rawValue))"
                if let first = firstEntryOfID[id] {
                    sink.add("duplicate id \(id.rawValue) (also entry \(first))")
                } else {
                    firstEntryOfID[id] = index
                }
            }
            let title = object.text("title", sink: &sink)
            let meaning = object.text("meaning", sink: &sink)
            let notes = readFlowNotes(object, sink: &sink)
            let fix = object.textList("fix", sink: &sink)
            let fixer = object.choice("fixer", Fixer.self, sink: &sink)
            let codes = object.integers("codes", sink: &sink)
            object.finish(allowed: findingFields, sink: &sink)
            guard sink.issues.count == before, let id, let title, let meaning, let notes, let fix, let fixer,
                  let codes else { continue }
            entries.append(Labelled(label: sink.entry ?? "entry \(index)", value: FindingAdvice(
                id: id, title: title, meaning: meaning, flows: notes, fix: fix, fixer: fixer, codes: codes)))
        }
        return (entries, sink.issues)
    }

    static func readFlowNotes(_ object: ObjectReader, sink: inout IssueSink) -> [FlowNote]? {
        guard let value = object.value("flows") else {
            sink.add("flows is missing")
            return nil
        }
        guard case let .object(members) = value else {
            sink.add("flows must be an object (found \(value.typeName))")
            return nil
        }
        guard !members.isEmpty else {
            sink.add("flows is empty")
            return nil
        }
        var notes: [FlowNote] = []
        var ok = true
        for (key, note) in members {
            let name = "flows.\(key)"
            guard let flow = ObjectReader.choice(key, KnowledgeFlow.self, name: "flows key", sink: &sink),
                  let text = ObjectReader.text(note, name: name, sink: &sink) else { ok = false; continue }
            if notes.contains(where: { $0.flow == flow }) {
                sink.add("field \(name) appears twice")
                ok = false
            }
            notes.append(FlowNote(flow: flow, note: text))
        }
        return ok ? notes : nil
    }

    // MARK: - Shared parts

    /// The `entries` array of a file, after checking the JSON and the top-level object.
    static func entryValues(_ text: String, sink: inout IssueSink) -> [JSONValue] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            sink.fileProblem("not valid JSON: \(error)")
            return []
        }
        guard case let .object(members) = root else {
            sink.fileProblem("the file must hold a JSON object with version and entries (found \(root.typeName))")
            return []
        }
        var seen: Set<String> = []
        for (key, _) in members {
            if !seen.insert(key).inserted {
                sink.fileProblem("field \(key) appears twice")
            } else if key != "version" && key != "entries" {
                sink.fileProblem("unknown top-level field \(key)")
            }
        }
        switch root["version"] {
        case .number(let v)? where v == String(formatVersion):
            break
        case .number(let v)?:
            sink.fileProblem("version must be \(formatVersion) (found \(v))")
        case let value?:
            sink.fileProblem("version must be \(formatVersion) (found \(value.typeName))")
        case nil:
            sink.fileProblem("version is missing")
        }
        guard case let .array(entries)? = root["entries"] else {
            sink.fileProblem(root["entries"] == nil ? "entries is missing" : "entries must be an array")
            return []
        }
        if entries.isEmpty { sink.fileProblem("entries is empty") }
        return entries
    }

    static func readFlows(_ object: ObjectReader, sink: inout IssueSink) -> [KnowledgeFlow]? {
        guard let flows = object.choices("flows", KnowledgeFlow.self, sink: &sink) else { return nil }
        if flows.contains(.any), flows.count > 1 {
            sink.add("\(object.name("flows")) combines any with specific flows")
            return nil
        }
        return flows
    }

    static let causeFields = ["id", "cause", "flows", "confirm", "fix", "msalNet", "findings"]

    /// The optional `causes` array: ids unique in the entry and consistent with other copies.
    static func readCauses(_ object: ObjectReader, shared: inout SharedCauses, sink: inout IssueSink) -> [Cause]? {
        guard object.has("causes") else { return [] }
        guard let items = object.array("causes", required: true, sink: &sink) else { return nil }
        var causes: [Cause] = []
        var indexOfID: [String: Int] = [:]
        var ok = true
        for (index, item) in items.enumerated() {
            let path = "causes[\(index)]"
            guard let reader = ObjectReader(item, path: path, sink: &sink) else { ok = false; continue }
            let before = sink.issues.count
            let id = reader.text("id", sink: &sink)
            if let id {
                if !isKebabCase(id) {
                    sink.add("\(path).id '\(id)' must be kebab-case (lower-case words joined by '-')")
                }
                if let first = indexOfID[id] {
                    sink.add("duplicate cause id '\(id)' (causes[\(first)] and \(path))")
                } else {
                    indexOfID[id] = index
                }
            }
            let text = reader.text("cause", sink: &sink)
            let flows = readFlows(reader, sink: &sink)
            let confirm = reader.textList("confirm", sink: &sink)
            let fix = reader.textList("fix", sink: &sink)
            let msalNet = reader.text("msalNet", required: false, sink: &sink)
            let findings = reader.choices("findings", FindingID.self, required: false, sink: &sink)
            reader.finish(allowed: causeFields, sink: &sink)
            guard sink.issues.count == before, let id, let text, let flows, let confirm, let fix, let findings else {
                ok = false
                continue
            }
            let cause = Cause(id: id, cause: text, flows: flows, confirm: confirm, fix: fix, msalNet: msalNet, findings: findings)
            if let problem = shared.record(cause, at: "\(sink.entry ?? "?") \(path)") {
                sink.add("\(path) \(problem)")
                ok = false
            }
            causes.append(cause)
        }
        return ok ? causes : nil
    }

    /// Remembers the first copy of each cause id so later copies can be compared with it.
    struct SharedCauses {
        private var first: [String: (cause: Cause, location: String)] = [:]

        mutating func record(_ cause: Cause, at location: String) -> String? {
            guard let earlier = first[cause.id] else {
                first[cause.id] = (cause, location)
                return nil
            }
            return earlier.cause == cause ? nil
                : "has id '\(cause.id)' but differs from the cause with that id at \(earlier.location); a shared id must denote identical text"
        }

        func cause(_ id: String) -> (cause: Cause, location: String)? { first[id] }
    }

    /// Checks across files: referenced codes exist, every finding ID has advice, and a cause id used
    /// in both `aadsts.json` and `other.json` means the same cause.
    static func crossCheck(aadsts: [Labelled<AADSTSEntry>], other: [Labelled<OtherEntry>],
                           findings: [Labelled<FindingAdvice>]) -> [KnowledgeIssue] {
        var issues: [KnowledgeIssue] = []
        let codes = Set(aadsts.map(\.value.code))
        var shared = SharedCauses()
        for entry in aadsts {
            for (index, cause) in entry.value.causes.enumerated() {
                _ = shared.record(cause, at: "\(aadstsFile) \(entry.label) causes[\(index)]")
            }
        }
        // Only report code references when aadsts.json itself read cleanly enough to know its codes.
        let checkCodes = !aadsts.isEmpty
        for entry in other {
            for (index, code) in entry.value.codes.enumerated() where checkCodes && !codes.contains(code) {
                issues.append(KnowledgeIssue(file: otherFile, entry: entry.label, problem: "codes[\(index)] \(code) is not in \(aadstsFile)"))
            }
            for (index, cause) in entry.value.causes.enumerated() {
                if let earlier = shared.cause(cause.id), earlier.cause != cause {
                    issues.append(KnowledgeIssue(file: otherFile, entry: entry.label,
                        problem: "causes[\(index)] has id '\(cause.id)' but differs from the cause with that id at \(earlier.location); a shared id must denote identical text"))
                }
            }
        }
        for entry in findings {
            for (index, code) in entry.value.codes.enumerated() where checkCodes && !codes.contains(code) {
                issues.append(KnowledgeIssue(file: findingsFile, entry: entry.label, problem: "codes[\(index)] \(code) is not in \(aadstsFile)"))
            }
        }
        let present = Set(findings.map(\.value.id))
        if !findings.isEmpty {
            for id in FindingID.allCases where !present.contains(id) {
                issues.append(KnowledgeIssue(file: findingsFile, entry: nil, problem: "finding \(id.rawValue) has no entry"))
            }
        }
        return issues
    }

    // MARK: - Lexical rules

    static func isKebabCase(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
        var previousDash = false
        for b in bytes {
            let dash = b == UInt8(ascii: "-")
            guard dash || isLowerAlnum(b), !(dash && previousDash) else { return false }
            previousDash = dash
        }
        return true
    }

    static func isSnakeCase(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "_") }
    }

    static func isShortName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") }
    }

    static func isOtherID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        isLowerAlnum(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
}
