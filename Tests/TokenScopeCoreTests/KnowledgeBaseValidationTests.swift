import Foundation
import Testing
@testable import TokenScopeCore

/// The loader rejects bad data with precise, located messages.
@Suite("Knowledge base: validation")
struct KnowledgeBaseValidationTests {
    static let mfa = #"""
    {"code": 50076, "title": "MFA required", "meaning": "The sign-in lacked MFA.", "error": "interaction_required",
     "flows": ["obo"], "msal": {"exception": "MsalClaimsChallengeException", "errorCode": "interaction_required"},
     "fixer": "developer", "tags": ["mfa"]CAUSES}
    """#
    static let cause = #"{"id": "ID", "cause": "Why.", "flows": ["obo"], "confirm": ["Check."], "fix": [FIX]}"#

    static func entry(_ replacements: [String: String] = [:], causes: String = "") -> String {
        var text = mfa.replacingOccurrences(of: "CAUSES", with: causes.isEmpty ? "" : #", "causes": [\#(causes)]"#)
        for (from, to) in replacements { text = text.replacingOccurrences(of: from, with: to) }
        return text
    }

    static func cause(_ id: String, fix: String = #""Do it.""#) -> String {
        cause.replacingOccurrences(of: "ID", with: id).replacingOccurrences(of: "FIX", with: fix)
    }

    static func file(_ entries: String...) -> String {
        #"{"version": 1, "entries": [\#(entries.joined(separator: ","))]}"#
    }

    static func aadstsIssues(_ text: String) -> [String] {
        KnowledgeLoader.readAADSTS(text).issues.map(\.description)
    }

    @Test func validEntryReadsCleanly() {
        let result = KnowledgeLoader.readAADSTS(Self.file(Self.entry(causes: Self.cause("a") + "," + Self.cause("b"))))
        #expect(result.issues.isEmpty)
        #expect(result.entries.first?.value.causes.map(\.id) == ["a", "b"])
        #expect(result.entries.first?.value.name == nil)
    }

    @Test func missingField() {
        let text = Self.file(Self.entry([#""meaning": "The sign-in lacked MFA.", "#: ""]))
        #expect(Self.aadstsIssues(text) == ["aadsts.json: entry 0 (code 50076): meaning is missing"])
    }

    @Test func unknownFixer() {
        let text = Self.file(Self.entry([#""fixer": "developer""#: #""fixer": "admin""#]))
        #expect(Self.aadstsIssues(text) == [
            "aadsts.json: entry 0 (code 50076): fixer has unknown value 'admin' (allowed: developer, tenant-admin, user, microsoft, network)",
        ])
    }

    @Test func duplicateCode() {
        let text = Self.file(Self.entry(), Self.entry())
        #expect(Self.aadstsIssues(text) == ["aadsts.json: entry 1 (code 50076): duplicate code 50076 (also entry 0)"])
    }

    @Test func controlCharacter() {
        let text = Self.file(Self.entry([#""The sign-in lacked MFA.""#: #""The sign-in\u0007 lacked MFA.""#]))
        #expect(Self.aadstsIssues(text) == ["aadsts.json: entry 0 (code 50076): meaning contains a control character (U+0007)"])
        let bidi = Self.file(Self.entry([#""MFA required""#: #""MFA \u202Erequired""#]))
        #expect(Self.aadstsIssues(bidi) == ["aadsts.json: entry 0 (code 50076): title contains an invisible formatting character (U+202E)"])
    }

    @Test func duplicateCauseID() {
        let text = Self.file(Self.entry(causes: Self.cause("same-id") + "," + Self.cause("same-id")))
        #expect(Self.aadstsIssues(text) == ["aadsts.json: entry 0 (code 50076): duplicate cause id 'same-id' (causes[0] and causes[1])"])
    }

    @Test func emptyFixStep() {
        let text = Self.file(Self.entry(causes: Self.cause("first") + "," + Self.cause("second", fix: "")))
        #expect(Self.aadstsIssues(text) == ["aadsts.json: entry 0 (code 50076): causes[1].fix is empty"])
        let blank = Self.file(Self.entry(causes: Self.cause("only", fix: #""  ""#)))
        #expect(Self.aadstsIssues(blank) == ["aadsts.json: entry 0 (code 50076): causes[0].fix[0] is empty"])
    }

    @Test func flowsAndTagsFromTheAllowedSets() {
        let text = Self.file(Self.entry([#""flows": ["obo"]"#: #""flows": ["obo", "implicit", "obo"]"#,
                                         #""tags": ["mfa"]"#: #""tags": ["mfa", "Mfa"]"#]))
        #expect(Self.aadstsIssues(text) == [
            "aadsts.json: entry 0 (code 50076): flows[1] has unknown value 'implicit' (allowed: obo, client-credentials, auth-code, refresh, device-code, any)",
            "aadsts.json: entry 0 (code 50076): flows[2] repeats 'obo'",
            "aadsts.json: entry 0 (code 50076): tags[1] has unknown value 'Mfa' (allowed: \(KnowledgeTag.allCases.map(\.rawValue).joined(separator: ", ")))",
        ])
        let any = Self.file(Self.entry([#""flows": ["obo"]"#: #""flows": ["any", "obo"]"#]))
        #expect(Self.aadstsIssues(any) == ["aadsts.json: entry 0 (code 50076): flows combines any with specific flows"])
    }

    @Test func structuralProblems() {
        let unknown = Self.file(Self.entry([#""fixer""#: #""flow": "obo", "fixer""#]))
        #expect(Self.aadstsIssues(unknown) == ["aadsts.json: entry 0 (code 50076): unknown field flow"])
        let twice = Self.file(Self.entry([#""fixer": "developer""#: #""fixer": "developer", "fixer": "user""#]))
        #expect(Self.aadstsIssues(twice) == ["aadsts.json: entry 0 (code 50076): field fixer appears twice"])
        let code = Self.file(Self.entry([#""code": 50076"#: #""code": "50076""#]))
        #expect(Self.aadstsIssues(code) == ["aadsts.json: entry 0: code must be a positive integer (found string)"])
        let order = Self.file(Self.entry([#""code": 50076"#: #""code": 500761"#]), Self.entry())
        #expect(Self.aadstsIssues(order) == [
            "aadsts.json: entry 1 (code 50076): code 50076 is out of order: entries are sorted by code and the previous one is 500761",
        ])
        let name = Self.file(Self.entry([#""title""#: #""name": "not a name", "title""#]))
        #expect(Self.aadstsIssues(name) == [
            "aadsts.json: entry 0 (code 50076): name 'not a name' must be Microsoft's short name: letters, digits and underscores, starting with a capital",
        ])
    }

    @Test func msalClassificationMustFollowTheError() {
        let text = Self.file(Self.entry([#""exception": "MsalClaimsChallengeException""#: #""exception": "MsalServiceException""#]))
        #expect(Self.aadstsIssues(text) == [
            "aadsts.json: entry 0 (code 50076): msal.exception is MsalServiceException, but MSAL.NET raises MsalUiRequiredException or MsalClaimsChallengeException for error interaction_required",
        ])
        let error = Self.file(Self.entry([#""error": "interaction_required""#: #""error": "mfa_required""#]))
        #expect(Self.aadstsIssues(error).first?.hasPrefix("aadsts.json: entry 0 (code 50076): error has unknown value 'mfa_required'") == true)
    }

    @Test func fileLevelProblems() {
        #expect(Self.aadstsIssues("[]") == ["aadsts.json: the file must hold a JSON object with version and entries (found array)"])
        #expect(Self.aadstsIssues(#"{"version": 2, "entries": []}"#) == [
            "aadsts.json: version must be 1 (found 2)", "aadsts.json: entries is empty",
        ])
        #expect(Self.aadstsIssues(#"{"version": 1, "entries": [}"#) == ["aadsts.json: not valid JSON: unexpected character at byte 27"])
        #expect(Self.aadstsIssues(#"{"version": 1, "entries": [1]}"#) == ["aadsts.json: entry 0: the entry must be an object (found number)"])
    }

    @Test func otherEntries() {
        let good = #"{"id": "invalid_grant", "kind": "msal-error", "title": "T", "meaning": "M.", "exception": "MsalUiRequiredException", "fixer": "developer", "flows": ["any"], "tags": ["session"]}"#
        #expect(KnowledgeLoader.readOther(Self.file(good)).issues.isEmpty)
        let noException = good.replacingOccurrences(of: #""exception": "MsalUiRequiredException", "#, with: "")
        #expect(KnowledgeLoader.readOther(Self.file(noException)).issues.map(\.description) == [
            "other.json: entry 0 (id invalid_grant): exception is missing",
        ])
        let twice = KnowledgeLoader.readOther(Self.file(good, good.replacingOccurrences(of: "invalid_grant", with: "Invalid_Grant")))
        #expect(twice.issues.map(\.description) == [
            "other.json: entry 1 (id Invalid_Grant): duplicate id Invalid_Grant of kind msal-error (also entry 0)",
        ])
    }

    @Test func findingEntries() {
        let good = #"{"id": "id-token", "title": "T", "meaning": "M.", "flows": {"obo": "Fatal."}, "fix": ["Send the access token."], "fixer": "developer"}"#
        #expect(KnowledgeLoader.readFindings(Self.file(good)).issues.isEmpty)
        let unknown = good.replacingOccurrences(of: "id-token", with: "id-tokens")
        #expect(KnowledgeLoader.readFindings(Self.file(unknown)).issues.first?.description
            .hasPrefix("findings.json: entry 0: id has unknown value 'id-tokens' (allowed: id-token, ") == true)
        let badFlow = good.replacingOccurrences(of: #""obo""#, with: #""web""#)
        #expect(KnowledgeLoader.readFindings(Self.file(badFlow)).issues.first?.description
            .hasPrefix("findings.json: entry 0 (id id-token): flows key has unknown value 'web'") == true)
    }

    @Test func crossFileChecks() throws {
        let aadsts = Self.file(Self.entry(causes: Self.cause("shared")))
        let other = Self.file(#"{"id": "invalid_grant", "kind": "msal-error", "title": "T", "meaning": "M.", "exception": "MsalUiRequiredException", "fixer": "developer", "flows": ["any"], "tags": ["session"], "codes": [50076, 65001], "causes": [\#(Self.cause("shared", fix: #""Something else.""#))]}"#)
        let findings = Self.file(#"{"id": "id-token", "title": "T", "meaning": "M.", "flows": {"any": "N."}, "fix": ["F."], "fixer": "developer"}"#)
        let issues = KnowledgeLoader.validate(aadsts: aadsts, other: other, findings: findings).map(\.description)
        #expect(issues.contains("other.json: entry 0 (id invalid_grant): codes[1] 65001 is not in aadsts.json"))
        #expect(issues.contains { $0.hasPrefix("other.json: entry 0 (id invalid_grant): causes[0] has id 'shared' but differs from the cause with that id at aadsts.json entry 0 (code 50076) causes[0]") })
        #expect(issues.contains("findings.json: finding app-only-token has no entry"))
        #expect(issues.count == 2 + FindingID.allCases.count - 1)
        #expect(throws: KnowledgeLoadError.self) { try KnowledgeLoader.load(aadsts: aadsts, other: other, findings: findings) }
    }

    @Test func sharedCauseIDsMustBeIdentical() {
        let second = Self.entry([#""code": 50076"#: #""code": 50079"#], causes: Self.cause("shared", fix: #""Other text.""#))
        let text = Self.file(Self.entry(causes: Self.cause("shared")), second)
        #expect(Self.aadstsIssues(text) == [
            "aadsts.json: entry 1 (code 50079): causes[0] has id 'shared' but differs from the cause with that id at entry 0 (code 50076) causes[0]; a shared id must denote identical text",
        ])
    }
}
