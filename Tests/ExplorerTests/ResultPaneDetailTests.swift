@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// The Result pane's details the issue names: the claims challenge of a refusal, the diff rows
/// of a result whose identity changed, and the spinner's elapsed time while running.
@Suite("Explorer render: Result pane details")
struct ResultPaneDetailTests {
    static let claims = #"{"access_token":{"capolids":{"essential":true,"values":["9ab03e19-ed42-4168-b6b7-7001fb3e933a"]}}}"#

    /// AADSTS50076 (MFA required) with a claims challenge, as Entra sends it to a middle tier.
    static let mfaRequired = #"""
    {"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67'. Trace ID: 0d1e2f3a-0000-4b5c-8d7e-6f5a4b3c2d1e Correlation ID: 6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b Timestamp: 2026-11-29 10:00:00Z","error_codes":[50076],"timestamp":"2026-11-29 10:00:00Z","trace_id":"0d1e2f3a-0000-4b5c-8d7e-6f5a4b3c2d1e","correlation_id":"6a5b4c3d-0000-4e2f-8a1b-9c0d1e2f3a4b","suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"9ab03e19-ed42-4168-b6b7-7001fb3e933a\"]}}}"}
    """#

    /// Pastes the fixture's access token, runs OBO and finishes it with the canned answer.
    static func finished(size: Size = Size(columns: 120, rows: 40), status: Int, body: String) async -> AppState {
        var state = Fixture.state(size: size)
        _ = Fixture.paste(&state, Fixture.accessToken)
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return state }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: status, body: body)))
        return state
    }

    static func text(_ line: StyledLine) -> String { line.map(\.text).joined() }

    // MARK: (a) claims challenge

    @Test func aRefusalWithAClaimsChallengeShowsTheChallengeRow() async throws {
        let state = await Self.finished(status: 400, body: Self.mfaRequired)
        #expect(state.status == StatusLine("Run 1: HTTP 400 invalid_grant AADSTS50076 — advice in pane 4", kind: .error))
        // Wide enough that no row wraps: each row is exactly label column + value.
        let lines = PaneContent.lines(state, .result, width: 300)
        let row = try #require(lines.first { Self.text($0).hasPrefix("  claims challenge") }, "no claims challenge row")
        #expect(Self.text(row) == "  claims challenge " + Self.claims)
        #expect(row.last == Span(Self.claims, .severityWarning), "the challenge is drawn as a warning")
        #expect(lines.map(Self.text).contains("  suberror        basic_action"))
        #expect(lines.map(Self.text).contains("  look up         https://login.microsoftonline.com/error?code=50076"))

        // On screen (Result beside Advice at 120×40, the row wrapped to the pane).
        let screen = ExplorerApp.render(state).plainText
        #expect(screen.contains("claims challenge {\"access_token\":{\"capolids\":"))
        #expect(screen.contains("AADSTS50076"))
    }

    @Test func aRefusalWithoutAClaimsChallengeHasNoChallengeRow() async {
        let state = await Self.finished(status: 400, body: CannedTransport.wrongAudienceError)
        let lines = PaneContent.lines(state, .result, width: 300).map(Self.text)
        #expect(!lines.contains { $0.contains("claims challenge") })
        #expect(lines.contains("  trace ID        2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d"))
    }

    // MARK: (b) identity changed

    @Test(arguments: [("oid", "11111111-2222-4333-8444-555555555555"), ("tid", "99999999-8888-4777-8666-555555555555")])
    func aResultWhoseIdentityClaimChangedShowsTheChangedRow(claim: String, value: String) async throws {
        let before = try #require(TestToken.v2AccessToken().claims.first { $0.key == claim }?.value.stringValue)
        let result = TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).with(claim, .string(value)).signed()
        let state = await Self.finished(status: 200, body: CannedTransport.tokenResponse(result))
        #expect(state.runs[0].finished?.outcome.succeeded == true)
        let lines = PaneContent.lines(state, .result, width: 300)
        let texts = lines.map(Self.text)
        let row = try #require(lines.first { Self.text($0).hasPrefix("  ✖ \(claim) ") }, "no ✖ row for \(claim)")
        #expect(Self.text(row) == "  ✖ " + claim.padded(to: 20) + before + " → " + value)
        #expect(row.allSatisfy { $0.role == .diffRemoved }, "the changed identity is drawn as removed")
        #expect(!texts.contains { $0.hasPrefix("  ✔ \(claim) ") }, "\(claim) is not listed as preserved")
        // The other identity claims are still shown as preserved.
        for kept in ["name", "preferred_username", "oid", "tid"] where kept != claim {
            #expect(texts.contains { $0.hasPrefix("  ✔ \(kept) ") && $0.contains("same") }, "\(kept) preserved")
        }
        // The identity row comes under the diff heading, not among "Changed as expected".
        let heading = try #require(texts.firstIndex(of: "Input token → result"))
        let rowIndex = try #require(texts.firstIndex(of: Self.text(row)))
        #expect(heading < rowIndex)
        if let expected = texts.firstIndex(of: "  Changed as expected") {
            #expect(rowIndex < expected)
            #expect(!texts[expected...].contains { $0.hasPrefix("    \(claim) ") }, "\(claim) is not an expected change")
        }

        let screen = ExplorerApp.render(state).plainText
        #expect(screen.contains("✖ \(claim)"))
        #expect(screen.contains(value))
    }

    @Test func aResultThatKeepsTheIdentityHasNoChangedRow() async {
        let result = TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed()
        let state = await Self.finished(status: 200, body: CannedTransport.tokenResponse(result))
        let texts = PaneContent.lines(state, .result, width: 300).map(Self.text)
        #expect(!texts.contains { $0.hasPrefix("  ✖ ") })
        #expect(texts.contains { $0.hasPrefix("  ✔ oid ") })
    }

    // MARK: (c) the spinner and elapsed time

    @Test func theSpinnerShowsTheElapsedTimeAndAdvancesWithTicks() throws {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .enter)
        #expect(state.runs[0].startedAt == Fixture.now)
        func spinnerLine() -> String? {
            PaneContent.lines(state, .result, width: 100).map(Self.text).first { $0.contains("Running") }
        }
        #expect(spinnerLine() == "⠋ Running On-Behalf-Of… 0.0 s   Esc cancels")

        _ = ExplorerApp.update(&state, .tick, now: Fixture.now + 1_500)
        #expect(spinnerLine() == "⠙ Running On-Behalf-Of… 1.5 s   Esc cancels")
        #expect(ExplorerApp.render(state).plainText.contains("⠙ Running On-Behalf-Of… 1.5 s   Esc cancels"))

        _ = ExplorerApp.update(&state, .tick, now: Fixture.now + 2_649)
        #expect(spinnerLine() == "⠹ Running On-Behalf-Of… 2.6 s   Esc cancels")
        let screen = ExplorerApp.render(state).plainText
        #expect(screen.contains("⠹ Running On-Behalf-Of… 2.6 s   Esc cancels"))
        #expect(!screen.contains("1.5 s"))

        // Any message carries the clock: progress from the runner moves the time without a tick.
        _ = ExplorerApp.update(&state, .exchangeProgress(runID: 1, line: "waiting for the authority"), now: Fixture.now + 61_000)
        let lines = PaneContent.lines(state, .result, width: 100).map(Self.text)
        #expect(lines.contains("⠹ Running On-Behalf-Of… 61.0 s   Esc cancels"))
        #expect(lines.contains("  waiting for the authority"))
        #expect(Layout.tabLabel(.result, state) == " 3 Result … ")
    }

    @Test func theSpinnerStopsWhenTheRunFinishes() async {
        let state = await Self.finished(status: 400, body: CannedTransport.wrongAudienceError)
        var after = state
        _ = ExplorerApp.update(&after, .tick, now: Fixture.now + 5_000)
        #expect(after.tick == state.tick)
        #expect(!PaneContent.lines(after, .result, width: 100).map(Self.text).contains { $0.contains("Running") })
    }
}
