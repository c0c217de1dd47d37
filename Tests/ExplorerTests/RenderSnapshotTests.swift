@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// The screen as users see it, at the three sizes the issue names, from states built through
/// `update` (so the snapshots follow real key paths).
@Suite("Explorer render: snapshots")
struct RenderSnapshotTests {
    static let small = Size(columns: 80, rows: 24)
    static let large = Size(columns: 120, rows: 40)
    static let narrow = Size(columns: 100, rows: 30)

    static func pastedID(_ size: Size) -> AppState {
        var state = Fixture.state(size: size)
        _ = Fixture.paste(&state, Fixture.idToken)
        state.status = nil
        return state
    }

    @Test func emptyStartAt80x24() {
        assertSnapshot(ExplorerApp.render(Fixture.state(size: Self.small)).plainText, named: "start-80x24")
    }

    @Test func idTokenForOBOAt120x40() {
        assertSnapshot(ExplorerApp.render(Self.pastedID(Self.large)).plainText, named: "id-token-obo-120x40")
    }

    @Test func idTokenForOBOAt80x24() {
        assertSnapshot(ExplorerApp.render(Self.pastedID(Self.small)).plainText, named: "id-token-obo-80x24")
    }

    @Test func exchangeFormNarrow() {
        var state = Self.pastedID(Self.narrow)
        Fixture.keys(&state, .character("2"))
        assertSnapshot(ExplorerApp.render(state).plainText, named: "exchange-form-100x30")
    }

    @Test func refusalWithAdviceAt120x40() async {
        var state = Fixture.state(size: Self.large)
        _ = Fixture.paste(&state, TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed())
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)))
        // Elapsed time varies: the snapshot is about layout and content.
        let text = ExplorerApp.render(state).plainText.replacingMatches(of: #/ \d+ ms/#, with: " N ms")
        assertSnapshot(text, named: "refused-advice-120x40")
    }

    @Test func helpOverlayAt80x24() {
        var state = Fixture.state(size: Self.small)
        Fixture.keys(&state, .character("?"))
        assertSnapshot(ExplorerApp.render(state).plainText, named: "help-80x24")
    }

    @Test func helpFilteredWithSlashAt120x40() {
        var state = Fixture.state(size: Self.large)
        Fixture.keys(&state, .character("?"), .character("/"))
        _ = Fixture.type(&state, "theme")
        assertSnapshot(ExplorerApp.render(state).plainText, named: "help-filtered-120x40")
    }

    @Test func tooSmall() {
        assertSnapshot(ExplorerApp.render(Fixture.state(size: Size(columns: 60, rows: 16))).plainText, named: "too-small-60x16")
    }

    @Test func errorFindingsAreDrawnInTheErrorStyle() {
        let state = Self.pastedID(Self.large)
        let canvas = ExplorerApp.render(state)
        let theme = state.theme
        let lines = canvas.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try! #require(lines.firstIndex { $0.contains("✖ id-token:") })
        let column = try! #require(lines[row].firstRange(of: "✖ id-token")).lowerBound
        let x = lines[row].distance(from: lines[row].startIndex, to: column)
        #expect(canvas[x, row].style == theme.style(.severityError))
        #expect(theme.style(.severityError) != theme.style(.paneText))
    }

    @Test func escapeSequencesInClaimsNeverReachTheScreen() {
        var state = Fixture.state(size: Self.large)
        let hostile = TestToken.v2AccessToken().with("name", .string("Eve\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}31m")).signed()
        _ = Fixture.paste(&state, hostile)
        let canvas = ExplorerApp.render(state)
        for y in 0..<canvas.size.rows {
            for x in 0..<canvas.size.columns {
                for scalar in canvas[x, y].text.unicodeScalars {
                    #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value), "control U+\(String(scalar.value, radix: 16)) at \(x),\(y)")
                }
            }
        }
        #expect(canvas.plainText.contains("Eve"))
    }
}

extension String {
    func replacingMatches(of regex: Regex<Substring>, with replacement: String) -> String {
        replacing(regex, with: replacement)
    }
}
