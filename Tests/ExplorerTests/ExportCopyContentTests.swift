@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// What `e` and `c` carry after a refusal: the advice the Advice pane shows, and the IDs and time
/// support asks for.
@Suite("Explorer: export and copy content after a refusal")
struct ExportCopyContentTests {
    static let traceID = "2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d"
    static let correlationID = "6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b"
    static let timestamp = "2026-11-29 10:00:00Z"

    static func refused() async -> AppState {
        var state = Fixture.state()
        _ = Fixture.paste(&state, TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed())
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return state }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)))
        return state
    }

    /// The titles as the Advice pane draws them: the "N. title" heading lines, in order.
    static func shownTitles(_ state: AppState) -> [String] {
        PaneContent.lines(state, .advice, width: 1000).compactMap { line in
            guard line.count == 2, line[0].role == .paneHeading, line[1].role == .paneHeading,
                  line[0].text.wholeMatch(of: #/\d+\. /#) != nil else { return nil }
            return line[1].text
        }
    }

    @Test func theExportCarriesTheShownAdviceAndTheErrorsIDsAndTime() async throws {
        var state = await Self.refused()
        let titles = Self.shownTitles(state)
        #expect(titles.count >= 2, "a wrong-audience refusal has several ranked causes")
        #expect(titles == state.runs[0].finished?.advice.map(\.title))

        let effects = Fixture.keys(&state, .character("e"))
        guard effects.count == 1, case let .exportReport(export) = effects[0] else { Issue.record("e gave \(effects)"); return }
        #expect(state.status == StatusLine("Exporting the redacted incident report…"))

        for title in titles { #expect(export.markdown.contains(title), "the Markdown lacks advice \"\(title)\"") }
        #expect(export.markdown.contains("\n1. [high] \(titles[0])") || export.markdown.contains("\n1. [medium] \(titles[0])"),
                "the first cause is ranked first")
        // The error's own rows, not just the raw body in the trace.
        #expect(export.markdown.contains("\n  trace ID        \(Self.traceID)\n"))
        #expect(export.markdown.contains("\n  correlation ID  \(Self.correlationID)\n"))
        #expect(export.markdown.contains("\n  timestamp       \(Self.timestamp)\n"))
        #expect(export.markdown.contains("AADSTS500131"))

        let json = try JSONParser.parse(export.json)
        let outcome = try #require(json["exchange"]?["outcome"])
        #expect(outcome["advice"]?.arrayValue?.compactMap { $0["title"]?.stringValue } == titles)
        let error = try #require(outcome["error"])
        #expect(error["traceId"]?.stringValue == Self.traceID)
        #expect(error["correlationId"]?.stringValue == Self.correlationID)
        #expect(error["timestamp"]?.stringValue == Self.timestamp)
        #expect(error["codes"]?.arrayValue == [.number("500131")])
        #expect(json["exchange"]?["status"]?.stringValue == "HTTP 400 invalid_grant AADSTS500131")
    }

    @Test func copyFromTheAdvicePaneCarriesTheFirstAdviceTitle() async throws {
        var state = await Self.refused()
        let first = try #require(Self.shownTitles(state).first)
        Fixture.keys(&state, .character("4"))
        let effects = Fixture.keys(&state, .character("c"))
        guard effects.count == 1, case let .copyToClipboard(text) = effects[0] else { Issue.record("c gave \(effects)"); return }
        #expect(text.contains(first))
        #expect(text.contains("1. [") && text.contains("] \(first)"), "as the ranked first cause")
        #expect(text.contains(Self.traceID))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(state.status == StatusLine("Copied the redacted exchange report (\(lines) lines) to the clipboard (OSC 52)"))

        // From the Token pane the same key copies the token report, which has no advice.
        Fixture.keys(&state, .character("1"))
        guard case let .copyToClipboard(token)? = Fixture.keys(&state, .character("c")).first else { Issue.record("nothing copied"); return }
        #expect(!token.contains(first))
    }
}
