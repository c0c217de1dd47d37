@testable import Explorer
import Foundation
import TerminalUI
import Testing
@testable import tokenscope
import TokenScopeCore
import TokenScopeSandbox

/// The explorer's samples against its real embedded sandbox: each failure sample is a documented
/// sandbox scenario (same ID) and, loaded and run the way a user does (`s`, Enter, F5), fails with
/// that scenario's AADSTS code — or, when it says so, is refused by the form before sending.
@Suite("Explorer samples: the documented failures, run against the embedded sandbox")
struct SandboxPresetsTests {
    @Test func everyFailureSampleFailsWithItsScenariosCode() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-presets-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sandbox = EmbeddedSandbox(stateDirectory: directory, environment: [:])
        guard case let .sandboxStarted(baseURL, form, presets) = await sandbox.start() else {
            Issue.record("the embedded sandbox did not start")
            return
        }
        let runner = JobRunner(sandbox: sandbox, environment: [:])
        let failures = presets.filter { $0.title.hasPrefix("Fails:") }
        #expect(failures.count == 24)
        #expect(Set(presets.map(\.id)).count == presets.count, "sample IDs are unique")
        var checked: [String] = []
        for preset in failures {
            guard let scenario = ScenarioCatalogue.scenario(id: preset.id), let code = scenario.code else {
                Issue.record("\(preset.id): not a documented failure scenario")
                continue
            }
            if let named = preset.title.firstMatch(of: #/AADSTS(\d+)/#) {
                #expect(Int(named.1) == code, "\(preset.id): the title names the scenario's code")
            }
            var state = AppState(size: Size(columns: 120, rows: 40), target: Target(kind: .sandbox(baseURL: baseURL)), form: form, presets: presets)
            state.now = Int64(Date().timeIntervalSince1970 * 1000)
            OverlayKeys.apply(&state, preset)
            let effects = ExplorerApp.update(&state, .input(.key(.function(5))), now: state.now)
            let job = effects.lazy.compactMap { effect -> ExchangeJob? in
                if case let .runExchange(_, job) = effect { return job }
                return nil
            }.first
            if preset.title.contains("caught before sending") {
                #expect(job == nil, "\(preset.id): the form refuses it")
                #expect(state.status != nil, "\(preset.id): and says why")
                checked.append(preset.id)
                continue
            }
            guard let job else {
                Issue.record("\(preset.id): F5 did not run it (\(state.status?.text ?? "no status"))")
                continue
            }
            switch await runner.run(job, progress: { _ in }) {
            case let .success(outcome):
                if case let .rejected(_, error, _) = outcome.result {
                    #expect(error?.codes.contains(code) == true, "\(preset.id): expected AADSTS\(code), got \(error?.codes ?? [])")
                } else {
                    Issue.record("\(preset.id): expected AADSTS\(code), got \(outcome.result)")
                }
            case let .failure(notSent):
                Issue.record("\(preset.id): not sent: \(notSent.message)")
            }
            checked.append(preset.id)
        }
        #expect(checked.count == failures.count)
        await sandbox.stop()
    }
}
