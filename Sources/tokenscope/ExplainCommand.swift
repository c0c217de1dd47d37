import ArgumentParser
import Foundation
import TokenScopeCore

/// `tokenscope explain`: what a pasted failure means and what most likely caused it; or, with
/// `--choose-flow`, which flow to use. Exit codes (README): 0 explained, 1 nothing recognised,
/// 2 usage error or unreadable input.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a pasted Entra failure: codes, IDs for support, and the most likely causes ranked by evidence.",
        discussion: """
        Paste what you have: an error response, an MSAL exception with its stack trace, an `az` \
        message, a log line, a WWW-Authenticate header, a claims challenge, an IDX error, a token \
        — or just a code (`50013`, `AADSTS50013`). Several errors in one paste are all reported. \
        Nothing is sent anywhere.

        --choose-flow asks which flow fits your app instead (on a terminal), or takes the answers \
        as flags: --caller web-api|daemon|web-app|desktop|device|spa, --user-present, \
        --confidential, --b2c, --long-running, --on-azure (yes or no).

        Exit codes: 0 explained, 1 nothing recognised, 2 usage error or unreadable input.

        Examples:
          tokenscope explain AADSTS50013
          pbpaste | tokenscope explain - --flow obo
          tokenscope explain --file error.txt --json
          tokenscope explain --choose-flow --caller web-api --user-present yes --b2c no --long-running no --on-azure yes
        """
    )

    @Argument(help: ArgumentHelp("The text to explain; `-` reads stdin.", valueName: "text"))
    var text: String?

    @Option(name: .long, help: ArgumentHelp("Read the text from a file.", valueName: "path"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("The flow that failed: obo, client-credentials, auth-code, device-code or refresh. Causes of other flows drop.", valueName: "flow"))
    var flow: String?

    @Option(name: .customLong("expect-audience"), help: ArgumentHelp("Client ID or App ID URI the pasted token should be for (repeatable).", valueName: "aud"))
    var expectAudience: [String] = []

    @Option(name: .long, help: ArgumentHelp("The authority the failing request used (https://host/{tenant}).", valueName: "url"))
    var authority: String?

    @Option(name: .long, help: ArgumentHelp("Judge token times as of this instant (ISO 8601 or Unix seconds).", valueName: "time"))
    var now: String?

    @Flag(name: .long, help: "Print one JSON document (see docs/JSON.md, \"explain\") instead of the report.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never use colour (also when NO_COLOR is set or the output is not a terminal).")
    var noColor = false

    @Flag(name: .customLong("choose-flow"), help: "Which flow do I need? Asks a few questions (or takes the answers below) and recommends a flow and credential.")
    var chooseFlow = false

    @Option(name: .long, help: ArgumentHelp("--choose-flow: who needs the token: web-api, daemon, web-app, desktop, device or spa.", valueName: "caller"))
    var caller: String?

    @Option(name: .customLong("user-present"), help: ArgumentHelp("--choose-flow: each call carries a signed-in user's token (yes/no).", valueName: "yes|no"))
    var userPresent: String?

    @Option(name: .long, help: ArgumentHelp("--choose-flow: the app can keep a credential on a server (yes/no).", valueName: "yes|no"))
    var confidential: String?

    @Option(name: .long, help: ArgumentHelp("--choose-flow: users sign in through Azure AD B2C (yes/no).", valueName: "yes|no"))
    var b2c: String?

    @Option(name: .customLong("long-running"), help: ArgumentHelp("--choose-flow: the work continues after the request ends (yes/no).", valueName: "yes|no"))
    var longRunning: String?

    @Option(name: .customLong("on-azure"), help: ArgumentHelp("--choose-flow: the app runs on Azure (yes/no).", valueName: "yes|no"))
    var onAzure: String?

    var colour: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }

    func run() throws {
        if chooseFlow { return try runChooser() }
        let answersGiven = [caller, userPresent, confidential, b2c, longRunning, onAzure].contains { $0 != nil }
        guard !answersGiven else { throw InputError("--caller, --user-present, --confidential, --b2c, --long-running and --on-azure belong to --choose-flow") }

        let stated = try statedFlow()
        let input = try InputReader.read(argument: text, file: file, env: nil, stdinIsTerminal: isatty(STDIN_FILENO) == 1)
        guard !input.trimmedWhitespace.isEmpty else {
            throw InputError("the input is empty: paste an error message, an error response, a code such as AADSTS50013, or a token")
        }
        let audiences = expectAudience.flatMap { $0.split(separator: ",") }.map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
        let diagnosis = PastedErrorParser.parse(input, now: try nowSeconds(),
                                                options: PasteOptions(flow: stated, expectedAudiences: audiences, authority: authority))
        let advice = Diagnoser.diagnose(diagnosis, flow: stated,
                                        context: DiagnosisContext(authority: authority, expectedAudiences: audiences))
        let flowUsed = stated ?? diagnosis.flowHint?.flow
        let source: ExplainJSON.FlowSource? = stated != nil ? .option : diagnosis.flowHint != nil ? .paste : nil
        if json {
            print(JSONWriter.write(ExplainJSON.document(diagnosis, advice: advice, flow: flowUsed, flowSource: source)))
        } else {
            print(ExplainHumanReport(colour: colour).render(diagnosis, advice: advice, flow: flowUsed, flowSource: source), terminator: "")
        }
        if diagnosis.isEmpty { throw ExitCode(1) }
    }

    private func statedFlow() throws -> KnowledgeFlow? {
        guard let flow else { return nil }
        guard let value = KnowledgeFlow(rawValue: flow.lowercased()), value != .any else {
            throw InputError("--flow `\(flow)` is not a flow: use obo, client-credentials, auth-code, device-code or refresh")
        }
        return value
    }

    private func nowSeconds() throws -> Int64 {
        guard let now else { return Int64(Date().timeIntervalSince1970) }
        guard let parsed = Int64(now) ?? TimeText.parseISO8601(now) else {
            throw InputError("--now `\(now)` is not a time: use ISO 8601 (2026-11-29T10:00:00Z) or Unix seconds")
        }
        return parsed
    }

    // MARK: - Which flow do I need?

    private func runChooser() throws {
        guard text == nil, file == nil else { throw InputError("--choose-flow takes no text to explain") }
        var answers = FlowChooser.Answers()
        let given: [(FlowChooser.QuestionID, String?)] = [
            (.caller, caller), (.userPresent, userPresent), (.confidential, confidential), (.b2c, b2c),
            (.longRunning, longRunning), (.onAzure, onAzure),
        ]
        for (id, value) in given {
            guard let value else { continue }
            do {
                answers = try FlowChooser.answer(id, with: value, to: answers)
            } catch {
                throw InputError("--\(id.rawValue): \(error.description)")
            }
        }
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !json
        while true {
            switch FlowChooser.next(answers) {
            case let .recommendation(recommendation):
                if json {
                    print(JSONWriter.write(ExplainJSON.recommendation(recommendation, answers: answers)))
                } else {
                    print(ExplainHumanReport(colour: colour).render(recommendation), terminator: "")
                }
                return
            case let .question(question):
                guard interactive else {
                    throw InputError("--choose-flow needs an answer for --\(question.id.rawValue) (\(question.choices.map(\.id).joined(separator: ", "))): \(question.text)")
                }
                answers = try ask(question, answers: answers)
            }
        }
    }

    /// Asks on the terminal until the answer is one of the choices (by number or ID).
    private func ask(_ question: FlowChooser.Question, answers: FlowChooser.Answers) throws -> FlowChooser.Answers {
        print("\n" + question.text)
        print("  " + question.help)
        for (n, choice) in question.choices.enumerated() { print("  \(n + 1)) \(choice.label)  [\(choice.id)]") }
        while true {
            print("> ", terminator: "")
            fflush(nil)   // `stdout` by name is not concurrency-safe in Swift 6
            guard let line = readLine() else { throw InputError("no answer (end of input)") }
            let reply = line.trimmedWhitespace
            let value = Int(reply).flatMap { $0 >= 1 && $0 <= question.choices.count ? question.choices[$0 - 1].id : nil } ?? reply
            if let next = try? FlowChooser.answer(question.id, with: value, to: answers) { return next }
            print("  Please answer with a number or one of: \(question.choices.map(\.id).joined(separator: ", "))")
        }
    }
}
