@testable import Explorer
import TerminalUI
import Testing
import TokenScopeCore
import TokenScopeTestSupport

@Suite("Explorer update: running exchanges")
struct ExchangeUpdateTests {
    @Test func enterRunsOBOWithTheTokenUntouchedAndTheTenantFromTid() throws {
        var state = Fixture.state()
        _ = Fixture.paste(&state, "Bearer " + Fixture.accessToken)
        let effects = Fixture.keys(&state, .enter)
        let job = ExchangeJob(flow: .onBehalfOf, authorityHost: Fixture.sandboxURL, tenant: TestToken.tenant, clientId: TestToken.middleTier,
                              scopes: ["api://downstream-api/Data.Read"], credential: .secret(Fixture.secret), userAssertion: Fixture.accessToken,
                              expectedAudiences: [TestToken.middleTier])
        #expect(effects == [.runExchange(runID: 1, job: job)])
        #expect(state.runs.count == 1 && state.runs[0].isRunning)
        #expect(state.shownRunID == 1)
        #expect(state.focus == .result)
        #expect(state.isAnimating)
        #expect(!job.description.contains(Fixture.secret))
    }

    @Test func anIDTokenIsRefusedBeforeSendingWithTheReason() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.idToken)
        let effects = Fixture.keys(&state, .enter)
        #expect(effects.isEmpty)
        #expect(state.runs.isEmpty)
        #expect(state.focus == .exchange)
        #expect(state.form.visibleFields[state.formSelection] == .flow)
        #expect(state.status?.kind == .error)
        #expect(state.status?.text.contains("An ID token is pasted") == true)
    }

    @Test func clientCredentialsWithoutDotDefaultIsRefusedBeforeSending() {
        var state = Fixture.state(form: ExchangeForm(flow: .clientCredentials, values: [
            .authority: Fixture.sandboxURL, .tenant: TestToken.tenant, .clientId: TestToken.client, .scopes: "api://downstream-api/Data.Read", .secret: "x",
        ]))
        let effects = Fixture.keys(&state, .function(5))
        #expect(effects.isEmpty)
        #expect(state.form.visibleFields[state.formSelection] == .scopes)
        #expect(state.status?.text.contains(".default") == true)
        state.form[.scopes] = "api://downstream-api/.default"
        #expect(Fixture.keys(&state, .function(5)).count == 1)
    }

    @Test func clientCredentialsOnCommonIsRefused() {
        let state = Fixture.state(form: ExchangeForm(flow: .clientCredentials, values: [
            .authority: Fixture.sandboxURL, .tenant: "common", .clientId: TestToken.client, .scopes: "api://x/.default", .secret: "x",
        ]))
        let issues = FormValidation.issues(state)
        #expect(issues.contains { $0.field == .tenant && $0.severity == .error && $0.message.contains("AADSTS9001023") })
    }

    @Test func aSuccessIsShownWithItsDiffAndTheRefreshTokenPrefillsRefresh() async {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return }
        let result = TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).with("scp", .string("Data.Read")).signed()
        let outcome = await CannedTransport.outcome(for: job, status: 200, body: CannedTransport.tokenResponse(result))
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: outcome))
        let run = state.runs[0]
        #expect(run.finished?.outcome.succeeded == true)
        #expect(run.finishedAt == Fixture.now)
        #expect(!state.isAnimating)
        #expect(state.form[.refreshToken] == "0.AAAA-planted-refresh-token")
        #expect(state.status?.text.hasPrefix("Run 1: token issued") == true)
        let lines = PaneContent.lines(state, .result, width: 100).map { $0.map(\.text).joined() }
        #expect(lines.contains { $0.contains("✔ Token issued") })
        #expect(lines.contains { $0.contains("✔ oid") && $0.contains("same") })
        #expect(lines.contains { $0.contains("aud") && $0.contains("→ \(Fixture.downstream)") })
        #expect(!lines.joined().contains("0.AAAA-planted-refresh-token"))
    }

    @Test func aWrongAudienceRefusalPutsTheAudienceAdviceFirst() async {
        var state = Fixture.state()
        let forDownstream = TestToken.v2AccessToken().with("aud", .string(Fixture.downstream)).signed()
        _ = Fixture.paste(&state, forDownstream)
        // Only a warning: the user may know better, so the run goes ahead.
        #expect(FormValidation.issues(state).contains { $0.field == .expectedAudience && $0.severity == .warning })
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return }
        let outcome = await CannedTransport.outcome(for: job, status: 400, body: CannedTransport.wrongAudienceError)
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: outcome))
        #expect(state.status?.kind == .error)
        #expect(state.status?.text == "Run 1: HTTP 400 invalid_grant AADSTS500131 — advice in pane 4")
        let advice = state.runs[0].finished?.advice ?? []
        #expect(!advice.isEmpty)
        #expect(advice.first?.id == "obo-assertion-for-other-api")
        let result = PaneContent.lines(state, .result, width: 100).map { $0.map(\.text).joined() }
        #expect(result.contains { $0.contains("trace ID") && $0.contains("2f1d7c9e-0000-4a1b-9c8d-7e6f5a4b3c2d") })
        #expect(result.contains { $0.contains("request ID") && $0.contains("req-0000-1111") })
        #expect(Layout.tabLabel(.advice, state) == " 4 Advice (\(advice.count)) ")
    }

    @Test func escCancelsARunAndItsLateResultIsDropped() async {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        guard case let .runExchange(id, job)? = Fixture.keys(&state, .enter).first else { Issue.record("no run"); return }
        #expect(Fixture.keys(&state, .escape) == [.cancelExchange(runID: id)])
        #expect(state.runs[0].status == .cancelled)
        let outcome = await CannedTransport.outcome(for: job, status: 200, body: CannedTransport.tokenResponse(Fixture.accessToken))
        Fixture.send(&state, .exchangeFinished(runID: id, outcome: outcome))
        #expect(state.runs[0].status == .cancelled)
        #expect(state.form[.refreshToken].isEmpty)
    }

    @Test func aSecondRunWaitsForTheFirst() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .enter)
        #expect(Fixture.keys(&state, .function(5)).isEmpty)
        #expect(state.status?.text.contains("still running") == true)
    }

    @Test func progressAndStartFailuresAreShown() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        Fixture.keys(&state, .enter)
        Fixture.send(&state, .exchangeProgress(runID: 1, line: "To sign in, use a web browser to open the page"))
        #expect(state.runs[0].progress == ["To sign in, use a web browser to open the page"])
        Fixture.send(&state, .exchangeFailedToStart(runID: 1, message: "the certificate file /x.pem does not exist."))
        #expect(state.runs[0].status == .failedToStart("the certificate file /x.pem does not exist."))
        #expect(state.status?.kind == .error)
    }

    @Test func f5RunsEvenFromInsideAField() {
        var state = Fixture.state()
        _ = Fixture.paste(&state, Fixture.accessToken)
        state.focus = .exchange
        state.formSelection = state.form.visibleFields.firstIndex(of: .scopes)!
        Fixture.keys(&state, .enter)
        #expect(state.editingField == .scopes)
        let effects = Fixture.keys(&state, .function(5))
        #expect(effects.count == 1)
        #expect(state.editingField == nil)
    }
}
