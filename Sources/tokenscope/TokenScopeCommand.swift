import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import TokenScopeCore

/// The `tokenscope` root command. Exit codes are a public contract (README, "Exit codes"):
/// 0 no error findings, 1 error findings, 2 usage or unreadable input.
@main
struct TokenScopeCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tokenscope",
        abstract: "Inspect Microsoft Entra ID tokens and explain what is wrong with them.",
        discussion: """
        Paste what you have (a token, a Bearer header, a token response, a curl line) and get the \
        truth about it: every claim explained, and findings for the job at hand.

        With no arguments it opens the terminal explorer on the embedded sandbox.

        Examples:
          tokenscope
          tokenscope decode --sample
          tokenscope decode eyJ0eXAiOiJKV1Qi...
          pbpaste | tokenscope decode - --flow obo --expect-audience api://middle-tier
          tokenscope decode --file response.json --json
          tokenscope decode --env ACCESS_TOKEN --verify
          tokenscope sandbox serve --tls
          tokenscope sandbox scenarios
        """,
        version: version,
        subcommands: [ExploreCommand.self, DecodeCommand.self, ExchangeCommand.self, ExplainCommand.self, SandboxCommand.self],
        defaultSubcommand: ExploreCommand.self
    )

    static func main() async {
        ProcessHardening.disableCoreDumps()
        if Array(CommandLine.arguments.dropFirst().prefix(2)) == ["sandbox", "serve"] {
            // A standalone server: Swift concurrency's jobs run on the event loops that do the
            // I/O, instead of hopping between them and the concurrency pool for every request
            // (measured: the sandbox's token rate rises by a fifth on 2 cores; docs/PERFORMANCE.md).
            // Only here: the explorer and the other commands keep the default executor.
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Help and version exit 0; our own `ExitCode`s pass through; every other error is a usage
    /// error (2) with argument-parser's message, never a stack trace.
    static func exit(with error: any Error) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        if let input = error as? InputError {
            // The message may quote the user's files (a directory or theme YAML line, a path):
            // escape control characters line by line, so nothing from a file reaches the terminal raw.
            let safe = input.message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalSafe.escape(String($0)) }
            FileHandle.standardError.write(Data("tokenscope: \(safe.joined(separator: "\n"))\n".utf8))
            Foundation.exit(2)
        }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            print(message)
            Foundation.exit(0)
        }
        FileHandle.standardError.write(Data((message.isEmpty ? "tokenscope: \(error)" : message).utf8 + [0x0A]))
        Foundation.exit(2)
    }
}

/// A problem with what the user gave us: said plainly, exit code 2.
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
