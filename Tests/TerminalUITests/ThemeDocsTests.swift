import Foundation
import Testing
@testable import TerminalUI

/// docs/THEMES.md is the public contract for theme files: it must list every key, and its table
/// of monochrome attributes must be what the code does.
@Suite("Themes: documentation")
struct ThemeDocsTests {
    static func docs() throws -> String {
        try String(contentsOf: ThemeFallbackTests.root.appendingPathComponent("docs/THEMES.md"), encoding: .utf8)
    }

    @Test func everyKeyIsDocumented() throws {
        let text = try Self.docs()
        for role in ThemeRole.allCases {
            #expect(text.contains("| `\(role.rawValue)` |"), "docs/THEMES.md does not list \(role.rawValue)")
        }
        for name in BuiltinThemes.names {
            #expect(text.contains("| `\(name)` |"), "docs/THEMES.md does not describe the \(name) theme")
        }
    }

    @Test func monochromeTableMatchesTheCode() throws {
        let text = try Self.docs()
        let section = try #require(text.components(separatedBy: "## Few colours or none").last?.components(separatedBy: "\n## ").first)
        var documented: [ThemeRole: TextAttributes] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| ") && line.contains("`") {
            let columns = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count == 2 else { continue }
            var attributes: TextAttributes = []
            for word in columns[0].split(separator: ",") {
                let name = word.trimmingCharacters(in: .whitespaces)
                if name == "none" { continue }
                attributes.insert(try #require(TextAttributes.named.first { $0.name == name }?.attribute, "\(name)"))
            }
            for key in columns[1].split(separator: ",") {
                let raw = key.trimmingCharacters(in: CharacterSet(charactersIn: " `"))
                documented[try #require(ThemeRole(rawValue: raw), "\(raw)")] = attributes
            }
        }
        #expect(documented.count == ThemeRole.allCases.count)
        for role in ThemeRole.allCases {
            #expect(documented[role] == role.monochromeAttributes, "\(role.rawValue)")
        }
    }

    @Test func errorDescriptions() {
        #expect(ThemeError(source: "a.yaml", key: "pane.text", line: 4, message: "bad").description == "a.yaml:4: pane.text: bad")
        #expect(ThemeError(source: "a.yaml", key: "", line: nil, message: "empty").description == "a.yaml: empty")
    }
}
