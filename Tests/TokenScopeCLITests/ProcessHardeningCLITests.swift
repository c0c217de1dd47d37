import Foundation
import Testing

/// A crash of a process holding secrets must not leave them in a core file.
@Suite("CLI: process hardening")
struct ProcessHardeningCLITests {
    @Test func coreDumpsAreOffWhileTokenscopeRuns() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ts-core-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let serve = try InteractiveProcess(["sandbox", "serve", "--port", "0", "--state-dir", state])
        // The limits are set before anything else, so by the banner they are in place.
        let started = await serve.waitForStdout(timeout: 90) { $0.contains("http://127.0.0.1:") }
        let limits = (try? String(contentsOfFile: "/proc/\(serve.pid)/limits", encoding: .utf8)) ?? ""
        serve.interrupt()
        _ = await serve.finish()
        #expect(started != nil, "the sandbox did not start: \(serve.stderr)")
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
        #expect(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"], "\(line)")
    }
}
