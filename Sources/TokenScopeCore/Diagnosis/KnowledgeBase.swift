/// Where a cause was found: under an AADSTS code or under another entry.
public enum KnowledgeSource: Sendable, Hashable {
    case aadsts(Int)
    case other(OtherKind, String)
}

/// A cause together with the entry it belongs to.
public struct CauseReference: Sendable, Equatable {
    public let source: KnowledgeSource
    public let cause: Cause
}

/// The diagnosis knowledge: every AADSTS code of the reference, MSAL.NET and IdentityModel errors,
/// and advice for every token finding. Data lives in `Diagnosis/Knowledge/*.json` (embedded in the
/// binary, see `docs/KNOWLEDGE.md`); `shared` loads and validates it once, on first use.
public struct KnowledgeBase: Sendable {
    /// Sorted by code.
    public let aadsts: [AADSTSEntry]
    public let others: [OtherEntry]
    public let findings: [FindingAdvice]
    /// Empty for a valid knowledge base. `shared` keeps the problems here instead of trapping when
    /// the embedded data does not validate (the tests make sure it always does).
    public let issues: [KnowledgeIssue]

    private let codeIndex: [Int: Int]
    private let otherIndex: [String: [Int]]
    private let findingIndex: [FindingID: Int]

    public init(aadsts: [AADSTSEntry], others: [OtherEntry], findings: [FindingAdvice], issues: [KnowledgeIssue] = []) {
        self.aadsts = aadsts.sorted { $0.code < $1.code }
        self.others = others
        self.findings = findings
        self.issues = issues
        var codeIndex: [Int: Int] = [:]
        for (index, entry) in self.aadsts.enumerated() where codeIndex[entry.code] == nil {
            codeIndex[entry.code] = index
        }
        var otherIndex: [String: [Int]] = [:]
        for (index, entry) in others.enumerated() {
            otherIndex[entry.id.lowercased(), default: []].append(index)
        }
        var findingIndex: [FindingID: Int] = [:]
        for (index, advice) in findings.enumerated() where findingIndex[advice.id] == nil {
            findingIndex[advice.id] = index
        }
        self.codeIndex = codeIndex
        self.otherIndex = otherIndex
        self.findingIndex = findingIndex
    }

    /// The embedded knowledge, loaded and validated lazily, once.
    public static let shared: KnowledgeBase = {
        do throws(KnowledgeLoadError) {
            return try embedded()
        } catch {
            return KnowledgeBase(aadsts: [], others: [], findings: [], issues: error.issues)
        }
    }()

    /// Loads the knowledge embedded in the binary, throwing every validation problem.
    public static func embedded() throws(KnowledgeLoadError) -> KnowledgeBase {
        try KnowledgeLoader.load(aadsts: EmbeddedKnowledge.aadsts, other: EmbeddedKnowledge.other,
                                 findings: EmbeddedKnowledge.findings)
    }

    // MARK: - Lookups

    public func entry(code: Int) -> AADSTSEntry? {
        codeIndex[code].map { aadsts[$0] }
    }

    /// Entries carrying `tag`, by code.
    public func entries(tag: KnowledgeTag) -> [AADSTSEntry] {
        aadsts.filter { $0.tags.contains(tag) }
    }

    /// Entries that concern `flow` (including the flow-independent `any` ones), by code.
    public func entries(flow: KnowledgeFlow) -> [AADSTSEntry] {
        aadsts.filter { flow == .any || $0.flows.contains(flow) || $0.flows.contains(.any) }
    }

    /// Entries that list a cause with this id, by code.
    public func entries(causeID: String) -> [AADSTSEntry] {
        aadsts.filter { $0.causes.contains { $0.id == causeID } }
    }

    /// A non-AADSTS entry by the text seen in the wild (`invalid_grant`, `IDX10214`,
    /// `MsalUiRequiredException`). An exact match wins over a case-insensitive one; when several
    /// kinds share the text, the kind listed first in `OtherKind` wins.
    public func other(id: String) -> OtherEntry? {
        let candidates = (otherIndex[id.lowercased()] ?? []).map { others[$0] }
        let ranked = candidates.sorted { rank($0.kind) < rank($1.kind) }
        return ranked.first { $0.id == id } ?? ranked.first
    }

    public func other(id: String, kind: OtherKind) -> OtherEntry? {
        let candidates = (otherIndex[id.lowercased()] ?? []).map { others[$0] }.filter { $0.kind == kind }
        return candidates.first { $0.id == id } ?? candidates.first
    }

    public func others(kind: OtherKind) -> [OtherEntry] {
        others.filter { $0.kind == kind }
    }

    public func finding(id: FindingID) -> FindingAdvice? {
        findingIndex[id].map { findings[$0] }
    }

    public func finding(id: String) -> FindingAdvice? {
        FindingID(rawValue: id).flatMap { finding(id: $0) }
    }

    /// Every cause that names `finding` as evidence, once per entry, AADSTS entries first (by code).
    public func causes(evidencedBy finding: FindingID) -> [CauseReference] {
        var out: [CauseReference] = []
        for entry in aadsts {
            for cause in entry.causes where cause.findings.contains(finding) {
                out.append(CauseReference(source: .aadsts(entry.code), cause: cause))
            }
        }
        for entry in others {
            for cause in entry.causes where cause.findings.contains(finding) {
                out.append(CauseReference(source: .other(entry.kind, entry.id), cause: cause))
            }
        }
        return out
    }

    /// Microsoft's error lookup page for `code` in `cloud`. The public, US Government and China
    /// clouds have their own page; the other sovereign clouds use the public one, whose content is
    /// the same code list (their own hosts are not known to serve it).
    public static func lookupURL(code: Int, cloud: Cloud = .public) -> String {
        let host: String
        switch cloud {
        case .usgov, .china: host = cloud.loginHost
        default: host = Cloud.public.loginHost
        }
        return "https://\(host)/error?code=\(code)"
    }

    private func rank(_ kind: OtherKind) -> Int { OtherKind.allCases.firstIndex(of: kind) ?? 0 }
}
