import Foundation
import Testing

/// A `tokenscope` process the test talks to while it runs: it reads stderr as it arrives (to catch
/// a sign-in URL or a device code), can send SIGINT, and collects everything at the end.
final class InteractiveProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var errText = ""
    private var outData = Data()
    private let input = Pipe()

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
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock(); self.errText += String(decoding: data, as: UTF8.self); self.lock.unlock()
        }
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock(); self.outData.append(data); self.lock.unlock()
        }
        try process.run()
    }

    var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }
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

    func write(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func interrupt() { process.interrupt() }

    /// Waits for the exit and returns the status (with the rest of the output collected).
    func finish(timeout: Double = 30) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
        guard !process.isRunning else { process.terminate(); return nil }
        try? await Task.sleep(nanoseconds: 100_000_000)   // let the pipes drain
        return process.terminationStatus
    }
}

/// The first line of `text` that starts (after spaces) with `prefix`.
func line(in text: String, startingWith prefix: String) -> String? {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(prefix) }
}
