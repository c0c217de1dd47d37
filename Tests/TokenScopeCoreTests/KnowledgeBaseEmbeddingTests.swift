import Foundation
import Testing
@testable import TokenScopeCore

/// `Diagnosis/EmbeddedKnowledge.swift` is generated from the JSON files by `scripts/embed-knowledge`;
/// these tests fail when someone edits a JSON file and forgets to run the script.
@Suite("Knowledge base: embedding")
struct KnowledgeBaseEmbeddingTests {
    static let knowledgeDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TokenScopeCore/Diagnosis/Knowledge")

    static func source(_ name: String) throws -> String {
        try String(contentsOf: knowledgeDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    static let embedded = [
        KnowledgeLoader.aadstsFile: EmbeddedKnowledge.aadsts,
        KnowledgeLoader.otherFile: EmbeddedKnowledge.other,
        KnowledgeLoader.findingsFile: EmbeddedKnowledge.findings,
    ]

    @Test(arguments: [KnowledgeLoader.aadstsFile, KnowledgeLoader.otherFile, KnowledgeLoader.findingsFile])
    func embeddedCopyMatchesTheFile(name: String) throws {
        let onDisk = try Self.source(name)
        let embedded = try #require(Self.embedded[name])
        #expect(Array(embedded.utf8) == Array(onDisk.utf8),
                "Diagnosis/EmbeddedKnowledge.swift is out of date for \(name): run scripts/embed-knowledge")
    }

    @Test func filesOnDiskValidate() throws {
        let issues = KnowledgeLoader.validate(aadsts: try Self.source(KnowledgeLoader.aadstsFile),
                                              other: try Self.source(KnowledgeLoader.otherFile),
                                              findings: try Self.source(KnowledgeLoader.findingsFile))
        #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    }
}
