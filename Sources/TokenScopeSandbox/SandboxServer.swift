import Foundation
import Hummingbird
import Logging
import NIOCore

/// Runs the sandbox authority's HTTP server. One call starts it on 127.0.0.1 (port 0 picks a free
/// port) and returns once it listens; `stop()` shuts it down gracefully.
public final class SandboxServer: Sendable {
    public let authority: SandboxAuthority
    public let port: Int
    public var baseURL: String { authority.baseURL }
    private let task: Task<Void, any Error>

    private init(authority: SandboxAuthority, port: Int, task: Task<Void, any Error>) {
        self.authority = authority
        self.port = port
        self.task = task
    }

    public static func start(_ authority: SandboxAuthority, host: String = "127.0.0.1", port: Int = 0) async throws -> SandboxServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        // While a terminal UI owns the screen nothing may print: the server logs nowhere.
        let logger = Logger(label: "tokenscope.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: SandboxRoutes.router(authority),
            configuration: .init(address: .hostname(host, port: port), serverName: "TokenScope-Sandbox"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            throw SandboxStartError(message: "the sandbox could not listen on \(host):\(port)")
        }
        authority.baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
        return SandboxServer(authority: authority, port: bound, task: task)
    }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Serves until the task is cancelled (Ctrl-C in `sandbox serve`).
    public func wait() async throws {
        try await task.value
    }
}

public struct SandboxStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
