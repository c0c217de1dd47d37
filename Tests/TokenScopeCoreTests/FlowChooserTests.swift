import Testing
import TokenScopeCore

/// "Which flow do I need?": the questions asked, in order, and the recommendation each path ends in.
@Suite("Flow chooser")
struct FlowChooserTests {
    typealias Q = FlowChooser.QuestionID

    /// Answers the questions in order and returns the ids of the questions asked and the result.
    func walk(_ replies: [Q: String]) -> (asked: [Q], result: FlowRecommendation?) {
        var answers = FlowChooser.Answers()
        var asked: [Q] = []
        for _ in 0..<10 {
            switch FlowChooser.next(answers) {
            case let .recommendation(r): return (asked, r)
            case let .question(q):
                asked.append(q.id)
                guard let reply = replies[q.id] else { return (asked, nil) }
                answers = try! FlowChooser.answer(q.id, with: reply, to: answers)
            }
        }
        return (asked, nil)
    }

    @Test func theFirstQuestionIsWhoCalls() {
        guard case let .question(q) = FlowChooser.next(FlowChooser.Answers()) else { Issue.record("no question"); return }
        #expect(q.id == .caller)
        #expect(q.choices.map(\.id) == ["web-api", "daemon", "web-app", "desktop", "device", "spa"])
    }

    @Test func aWebAPIActingForAUserGetsOBO() {
        let (asked, r) = walk([.caller: "web-api", .userPresent: "yes", .b2c: "no", .longRunning: "no", .onAzure: "yes"])
        #expect(asked == [.caller, .userPresent, .b2c, .longRunning, .onAzure])
        #expect(r?.flow == .onBehalfOf)
        #expect(r?.credential.contains("managed identity") == true)
        #expect(r?.steps.contains { $0.contains("tid") } == true)
        #expect(r?.msalNet.contains("AcquireTokenOnBehalfOf") == true)
    }

    @Test func longRunningWorkGetsTheLongRunningAPI() {
        let (_, r) = walk([.caller: "web-api", .userPresent: "yes", .b2c: "no", .longRunning: "yes", .onAzure: "no"])
        #expect(r?.flow == .longRunningOnBehalfOf)
        #expect(r?.msalNet.contains("InitiateLongRunningProcessInWebApi") == true)
        #expect(r?.credential.contains("certificate") == true)
    }

    @Test func anAppOnlyCallerShouldNotUseOBO() {
        let (asked, r) = walk([.caller: "web-api", .userPresent: "no", .onAzure: "no"])
        #expect(asked == [.caller, .userPresent, .onAzure])
        #expect(r?.flow == .clientCredentials)
        #expect(r?.avoid.first?.contains("7000114") == true)
    }

    @Test func b2cHasNoOBO() {
        let (_, r) = walk([.caller: "web-api", .userPresent: "yes", .b2c: "yes"])
        #expect(r?.flow == .clientCredentials)
        #expect(r?.avoid.contains { $0.contains("B2C") } == true)
    }

    @Test func otherCallers() {
        #expect(walk([.caller: "daemon", .onAzure: "yes"]).result?.flow == .clientCredentials)
        #expect(walk([.caller: "web-app", .confidential: "yes", .onAzure: "no"]).result?.flow == .authCode)
        #expect(walk([.caller: "web-app", .confidential: "no"]).result?.flow == .authCodePKCE)
        #expect(walk([.caller: "desktop"]).result?.flow == .authCodePKCE)
        #expect(walk([.caller: "device"]).result?.flow == .deviceCode)
        let spa = walk([.caller: "spa"]).result
        #expect(spa?.flow == .authCodePKCE)
        #expect(spa?.avoid.first?.contains("middle tier") == true)
    }

    @Test func answersAreValidated() {
        #expect(throws: FlowChooser.AnswerError.self) { try FlowChooser.answer(.caller, with: "robot", to: FlowChooser.Answers()) }
        #expect(throws: FlowChooser.AnswerError.self) { try FlowChooser.answer(.onAzure, with: "maybe", to: FlowChooser.Answers()) }
        let a = try! FlowChooser.answer(.userPresent, with: " Y ", to: FlowChooser.Answers())
        #expect(a.userPresent == true)
    }

    @Test func everyQuestionHasTextAndChoices() {
        for id in Q.allCases {
            let q = FlowChooser.question(id)
            #expect(!q.text.isEmpty && !q.help.isEmpty && q.choices.count >= 2)
        }
    }
}
