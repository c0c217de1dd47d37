import Foundation
import Synchronization
import TokenScopeCore

/// Runs a shell command for its standard output, with a deadline.
///
/// The blocking work (pipe reads, waiting) runs on threads of its own: not on the Swift
/// concurrency pool, and not on Dispatch's global queues either, whose few threads (2 cores in CI)
/// are slow to grow when blocked and would make a 0.5 s deadline fire a second late.
/// Foundation starts the child in its own process group, so a timeout kills the whole group:
/// `sh -c "a | b"` leaves no grandchild holding the pipe open.
enum CommandRunner {
    static func run(_ command: String, program: String, timeoutSeconds: Double) async throws(ExchangeInputError) -> String {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            Thread.detachNewThread { continuation.resume(returning: runBlocking(command, timeoutSeconds: timeoutSeconds)) }
        }
        switch outcome {
        case let .output(text):
            let value = text.trimmedWhitespace
            guard !value.isEmpty else {
                throw ExchangeInputError("assertion-command-empty", field: "--client-assertion-cmd",
                                         "the command \(program) printed nothing on standard output.",
                                         fix: "Run it yourself and check that it prints the token (and nothing else) on standard output.")
            }
            return value
        case let .failed(status, signal, stderr):
            let how = signal ? "was ended by signal \(status)" : "exited with status \(status)"
            let detail = firstLine(stderr).map { ": \($0)" } ?? ""
            throw ExchangeInputError("assertion-command-failed", field: "--client-assertion-cmd",
                                     "the command \(program) \(how)\(detail).",
                                     fix: "Run it yourself to see the whole error; it must exit 0 and print the token on standard output.")
        case .timedOut:
            throw ExchangeInputError("assertion-command-timeout", field: "--client-assertion-cmd",
                                     "the command \(program) did not finish within \(seconds(timeoutSeconds)); it was stopped.",
                                     fix: "Check that it does not wait for input (it gets no standard input) or for a slow network.")
        case let .notStarted(reason):
            throw ExchangeInputError("assertion-command-failed", field: "--client-assertion-cmd",
                                     "the command \(program) could not be started (\(TerminalSafe.escape(reason))).",
                                     fix: "Check that /bin/sh exists and that the command runs in a shell.")
        }
    }

    enum Outcome: Sendable {
        case output(String)
        case failed(status: Int32, signal: Bool, stderr: String)
        case timedOut
        case notStarted(String)
    }

    private static func runBlocking(_ command: String, timeoutSeconds: Double) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        // No standard input: a command that prompts must fail fast, not hang, and must not eat
        // a token piped into TokenScope.
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            return .notStarted(error.localizedDescription)
        }
        let pid = process.processIdentifier
        let outputText = Collected()
        let errorText = Collected()
        let readers = DispatchGroup()
        for (pipe, text) in [(stdout, outputText), (stderr, errorText)] {
            readers.enter()
            Thread.detachNewThread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                text.data.withLock { $0 = data }
                readers.leave()
            }
        }
        // Polled rather than a timer: exact enough (10 ms), and needs no other thread.
        let deadline = Date().addingTimeInterval(max(0, timeoutSeconds))
        var timedOut = false
        while process.isRunning {
            if Date() >= deadline {
                timedOut = true
                // The group first (sh and anything it started), then the child itself in case it
                // is not a group leader.
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        // The pipes close when the last process holding them ends. Something the command left
        // running in its group (`cmd &`) is stopped so it cannot keep the token request waiting.
        if readers.wait(timeout: .now() + 2) == .timedOut {
            kill(-pid, SIGKILL)
            _ = readers.wait(timeout: .now() + 1)
        }
        let output = outputText.data.withLock { $0 }
        if timedOut { return .timedOut }
        let status = process.terminationStatus
        guard process.terminationReason == .exit, status == 0 else {
            return .failed(status: status, signal: process.terminationReason == .uncaughtSignal,
                           stderr: String(decoding: errorText.data.withLock { $0 }, as: UTF8.self))
        }
        return .output(String(decoding: output, as: UTF8.self))
    }

    /// What one reader thread collected from its pipe.
    private final class Collected: Sendable {
        let data = Mutex(Data())
    }

    /// The first non-empty line, made terminal-safe and kept short.
    private static func firstLine(_ text: String) -> String? {
        guard let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmedWhitespace }).first(where: { !$0.isEmpty }) else { return nil }
        let short = line.count > 200 ? String(line.prefix(200)) + "…" : line
        return TerminalSafe.escape(short)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
