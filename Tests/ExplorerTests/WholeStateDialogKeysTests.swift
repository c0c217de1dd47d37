@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// `update` checked whole (see `Support/KeyTable.swift`): the expected state is the state before the
/// key with only the intended fields changed, compared with `==`, and the effects compared exactly.
@Suite("Explorer update, whole state: dialogs and messages")
struct WholeStateDialogKeysTests {
    // MARK: Help overlay

    @Test func helpKeys() {
        let lines = HelpText.all.count + Set(HelpText.all.map(\.section)).count
        let open = Before.token { $0.overlay = .help(filter: TextField(), offset: 3, filtering: false) }
        check([
            KeyCase("F1 closes help", open, .function(1)) { $0.overlay = nil },
            KeyCase("Esc closes help", open, .escape) { $0.overlay = nil },
            KeyCase("Enter closes help", open, .enter) { $0.overlay = nil },
            KeyCase("q closes help (does not quit)", open, .character("q")) { $0.overlay = nil },
            KeyCase("? closes help", open, .character("?")) { $0.overlay = nil },
            KeyCase("/ starts the filter", open, .character("/")) { $0.overlay = .help(filter: TextField(), offset: 3, filtering: true) },
            KeyCase("j scrolls", open, .character("j")) { $0.overlay = .help(filter: TextField(), offset: 4, filtering: false) },
            KeyCase("↓ scrolls", open, .down) { $0.overlay = .help(filter: TextField(), offset: 4, filtering: false) },
            KeyCase("k scrolls back", open, .character("k")) { $0.overlay = .help(filter: TextField(), offset: 2, filtering: false) },
            KeyCase("↑ scrolls back", open, .up) { $0.overlay = .help(filter: TextField(), offset: 2, filtering: false) },
            KeyCase("Space pages", open, .character(" ")) { $0.overlay = .help(filter: TextField(), offset: 13, filtering: false) },
            KeyCase("PgDn pages", open, .pageDown) { $0.overlay = .help(filter: TextField(), offset: 13, filtering: false) },
            KeyCase("PgUp pages back to the top", open, .pageUp) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("g: top", open, .character("g")) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("Home: top", open, .home) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("G: the last line", open, .character("G")) { $0.overlay = .help(filter: TextField(), offset: lines - 1, filtering: false) },
            KeyCase("End: the last line", open, .end) { $0.overlay = .help(filter: TextField(), offset: lines - 1, filtering: false) },
            KeyCase("Ctrl-C quits from help", open, .control("c"), effects: [.quit]) { _ in },
        ] + ["c", "e", "t", "h", "f", "s", "1", "i", "x"].map { c in
            KeyCase("\(c) does nothing behind help", open, .character(Character(c))) { _ in }
        } + [Key.tab, .backTab, .delete, .left].map { key in
            KeyCase("\(key) does nothing in help", open, key) { _ in }
        })
    }

    @Test func helpFilterKeys() {
        var th = TextField()
        th.insert("th")
        let filtering = Before.token { $0.overlay = .help(filter: th, offset: 1, filtering: true) }
        let entries = HelpText.entries(filter: "th")
        let lines = entries.count + Set(entries.map(\.section)).count
        #expect(lines > 3)
        func filter(_ text: String) -> TextField {
            var field = TextField()
            field.insert(text)
            return field
        }
        check([
            KeyCase("a letter filters, from the top", filtering, .character("e")) { $0.overlay = .help(filter: filter("the"), offset: 0, filtering: true) },
            KeyCase("q filters, it neither closes nor quits", filtering, .character("q")) { $0.overlay = .help(filter: filter("thq"), offset: 0, filtering: true) },
            KeyCase("/ types", filtering, .character("/")) { $0.overlay = .help(filter: filter("th/"), offset: 0, filtering: true) },
            KeyCase("Backspace deletes", filtering, .backspace) { $0.overlay = .help(filter: filter("t"), offset: 0, filtering: true) },
            KeyCase("Enter keeps the filter", filtering, .enter) { $0.overlay = .help(filter: th, offset: 1, filtering: false) },
            KeyCase("Esc clears the filter", filtering, .escape) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("F1 closes even while filtering", filtering, .function(1)) { $0.overlay = nil },
            KeyCase("↓ scrolls while filtering", filtering, .down) { $0.overlay = .help(filter: th, offset: 2, filtering: true) },
            KeyCase("↑ scrolls while filtering", filtering, .up) { $0.overlay = .help(filter: th, offset: 0, filtering: true) },
            KeyCase("F10 quits while filtering", filtering, .function(10), effects: [.quit]) { _ in },
        ])
    }

    // MARK: History

