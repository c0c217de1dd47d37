import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// Runs the sandbox authority's HTTP(S) server. One call starts it (port 0 picks a free port) and
/// returns once it listens; `stop()` shuts it down gracefully. The routes sit behind the control
/// layer (admin endpoints, fault injection), so every caller (CLI, TUI, tests) gets the same server.
public final class SandboxServer: Sendable {
    public let authority: SandboxAuthority
    public let port: Int
    /// Faults armed per client; the `/_sandbox/faults` endpoint edits the same rules.
    public let faults: FaultRules
    /// The TLS material served, nil for plain HTTP.
    public let tls: TLSMaterial?
    public var baseURL: String { authority.baseURL }
    private let task: Task<Void, any Error>

    private init(authority: SandboxAuthority, port: Int, faults: FaultRules, tls: TLSMaterial?, task: Task<Void, any Error>) {
        self.authority = authority
        self.port = port
        self.faults = faults
        self.tls = tls
        self.task = task
    }

    /// - Parameters:
    ///   - host: the address to bind; the base URL names it (wildcards are named as 127.0.0.1).
    ///   - tls: serve HTTPS with this material (see `LocalCertificateAuthority.material`); the base
    ///     URL becomes `https://...`.
    public static func start(_ authority: SandboxAuthority, host: String = "127.0.0.1", port: Int = 0, tls: TLSMaterial? = nil) async throws -> SandboxServer {
        let faults = FaultRules()
        let responder = ControlResponder(inner: SandboxRoutes.router(authority).buildResponder(), authority: authority, faults: faults)
        let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: try configuration($0)) } ?? .http1()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let failure = Mutex<(any Error)?>(nil)
        let app = Application(
            responder: responder, server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "TokenScope-Sandbox"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            // While a terminal UI owns the screen nothing may print: the server logs nowhere.
            logger: Logger(label: "tokenscope.sandbox", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task {
            // Finishing the stream when run() ends, whatever the reason, means a failed bind
            // (port in use) is reported instead of waiting forever for a port.
            defer { continuation.finish() }
            do {
                try await app.run()
            } catch {
                failure.withLock { $0 = error }
                throw error
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            let reason = failure.withLock { $0 }.map { ": \($0)" } ?? ""
            throw SandboxStartError(message: "the sandbox could not listen on \(host):\(port)\(reason)")
        }
        let named = ["0.0.0.0", "::", "[::]"].contains(host) ? "127.0.0.1" : host
        authority.baseURL = "\(tls == nil ? "http" : "https")://\(named.contains(":") ? "[\(named)]" : named):\(bound)"
        return SandboxServer(authority: authority, port: bound, faults: faults, tls: tls, task: task)
    }

    static func configuration(_ material: TLSMaterial) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(material.certificatePEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(material.privateKeyPEM.utf8), format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Serves until `stop()` (Ctrl-C in `sandbox serve`).
    public func wait() async throws {
        try await task.value
    }
}

public struct SandboxStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
