import ArgumentParser
import Foundation
import TokenScopeCore
import TokenScopeSandbox

/// `tokenscope sandbox scenarios`: the catalogue of reproducible situations, each with the one
/// command that reproduces it against the running sandbox; `--run ID` replays one in-process.
struct SandboxScenariosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the scenarios the sandbox reproduces (happy paths and Entra failures), each with its command.",
        discussion: """
        Commands use curl against the running sandbox (its URL from the state dir, else --base-url) and \
        `tokenscope sandbox mint` for the tokens and assertions they send. --run replays a scenario \
        in-process against a fresh demo sandbox and prints every request and answer; it exits 0 when \
        the scenario ends as documented and 1 when it does not.

        Examples:
          tokenscope sandbox scenarios
          tokenscope sandbox scenarios --json | jq -r '.[] | select(.code==50076) | .command'
          tokenscope sandbox scenarios --run refresh-token-inactive
        """
    )

    @Flag(name: .long, help: "Print a JSON array instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Replay this scenario in-process and print what happened.", valueName: "id"))
    var run: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Sandbox URL for the commands when none is running.", valueName: "url"))
    var baseURL = "http://127.0.0.1:8400"

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("State dir of the sandbox the commands target (default: the XDG location).", valueName: "dir"))
    var stateDir: String?

    func run() async throws {
        if let id = run { return try replay(id) }
        let state = try SandboxStateOptions.parse(stateDir.map { ["--state-dir", $0] } ?? []).stateDirectory()
        let base = state.runningServer()?.url ?? baseURL
        // Tokens must be signed with the target sandbox's key: mint reads the same state dir.
        let mintOptions = stateDir.map { ["--state-dir", URL(fileURLWithPath: $0).standardizedFileURL.path] } ?? []
        let scenarios = ScenarioCatalogue.all
        if json {
            print(JSONWriter.write(.array(scenarios.map { s in
                .object([
                    ("id", .string(s.id)), ("title", .string(s.title)), ("flow", .string(s.flow)),
                    ("code", s.code.map { .number(String($0)) } ?? .null), ("status", .number(String(s.status))),
                    ("explanation", .string(s.explanation)), ("command", .string(s.command(baseURL: base, mintOptions: mintOptions))),
                ])
            })))
            return
        }
        var out = "Scenarios for the sandbox at \(base) (replay one in-process: tokenscope sandbox scenarios --run ID)\n"
        for s in scenarios {
            out += "\n\(s.id)  \(s.code.map { "AADSTS\($0)" } ?? "200 OK")  \(s.title)\n"
            out += "  \(s.explanation)\n"
            out += "  $ \(s.command(baseURL: base, mintOptions: mintOptions))\n"
        }
        print(out, terminator: "")
    }

    private func replay(_ id: String) throws {
        guard let scenario = ScenarioCatalogue.scenario(id: id) else {
            throw InputError("no scenario `\(id)`; `tokenscope sandbox scenarios` lists them")
        }
        let directory = try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>")
        let outcome = try ScenarioRunner.run(scenario, directory: directory, start: Int64(Date().timeIntervalSince1970))
        print("\(scenario.id): \(scenario.title)")
        for step in outcome.steps {
            print("\n> \(step.request)")
            if step.status != 0 { print("< \(step.status) \(step.response)") }
        }
        let expected = scenario.code.map { "AADSTS\($0)" } ?? "success"
        let matches = outcome.matches(scenario)
        print("\n\(matches ? "As documented" : "NOT as documented"): expected \(scenario.status) \(expected), got \(outcome.status)\(outcome.code.map { " AADSTS\($0)" } ?? "").")
        if !matches { throw ExitCode(1) }
    }
}
