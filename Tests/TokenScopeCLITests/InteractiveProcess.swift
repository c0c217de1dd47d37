import Foundation
import Testing

/// A `tokenscope` process the test talks to while it runs: it reads stderr as it arrives (to catch
/// a sign-in URL or a device code), can send SIGINT, and collects everything at the end.
final class InteractiveProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var errData = Data()
    private var outData = Data()
    private let input = Pipe()
    private let readers = DispatchGroup()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "DISPLAY")
        env.removeValue(forKey: "WAYLAND_DISPLAY")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        // One reading thread per pipe until end of file: stderr as it arrives (the test waits on
        // it), stdout in full. `finish` waits for both to end, so nothing is cut short.
        for (handle, isErr) in [(err.fileHandleForReading, true), (out.fileHandleForReading, false)] {
            readers.enter()
            Thread.detachNewThread { [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    lock.lock()
                    if isErr { errData.append(data) } else { outData.append(data) }
                    lock.unlock()
                }
                readers.leave()
            }
        }
        try process.run()
    }

    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errData, as: UTF8.self) }
    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outData, as: UTF8.self) }

    /// Waits (polling, off the concurrency pool's critical path) until stderr matches `predicate`.
    func waitForStderr(timeout: Double = 20, _ predicate: (String) -> Bool) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = stderr
            if predicate(text) { return text }
            if !process.isRunning { return predicate(stderr) ? stderr : nil }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return nil
    }

    /// The same for stdout (a banner printed when the process is ready).
    func waitForStdout(timeout: Double = 20, _ predicate: (String) -> Bool) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = stdout
            if predicate(text) { return text }
            if !process.isRunning { return predicate(stdout) ? stdout : nil }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return nil
    }

    func write(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func interrupt() { process.interrupt() }

    var pid: Int32 { process.processIdentifier }

    /// Waits for the exit and returns the status (with the rest of the output collected).
    func finish(timeout: Double = 30) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
        guard !process.isRunning else { process.terminate(); return nil }
        // Both pipes reach end of file once the process is gone; wait for the readers to drain them.
        while readers.wait(timeout: .now()) == .timedOut, Date() < deadline + 10 { try? await Task.sleep(nanoseconds: 20_000_000) }
        return process.terminationStatus
    }
}

/// The first line of `text` that starts (after spaces) with `prefix`.
func line(in text: String, startingWith prefix: String) -> String? {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(prefix) }
}
