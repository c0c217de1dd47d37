@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// Copy and export carry what a support case needs and nothing secret: a planted secret, the
/// raw user token, its signature and the refresh token must appear in none of them.
@Suite("Explorer: copied and exported reports are redacted")
struct ReportHygieneTests {
    static func finishedState() async -> AppState {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { return state }
        let result = TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed()
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 200, body: CannedTransport.tokenResponse(result))))
        return state
    }

    static func secrets(_ state: AppState) -> [String] {
        let signature = String(Fixture.accessToken.split(separator: ".")[2])
        return [Fixture.secret, Fixture.accessToken, signature, "0.AAAA-planted-refresh-token"]
    }

    @Test func copyFromEveryPaneIsRedacted() async {
        var state = await Self.finishedState()
        for pane in Pane.allCases {
            Fixture.keys(&state, .character(Character(String(pane.rawValue))))
            let effects = Fixture.keys(&state, .character("c"))
            guard case let .copyToClipboard(text)? = effects.first else { Issue.record("nothing copied from \(pane)"); continue }
            #expect(!text.isEmpty)
            for secret in Self.secrets(state) { #expect(!text.contains(secret), "\(pane) copy leaks a secret") }
        }
        Fixture.keys(&state, .character("3"))
        guard case let .copyToClipboard(text)? = Fixture.keys(&state, .character("c")).first else { return }
        #expect(text.contains("On-Behalf-Of"))
        #expect(state.status?.text.hasPrefix("Copied the redacted exchange report") == true)
    }

    @Test func exportHoldsTheCaseWithoutSecrets() async throws {
        var state = await Self.finishedState()
        let effects = Fixture.keys(&state, .character("e"))
        guard case let .exportReport(export)? = effects.first else { Issue.record("no export"); return }
        #expect(export.baseName == "tokenscope-incident-20261129100000")
        #expect(export.markdown.contains("## Input token (the user assertion of run 1)"))
        #expect(export.markdown.contains("## Exchange (run 1)"))
        #expect(export.markdown.contains("correlation") || export.markdown.contains("client-request-id"))
        let json = try JSONParser.parse(export.json)
        if case let .object(members) = json {
            #expect(members.map(\.key) == ["tool", "created", "target", "token", "exchange"])
        } else {
            Issue.record("export JSON is not an object")
        }
        for secret in Self.secrets(state) {
            #expect(!export.markdown.contains(secret))
            #expect(!export.json.contains(secret))
        }
        Fixture.send(&state, .exported(paths: ["/tmp/a.md", "/tmp/a.json"]))
        #expect(state.status?.text == "Exported the redacted incident report: a.md + .json in /tmp")
    }

    /// Before any run the Advice pane advises on the pasted token; the export carries the same advice.
    @Test func exportOfAPastedTokenCarriesItsAdvice() throws {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.idToken)
        let shown = try #require(AdviceText.pastedTokenAdvice(state))
        #expect(!shown.isEmpty, "an ID token pasted for OBO has advice")
        guard case let .exportReport(export)? = Fixture.keys(&state, .character("e")).first else { Issue.record("no export"); return }
        #expect(export.markdown.contains("## Advice for the pasted token (On-Behalf-Of)"))
        #expect(export.markdown.contains(shown[0].title))
        let json = try JSONParser.parse(export.json)
        guard case let .object(members) = json else { Issue.record("export JSON is not an object"); return }
        #expect(members.map(\.key) == ["tool", "created", "target", "token", "exchange", "advice"])
        #expect(json["advice"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == shown.map(\.id))
        #expect(json["target"]?.stringValue == "sandbox \(Fixture.sandboxURL)")
        #expect(!export.markdown.contains(Fixture.idToken) && !export.json.contains(Fixture.idToken))
    }

    @Test func nothingToCopyOrExportSaysSo() {
        var state = Fixture.state()
        #expect(Fixture.keys(&state, .character("e")).isEmpty)
        #expect(state.status?.text.hasPrefix("Nothing to export yet") == true)
    }
}
