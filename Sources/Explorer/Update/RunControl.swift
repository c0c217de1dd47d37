import TokenScopeCore

extension ExplorerApp {
    /// Enter / F5: validate the form, then hand the job to the shell. A validation error keeps the
    /// user on the form with the field selected and the reason in the status bar.
    static func run(_ state: inout AppState) -> [Effect] {
        if let running = state.runningRun {
            state.status = StatusLine("Run \(running.id) is still running: Esc cancels it", kind: .error)
            return []
        }
        if state.editingField != nil { state.editingField = nil }
        state.token.editing = false
        let issues = FormValidation.issues(state)
        if let first = issues.first(where: { $0.severity == .error }) {
            GlobalKeys.focus(&state, .exchange)
            if let row = state.form.visibleFields.firstIndex(of: first.field) { state.formSelection = row }
            state.status = StatusLine("Not sent — \(first.message)", kind: .error)
            return []
        }
        let job = RunControl.job(state)
        let id = state.nextRunID
        state.nextRunID += 1
        state.runs.append(RunRecord(id: id, job: job, startedAt: state.now, status: .running))
        state.shownRunID = id
        state.offsets[.result] = 0
        state.offsets[.advice] = 0
        state.offsets[.trace] = 0
        GlobalKeys.focus(&state, .result)
        return [.runExchange(runID: id, job: job)]
    }

    /// The outcome arrives: diagnose it (pure), keep it in the history, show it. A result for a run
    /// the user cancelled is dropped: they asked not to see it.
    static func finish(_ state: inout AppState, runID: Int, outcome: ExchangeOutcome) {
        guard let run = state.runs.first(where: { $0.id == runID }), run.isRunning else { return }
        let context = DiagnosisContext(authority: outcome.authorityURL, expectedAudiences: run.job.expectedAudiences, clientId: run.job.clientId)
        let advice = Diagnoser.diagnose(outcome, context: context)
        let now = state.now
        state.updateRun(runID) {
            $0.status = .finished(FinishedRun(runID: runID, outcome: outcome, advice: advice))
            $0.finishedAt = now
        }
        // A refresh token from this run pre-fills the refresh flow (masked; never shown unasked).
        if case let .success(response) = outcome.result, let refresh = response.refreshToken {
            state.form[.refreshToken] = refresh
        }
        if state.shownRunID == runID {
            state.status = outcome.succeeded
                ? StatusLine("Run \(runID): token issued in \(outcome.elapsedMilliseconds) ms")
                : StatusLine("Run \(runID): \(RunText.failureHeadline(outcome)) — advice in pane 4", kind: .error)
        }
    }
}

enum RunControl {
    static func cancel(_ state: inout AppState, _ id: Int) -> [Effect] {
        let now = state.now
        state.updateRun(id) {
            $0.status = .cancelled
            $0.finishedAt = now
        }
        state.status = StatusLine("Run \(id) cancelled")
        return [.cancelExchange(runID: id)]
    }

    /// The form as a job. Validation has passed, so required values are present.
    static func job(_ state: AppState) -> ExchangeJob {
        let form = state.form
        let token = state.token.inspected?.reports.first
        var tenant = form.value(.tenant)
        if tenant.isEmpty, form.flow == .onBehalfOf { tenant = token?.claimString("tid") ?? token?.issuer?.tenant ?? "" }
        let credential: ExchangeJob.Credential
        switch form.credential {
        case .secret: credential = .secret(form.value(.secret))
        case .certificate:
            credential = .certificate(path: form.value(.certificate), keyPath: form.value(.key).nonEmpty, password: form[.password].nonEmpty)
        case .assertion: credential = .assertion(form.value(.assertion))
        case .none: credential = .none
        }
        return ExchangeJob(
            flow: form.flow, authorityHost: form.value(.authority), tenant: tenant, clientId: form.value(.clientId).lowercased(),
            scopes: form.value(.scopes).split(separator: " ").map(String.init), credential: credential,
            // The assertion goes out exactly as extracted: OBO must not alter the user's token.
            userAssertion: form.flow == .onBehalfOf ? token?.token.raw : nil,
            refreshToken: form.flow == .refresh ? form.value(.refreshToken) : nil,
            redirectURI: form.flow == .authCode ? form.value(.redirectURI).nonEmpty : nil,
            loginHint: form.flow == .authCode ? form.value(.loginHint).nonEmpty : nil,
            expectedAudiences: form.value(.expectedAudience).split(separator: " ").map(String.init))
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension TokenReport {
    func claimString(_ name: String) -> String? {
        guard let claim = claims.first(where: { $0.name == name }), case let .string(value) = claim.value else { return nil }
        return value
    }
}