    @Test func historyKeys() {
        let atSecond = Before.withTwoRuns { $0.overlay = .history(selected: 1) }
        let atFirst = Before.withTwoRuns { $0.overlay = .history(selected: 0) }
        check([
            KeyCase("Esc closes", atSecond, .escape) { $0.overlay = nil },
            KeyCase("q closes (does not quit)", atSecond, .character("q")) { $0.overlay = nil },
            KeyCase("h closes", atSecond, .character("h")) { $0.overlay = nil },
            KeyCase("k selects the previous run", atSecond, .character("k")) { $0.overlay = .history(selected: 0) },
            KeyCase("↑ selects the previous run", atSecond, .up) { $0.overlay = .history(selected: 0) },
            KeyCase("k on the first stays", atFirst, .character("k")) { _ in },
            KeyCase("j selects the next run", atFirst, .character("j")) { $0.overlay = .history(selected: 1) },
            KeyCase("↓ on the last stays", atSecond, .down) { _ in },
            KeyCase("F1 opens help in place of the history", atSecond, .function(1)) { $0.overlay = .help(filter: TextField(), offset: 0, filtering: false) },
            KeyCase("Enter re-opens the run on Result, scrolled to the top", atFirst, .enter) {
                $0.overlay = nil
                $0.shownRunID = 1
                $0.offsets = [.result: 0, .advice: 0, .trace: 0]
                $0.focus = .result
            },
        ] + ["c", "e", "s", "f", "1", "x", "?"].map { c in
            KeyCase("\(c) does nothing in the history", atSecond, .character(Character(c))) { _ in }
        } + [Key.tab, .backTab, .left, .delete, .backspace].map { key in
            KeyCase("\(key) does nothing in the history", atSecond, key) { _ in }
        })
    }

    // MARK: Samples

    @Test func samplesKeys() {
        let open = Before.empty { $0.presets = Before.presets; $0.overlay = .presets(selected: 0) }
        let onSecond = Before.empty { $0.presets = Before.presets; $0.overlay = .presets(selected: 1) }
        let oboSample = Before.presets[0], ccSample = Before.presets[1]
        check([
            KeyCase("Esc closes", open, .escape) { $0.overlay = nil },
            KeyCase("q closes (does not quit)", open, .character("q")) { $0.overlay = nil },
            KeyCase("s closes", open, .character("s")) { $0.overlay = nil },
            KeyCase("j selects the next sample", open, .character("j")) { $0.overlay = .presets(selected: 1) },
            KeyCase("↓ on the last stays", onSecond, .down) { _ in },
            KeyCase("k selects the previous sample", onSecond, .character("k")) { $0.overlay = .presets(selected: 0) },
            KeyCase("↑ on the first stays", open, .up) { _ in },
            KeyCase("Enter loads a sample with a token: form, token, inspected, on the Token pane", open, .enter) {
                $0.overlay = nil
                $0.form = oboSample.form
                $0.formSelection = 0
                $0.token.raw = oboSample.token!
                $0.token.input.insert(oboSample.token!)
                Expect.reinspected(&$0, resetSelection: true)
                $0.status = StatusLine("Loaded “\(oboSample.title)”: Enter runs it")
            },
            KeyCase("Enter loads a sample without a token: the form, Run selected", onSecond, .enter) {
                $0.overlay = nil
                $0.form = ccSample.form
                Expect.reinspected(&$0, resetSelection: true)
                $0.focus = .exchange
                $0.formSelection = ccSample.form.visibleFields.firstIndex(of: .run)!
                $0.status = StatusLine("Loaded “\(ccSample.title)”: Enter runs it")
            },
        ] + ["c", "e", "h", "f", "1", "x", "?"].map { c in
            KeyCase("\(c) does nothing in the samples", open, .character(Character(c))) { _ in }
        } + [Key.tab, .left, .delete].map { key in
            KeyCase("\(key) does nothing in the samples", open, key) { _ in }
        })
    }

    // MARK: Flow chooser

