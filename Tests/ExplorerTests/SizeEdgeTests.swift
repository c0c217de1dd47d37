@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// The minimum size, at its edges: one column or one row short of 80×24 shows only the size
/// message and lets only q, F10 and Ctrl-C act; exactly 80×24 is the normal layout.
@Suite("Explorer: the minimum size, at its edges")
struct SizeEdgeTests {
    static let tooNarrow = Size(columns: 79, rows: 24)
    static let tooShort = Size(columns: 80, rows: 23)
    static let minimum = Size(columns: 80, rows: 24)

    static func lines(_ state: AppState) -> [String] {
        ExplorerApp.render(state).plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test(arguments: [tooNarrow, tooShort])
    func oneShortShowsOnlyTheSizeMessage(size: Size) {
        let state = Before.token(size: size)
        let lines = Self.lines(state)
        #expect(lines.count == size.rows)
        func centred(_ text: String) -> String { String(repeating: " ", count: (size.columns - TextWidth.of(text)) / 2) + text }
        let top = size.rows / 2 - 1
        #expect(lines[top] == centred("TokenScope needs at least 80×24"))
        #expect(lines[top + 1] == centred("this terminal is \(size.columns)×\(size.rows)"))
        #expect(lines[top + 2] == centred("enlarge it, or press q to quit"))
        // Nothing else: no title bar, tabs, panes or status bar.
        for (row, line) in lines.enumerated() where !(top...(top + 2)).contains(row) {
            #expect(line.isEmpty, "row \(row) of a too-small screen: \(line)")
        }
    }

    @Test func exactlyTheMinimumShowsTheLayout() {
        let state = Before.token(size: Self.minimum) { $0.status = nil }
        let lines = Self.lines(state)
        #expect(!lines.joined().contains("needs at least"))
        #expect(lines[0].hasPrefix(" TokenScope  sandbox \(Fixture.sandboxURL) "))
        #expect(lines[1].hasPrefix("  1 Token   2 Exchange   3 Result   4 Advice   5 Trace"))
        #expect(lines[2].hasPrefix("┌─ 1 Token ─"))
        let hints = String(String(lines[23].dropFirst().reversed().drop(while: { $0 == " " })).reversed())
        #expect(hints == HelpText.hints(state, width: 79))
        #expect(hints.hasSuffix("? help · q quit"), "the hints that always matter fit at 80 columns")
        #expect(lines.contains { $0.contains("access token (delegated), v2.0") })
    }

    @Test func theSizeMessageSnapshotAt79x24() {
        assertSnapshot(ExplorerApp.render(Before.token(size: Self.tooNarrow)).plainText, named: "too-small-79x24")
    }

    /// Every key but q, F10 and Ctrl-C does nothing (beyond clearing the status message) one
    /// column or one row short (F1 and F5 included: `RegressionTests`).
    @Test(arguments: [tooNarrow, tooShort])
    func oneShortOnlyQuittingActs(size: Size) {
        let token = Before.token(size: size)
        let running = Before.running { $0.size = size }
        let form = Before.form(.flow) { $0.size = size }
        let inert: [Key] = [
            .character("?"), .tab, .backTab, .character("1"), .character("2"), .character("3"), .character("4"), .character("5"),
            .enter, .escape, .character("c"), .character("e"), .character("t"), .character("h"), .character("f"), .character("s"),
            .character("i"), .character("/"), .character("v"), .character("x"), .character("["), .character("]"),
            .character("j"), .character("k"), .down, .up, .pageDown, .pageUp, .home, .end, .character("g"), .character("G"),
            .character(" "), .left, .right, .delete, .backspace, .character("r"), .function(2), .control("a"),
            .function(1), .function(5),
        ]
        var cases = inert.map { key in KeyCase("\(key) at \(size.columns)×\(size.rows)", token, key) { _ in } }
        cases += [Key.enter, .right, .character(" "), .delete].map { key in KeyCase("\(key) on the form at \(size.columns)×\(size.rows)", form, key) { _ in } }
        cases += [
            KeyCase("q quits", token, .character("q"), effects: [.quit]) { _ in },
            KeyCase("F10 quits", token, .function(10), effects: [.quit]) { _ in },
            KeyCase("Ctrl-C quits", token, .control("c"), effects: [.quit]) { _ in },
            KeyCase("Esc does not cancel (nothing can be seen)", running, .escape) { _ in },
            KeyCase("Enter does not start a second run", running, .enter) { _ in },
            KeyCase("q cancels the running exchange and quits", running, .character("q"), effects: [.cancelExchange(runID: 1), .quit]) {
                $0.runs[0].status = .cancelled
            },
        ]
        check(cases)
    }

    @Test func keysActAgainOnceTheTerminalIsLargeEnough() {
        var state = Before.token(size: Self.tooNarrow)
        #expect(Fixture.keys(&state, .character("2")).isEmpty)
        #expect(state.focus == .token)
        Fixture.send(&state, .resized(Self.minimum))
        Fixture.keys(&state, .character("2"))
        #expect(state.focus == .exchange)
        #expect(!Self.lines(state).joined().contains("needs at least"))
        Fixture.send(&state, .resized(Self.tooShort))
        #expect(Self.lines(state)[10] == String(repeating: " ", count: 24) + "TokenScope needs at least 80×24")
    }
}
