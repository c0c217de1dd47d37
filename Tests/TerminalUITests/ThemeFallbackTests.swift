import Foundation
import Testing
@testable import TerminalUI

/// The code-built fallback and the shipped default theme must be the same theme.
@Suite("Themes: fallback and embedding")
struct ThemeFallbackTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let themesDirectory = root.appendingPathComponent("themes")

    static func shippedNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: themesDirectory.path)
            .filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    @Test func fallbackEqualsTheEmbeddedDefault() throws {
        let yaml = try #require(BuiltinThemes.yaml(named: "default"))
        let parsed = try ThemeParser.parse(yaml, source: "builtin:default")
        for role in ThemeRole.allCases {
            #expect(parsed.style(role) == Theme.fallback.style(role), "\(role.rawValue)")
        }
        #expect(parsed == Theme.fallback)
    }

    @Test func fallbackDefinesEveryRole() {
        #expect(Theme.fallback.styles.count == ThemeRole.allCases.count)
        #expect(Theme.fallback.name == "default")
    }

    @Test func everyThemeFileIsEmbeddedByteForByte() throws {
        let names = try Self.shippedNames()
        #expect(Set(names) == Set(BuiltinThemes.names), "run scripts/embed-themes")
        for name in names {
            let onDisk = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            let embedded = try #require(BuiltinThemes.yaml(named: name))
            #expect(Array(embedded.utf8) == Array(onDisk.utf8), "EmbeddedThemes.swift is stale for \(name): run scripts/embed-themes")
        }
    }

    @Test func defaultComesFirst() {
        #expect(BuiltinThemes.names.first == "default")
    }
}