    @Test func flowChooserKeys() throws {
        let open = Before.empty { $0.overlay = .flowChooser(FlowChooserState()) }
        guard case let .question(first) = FlowChooserState().step else { Issue.record("the chooser starts with a question"); return }
        let answered = try FlowChooser.answer(first.id, with: first.choices[0].id, to: FlowChooser.Answers())
        var second = FlowChooserState()
        second.selected = 1
        var afterFirst = FlowChooserState()
        afterFirst.answers = answered
        // Daemon, then Enter on every following question: a recommendation.
        var recommended = FlowChooserState()
        recommended.answers = try FlowChooser.answer(first.id, with: first.choices[1].id, to: FlowChooser.Answers())
        while case let .question(q) = recommended.step { recommended.answers = try FlowChooser.answer(q.id, with: q.choices[0].id, to: recommended.answers) }
        guard case let .recommendation(r) = recommended.step else { Issue.record("no recommendation"); return }
        #expect(r.flow == .clientCredentials)
        check([
            KeyCase("Esc closes", open, .escape) { $0.overlay = nil },
            KeyCase("q closes (does not quit)", open, .character("q")) { $0.overlay = nil },
            KeyCase("j selects the next answer", open, .character("j")) { $0.overlay = .flowChooser(second) },
            KeyCase("↓ selects the next answer", open, .down) { $0.overlay = .flowChooser(second) },
            KeyCase("k on the first stays", open, .character("k")) { _ in },
            KeyCase("↑ back to the first", Before.empty { $0.overlay = .flowChooser(second) }, .up) { $0.overlay = .flowChooser(FlowChooserState()) },
            KeyCase("Enter answers and moves to the next question", open, .enter) { $0.overlay = .flowChooser(afterFirst) },
            KeyCase("Backspace starts again", Before.empty { $0.overlay = .flowChooser(afterFirst) }, .backspace) { $0.overlay = .flowChooser(FlowChooserState()) },
            KeyCase("Enter on the recommendation sets the flow and focuses the form", Before.empty { $0.overlay = .flowChooser(recommended) }, .enter) {
                $0.overlay = nil
                $0.form.flow = .clientCredentials
                Expect.reinspected(&$0)
                $0.focus = .exchange
                $0.status = StatusLine("Flow set to Client credentials")
            },
            KeyCase("j on the recommendation does nothing", Before.empty { $0.overlay = .flowChooser(recommended) }, .character("j")) { _ in },
        ] + ["c", "e", "h", "s", "f", "1", "?"].map { c in
            KeyCase("\(c) does nothing in the chooser", open, .character(Character(c))) { _ in }
        } + [Key.tab, .left, .delete].map { key in
            KeyCase("\(key) does nothing in the chooser", open, key) { _ in }
        })
    }

    // MARK: Messages other than keys

    @Test func messages() async {
        let running = Before.running()
        let refused = await CannedTransport.outcome(for: Before.oboJob, status: 400, body: CannedTransport.wrongAudienceError)
        let cases: [(String, AppState, Msg, (inout AppState) -> Void)] = [
            ("a tick turns the spinner", running, .tick, { $0.tick = 1 }),
            ("a tick with nothing running changes nothing", Before.token(), .tick, { _ in }),
            ("a resize is kept", Before.token(), .resized(Size(columns: 90, rows: 30)), { $0.size = Size(columns: 90, rows: 30) }),
            ("progress is added to the run", running, .exchangeProgress(runID: 1, line: "Open https://example/devicelogin"), {
                $0.runs[0].progress = ["Open https://example/devicelogin"]
            }),
            ("progress for an unknown run is dropped", running, .exchangeProgress(runID: 9, line: "x"), { _ in }),
            ("a start failure ends the run", running, .exchangeFailedToStart(runID: 1, message: "no such file"), {
                $0.runs[0].status = .failedToStart("no such file")
                $0.runs[0].finishedAt = Fixture.now
                $0.status = StatusLine("Not sent: no such file", kind: .error)
            }),
            ("the outcome finishes the run, diagnosed", running, .exchangeFinished(runID: 1, outcome: refused), {
                $0.runs[0].status = .finished(FinishedRun(runID: 1, outcome: refused, advice: []))
                $0.runs[0].finishedAt = Fixture.now
                $0.status = StatusLine("Run 1: HTTP 400 invalid_grant AADSTS500131 — advice in pane 4", kind: .error)
            }),
            ("an export is reported", Before.token(), .exported(paths: ["/tmp/x/r.md", "/tmp/x/r.json"]), {
                $0.status = StatusLine("Exported the redacted incident report: r.md + .json in /tmp/x")
            }),
            ("an export failure is reported", Before.token(), .exportFailed(message: "read-only"), {
                $0.status = StatusLine("Export failed: read-only", kind: .error)
            }),
            ("a failed sandbox is reported", Before.token(), .sandboxFailed(message: "port in use"), {
                $0.status = StatusLine("The embedded sandbox did not start: port in use", kind: .error)
            }),
        ]
        for (name, before, msg, change) in cases {
            var state = before
            let effects = ExplorerApp.update(&state, msg, now: Fixture.now)
            var expected = before
            change(&expected)
            #expect(effects.isEmpty, "\(name)")
            let same = state == expected
            #expect(same, "\(name): \(StateDiff.describe(state, expected))")
        }
    }
}
