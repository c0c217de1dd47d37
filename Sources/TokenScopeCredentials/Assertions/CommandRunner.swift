import Foundation
import TokenScopeCore

/// Runs a shell command for its standard output, with a deadline.
///
/// The blocking work (pipe reads, waiting) runs on a thread of its own: not on the Swift
/// concurrency pool, and not on Dispatch's global queues either, whose few threads (2 cores in CI)
/// are slow to grow when blocked and would make a 0.5 s deadline fire a second late.
/// The shell starts in a process group of its own (`SpawnedShell`), so a timeout kills the whole
/// group: `sh -c "a | b"` leaves no grandchild holding the pipe open.
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
        let child: SpawnedShell
        do {
            child = try SpawnedShell(command)
        } catch {
            return .notStarted("\(error)")
        }
        // One thread, no blocking call without a bound: poll the two pipes and the deadline, reap
        // the child without waiting. On the deadline the child's whole process group is killed
        // (sh and anything it started); whatever still holds the pipes after that gets one second.
        let deadline = Date().addingTimeInterval(max(0, timeoutSeconds))
        var output: [UInt8] = [], errors: [UInt8] = []
        var open = [child.stdout, child.stderr]
        var status: Int32?
        var timedOut = false
        var giveUp: Date?
        while !open.isEmpty || status == nil {
            if status == nil { status = child.reap() }
            if status != nil, open.isEmpty { break }
            let now = Date()
            if !timedOut, status == nil, now >= deadline {
                timedOut = true
                child.killGroup()
            }
            if (timedOut || status != nil), giveUp == nil { giveUp = now.addingTimeInterval(timedOut ? 1 : 2) }
            if let giveUp, now >= giveUp {
                child.killGroup()
                if status == nil { status = child.reap(blocking: true) }
                break
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), 10)
            for entry in fds where entry.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == child.stdout { output += buffer[0..<count] } else { errors += buffer[0..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        child.closePipes()
        if timedOut { return .timedOut }
        guard let status, status == 0 else {
            let code = status ?? -1
            return .failed(status: code >= 128 ? code - 128 : code, signal: code >= 128,
                           stderr: String(decoding: errors, as: UTF8.self))
        }
        return .output(String(decoding: output, as: UTF8.self))
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
