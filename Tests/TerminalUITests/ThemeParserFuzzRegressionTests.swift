import Testing
@testable import TerminalUI

/// Found with the theme fuzz target's harness (`scripts/fuzz theme`, docs/FUZZING.md): a syntax
/// error far down a big file split the whole file into lines once per line looked back at, so a
/// 700 KB file with an error at line 1000 took a minute. Linear now.
@Suite("Theme parser: fuzz regressions")
struct ThemeParserFuzzRegressionTests {
    @Test func syntaxErrorFarDownABigFileIsReportedQuickly() throws {
        // 6,000 comment lines (as much splitting as the 700 KB case: about a minute before the fix),
        // then an unclosed flow mapping, and an unquoted hex colour early on for the look-back to find.
        let yaml = "palette:\n  accent: #5fafff\n" + String(repeating: "# padding comment line\n", count: 6_000) + "frame: {border: {fg: accent}\n"
        let clock = ContinuousClock()
        var error: ThemeError?
        let elapsed = clock.measure { error = themeError(yaml) }
        let line = try #require(error?.line)
        #expect(line > 6_000)
        #expect(error?.message.contains("line 2 has an unquoted #") == true, "\(String(describing: error))")
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
