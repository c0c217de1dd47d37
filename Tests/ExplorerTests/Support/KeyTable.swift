@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// The machinery of the whole-state key tables (`WholeState*Tests`): for every key path of every
/// pane and dialog, the expected state is the state before the key with only the intended fields
/// changed, compared with `==` (so any other change — an unintended side effect — fails), and the
/// returned effects are compared exactly.
///
/// Each row: a state before the key, the key, what the key must change, and the effects. Every
/// `before` carries a stale status message, because every key clears it (`check` starts from that).

/// One row of a key table.
struct KeyCase {
    let name: String
    let before: AppState
    let key: Key
    let effects: [Effect]
    let expect: (inout AppState) -> Void

    init(_ name: String, _ before: AppState, _ key: Key, effects: [Effect] = [], expect: @escaping (inout AppState) -> Void) {
        self.name = name
        self.before = before
        self.key = key
        self.effects = effects
        self.expect = expect
    }
}

/// Applies each row's key to its state and compares the whole state and the effects.
func check(_ cases: [KeyCase], sourceLocation: SourceLocation = #_sourceLocation) {
    for c in cases {
        var state = c.before
        let effects = ExplorerApp.update(&state, .input(.key(c.key)), now: Fixture.now)
        var expected = c.before
        expected.now = Fixture.now
        // Every key clears the status message; a row that sets one says so.
        expected.status = nil
        c.expect(&expected)
        #expect(effects == c.effects, "\(c.name): effects", sourceLocation: sourceLocation)
        // A Bool, so a failure prints the differing fields rather than two whole states.
        let unchangedElsewhere = state == expected
        #expect(unchangedElsewhere, "\(c.name): \(StateDiff.describe(state, expected))", sourceLocation: sourceLocation)
    }
}

/// Names the fields that differ, so a failing row says what changed that should not have.
enum StateDiff {
    static func describe(_ actual: AppState, _ expected: AppState) -> String {
        let lines = differences(actual, expected, path: "")
        return lines.isEmpty ? "(equal by description; compare custom equality)" : lines.joined(separator: "\n")
    }

    static func differences(_ actual: Any, _ expected: Any, path: String, depth: Int = 0) -> [String] {
        let a = Mirror(reflecting: actual), e = Mirror(reflecting: expected)
        guard depth < 2, a.displayStyle == .struct, !a.children.isEmpty else {
            let da = String(describing: actual), de = String(describing: expected)
            return da == de ? [] : ["\(path): got \(da.prefix(240)) · expected \(de.prefix(240))"]
        }
        var out: [String] = []
        for (ca, ce) in zip(a.children, e.children) {
            out += differences(ca.value, ce.value, path: path + (path.isEmpty ? "" : ".") + (ca.label ?? "?"), depth: depth + 1)
        }
        return out
    }
}

/// States before a key, each with a stale status message (every key clears it).
enum Before {
    static let stale = StatusLine("a message from before this key")

    /// The job Enter sends for the pasted access token and the fixture's OBO form.
    static let oboJob = ExchangeJob(flow: .onBehalfOf, authorityHost: Fixture.sandboxURL, tenant: TestToken.tenant, clientId: TestToken.middleTier,
                                    scopes: ["api://downstream-api/Data.Read"], credential: .secret(Fixture.secret),
                                    userAssertion: Fixture.accessToken, expectedAudiences: [TestToken.middleTier])

    static let presets = [
        Preset(id: "obo", title: "OBO that works", summary: "the middle tier swaps the user's token", token: Fixture.accessToken, form: Fixture.oboForm),
        Preset(id: "cc", title: "Client credentials", summary: "a daemon", token: nil,
               form: ExchangeForm(flow: .clientCredentials, values: [
                   .authority: Fixture.sandboxURL, .tenant: TestToken.tenant, .clientId: TestToken.client,
                   .scopes: "api://downstream-api/.default", .secret: "s",
               ])),
    ]

    static func empty(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        var state = Fixture.state()
        state.status = stale
        change(&state)
        return state
    }

    /// The access token pasted (Token pane focused, claims view, first row).
    static func token(_ text: String = Fixture.accessToken, size: Size = Size(columns: 120, rows: 40), _ change: (inout AppState) -> Void = { _ in }) -> AppState {
        var state = Fixture.state(size: size)
        _ = Fixture.paste(&state, text)
        state.status = stale
        change(&state)
        return state
    }

    static func tokenResponse(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token("{\"access_token\":\"\(Fixture.accessToken)\",\"id_token\":\"\(Fixture.idToken)\",\"token_type\":\"Bearer\"}", size: Size(columns: 120, rows: 40), change)
    }

    static func bigToken(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token(NavigationKeysUpdateTests.bigToken, size: Size(columns: 80, rows: 24), change)
    }

    /// The Exchange pane focused with `field`'s row selected.
    static func form(_ field: FormField, _ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token { state in
            state.focus = .exchange
            change(&state)
            state.formSelection = state.form.visibleFields.firstIndex(of: field)!
        }
    }

    /// Run 1 running, Result focused.
    static func running(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token { state in
            Fixture.keys(&state, .enter)
            change(&state)
        }
    }

    /// Two runs that failed to start (run 2 shown), Advice focused and scrolled.
    static func withTwoRuns(_ change: (inout AppState) -> Void = { _ in }) -> AppState {
        token { state in
            for id in 1...2 {
                Fixture.keys(&state, .character("1"), .enter)
                Fixture.send(&state, .exchangeFailedToStart(runID: id, message: "the certificate file /x.pem does not exist."))
            }
            GlobalKeys.focus(&state, .advice)
            state.offsets = [.result: 4, .advice: 2, .trace: 1]
            change(&state)
        }
    }

    /// A wrong-audience refusal at 100×24 (a narrow screen: one pane, long advice).
    static func refused(_ change: (inout AppState) -> Void = { _ in }) async -> AppState {
        var state = token(TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed(), size: Size(columns: 100, rows: 24))
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { return state }
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)))
        state.status = stale
        change(&state)
        return state
    }
}

/// Changes several keys share, spelled out once.
enum Expect {
    /// The pasted text inspected again under the current form (a new inspection generation).
    static func reinspected(_ state: inout AppState, resetSelection: Bool = false) {
        Inspection.reinspect(&state, resetSelection: resetSelection)
    }

    /// Run 1 of the fixture's OBO job started: shown on Result, scroll positions reset.
    static func started(_ state: inout AppState) {
        state.runs.append(RunRecord(id: 1, job: Before.oboJob, startedAt: Fixture.now, status: .running))
        state.nextRunID = 2
        state.shownRunID = 1
        state.offsets[.result] = 0
        state.offsets[.advice] = 0
        state.offsets[.trace] = 0
        state.focus = .result
        state.revealedField = nil
    }
}
