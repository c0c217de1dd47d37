import NIOCore
import TokenScopeCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The one-shot HTTP listener that receives the authorization code flow's redirect on
/// `http://localhost:PORT/` (what MSAL's interactive flows use). It binds 127.0.0.1 only; the
/// first request to `path` that carries `code` or `error` (a GET's query, or a `form_post` body)
/// is delivered to `waitForRedirect`, answered with a fixed page that reflects nothing, and the
/// listener stops listening. Other paths (favicon) get 404.
public final class LoopbackRedirectListener: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing arrived within the time given.
        case timedOut(seconds: Double)
        /// `close()` was called before a redirect arrived.
        case closed
        /// `start` was asked to listen on an address that is not loopback.
        case notLoopback(String)

        public var description: String {
            switch self {
            case let .timedOut(seconds): return "no sign-in response reached the redirect listener within \(Int(seconds)) s"
            case .closed: return "the redirect listener was closed before a sign-in response arrived"
            case let .notLoopback(host): return "the redirect listener only listens on loopback addresses, not \(host)"
            }
        }
    }

    fileprivate struct State {
        var received: String?
        var closed = false
        var waiters: [Int: CheckedContinuation<String, any Error>] = [:]
        var nextWaiter = 0
    }

    private let channel: any Channel
    private let box: ListenerBox
    fileprivate let state = Mutex(State())
    public let port: Int
    /// The path the redirect must arrive on (default `/`).
    public let path: String
    /// Bodies larger than this (a form_post is a few KiB) are refused.
    static let maxBodyBytes = 64 * 1024

    /// `http://localhost:PORT/` (with `path`): the redirect URI to send. Entra (and the sandbox)
    /// match a registered `http://localhost` on any port; browsers reach 127.0.0.1 for `localhost`.
    public var redirectURI: String { "http://localhost:\(port)\(path)" }

    /// Starts listening on `host` (a loopback address: `127.0.0.1`, `::1`; anything else throws
    /// `Failure.notLoopback`) and `port` (0: a free one).
    public static func start(host: String = "127.0.0.1", port: Int = 0, path: String = "/") async throws -> LoopbackRedirectListener {
        // The code must never be readable from another machine.
        guard AuthorityRules.isLoopback(host), host.lowercased() != "localhost" else { throw Failure.notLoopback(host) }
        let normalizedPath = path.hasPrefix("/") ? path : "/" + path
        let box = ListenerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                box.track(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RedirectHandler(box: box, path: normalizedPath))
                }
            }
            .bind(host: host, port: port).get()
        let listener = LoopbackRedirectListener(channel: channel, box: box, port: channel.localAddress?.port ?? port, path: normalizedPath)
        box.listener.withLock { $0 = listener }
        return listener
    }

    private init(channel: any Channel, box: ListenerBox, port: Int, path: String) {
        self.channel = channel
        self.box = box
        self.port = port
        self.path = path
    }

    /// The redirect's parameters: the query string of a GET, or the body of a `form_post`
    /// (feed it to `RedirectParser.parse`). Returns at once when it already arrived. Throws
    /// `Failure.timedOut`, `Failure.closed`, or `CancellationError` when the task is cancelled.
    public func waitForRedirect(timeoutSeconds: Double) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await self.nextRedirect() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(min(max(0, timeoutSeconds), 31_536_000) * 1_000_000_000))
                throw Failure.timedOut(seconds: timeoutSeconds)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw Failure.closed }
            return first
        }
    }

    private func nextRedirect() async throws -> String {
        let id = state.withLock { s in defer { s.nextWaiter += 1 }; return s.nextWaiter }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                let ready: Result<String, any Error>? = state.withLock { s in
                    if let received = s.received { return .success(received) }
                    if s.closed { return .failure(Failure.closed) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    s.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    /// Stops listening and closes the connections still open (a browser's keep-alive); a pending
    /// `waitForRedirect` throws `Failure.closed`.
    public func close() async {
        let waiters = state.withLock { s in
            s.closed = true
            defer { s.waiters = [:] }
            return s.received == nil ? Array(s.waiters.values) : []
        }
        for waiter in waiters { waiter.resume(throwing: Failure.closed) }
        try? await channel.close()
        for connection in box.openConnections() { try? await connection.close() }
    }

    /// Records the first redirect; false when one was already delivered (the listener is one-shot).
    fileprivate func deliver(_ parameters: String) -> Bool {
        let waiters: [CheckedContinuation<String, any Error>]? = state.withLock { s in
            guard s.received == nil, !s.closed else { return nil }
            s.received = parameters
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume(returning: parameters) }
        return true
    }

    /// Stops accepting connections (after the redirect's page is sent).
    fileprivate func stopListening() {
        channel.close(promise: nil)
    }

    static let donePage = page(title: "Sign-in complete", text: "The sign-in response reached TokenScope. You can close this window and return to the terminal.")
    static let waitingPage = page(title: "TokenScope", text: "This address receives the sign-in response; this request did not carry one. Return to the terminal.")

    static func page(title: String, text: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head>
        <body style="font-family: sans-serif; margin: 3em;"><h1>\(title)</h1><p>\(text)</p></body></html>

        """
    }
}

/// Lets the channel handlers reach the listener created after the bind.
/// Also tracks the accepted connections, so `close()` can end them.
private final class ListenerBox: Sendable {
    let listener = Mutex<LoopbackRedirectListener?>(nil)
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

    func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.connections.withLock { $0.removeValue(forKey: id) }
        }
    }

    func openConnections() -> [any Channel] {
        connections.withLock { Array($0.values) }
    }
}

private final class RedirectHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let box: ListenerBox
    private let path: String
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false

    init(box: ListenerBox, path: String) {
        self.box = box
        self.path = path
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(h):
            head = h
            body = []
            tooLarge = false
        case let .body(buffer):
            if body.count + buffer.readableBytes > LoopbackRedirectListener.maxBodyBytes {
                tooLarge = true
            } else {
                body += buffer.readableBytesView
            }
        case .end:
            guard let head else { return }
            self.head = nil
            handle(head, context: context)
        }
    }

    private func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let target = head.uri
        let requestPath = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard requestPath == path else {
            return respond(context, status: .notFound, html: LoopbackRedirectListener.page(title: "Not found", text: "Nothing here."), close: false)
        }
        guard Self.isLoopbackHost(head.headers.first(name: "host")) else {
            return respond(context, status: .badRequest, html: LoopbackRedirectListener.page(title: "Bad request", text: "Unexpected host."), close: false)
        }
        let parameters: String
        switch head.method {
        case .GET:
            guard let q = target.firstIndex(of: "?") else {
                return respond(context, status: .badRequest, html: LoopbackRedirectListener.waitingPage, close: false)
            }
            // A fragment never reaches a server; drop one a client sent anyway.
            parameters = String(target[target.index(after: q)...].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        case .POST:
            guard !tooLarge else {
                return respond(context, status: .payloadTooLarge, html: LoopbackRedirectListener.page(title: "Too large", text: "The request body is too large."), close: false)
            }
            parameters = String(decoding: body, as: UTF8.self)
        default:
            return respond(context, status: .methodNotAllowed, html: LoopbackRedirectListener.waitingPage, close: false)
        }
        guard Self.carriesResponse(parameters) else {
            return respond(context, status: .badRequest, html: LoopbackRedirectListener.waitingPage, close: false)
        }
        guard let listener = box.listener.withLock({ $0 }), listener.deliver(parameters) else {
            return respond(context, status: .gone, html: LoopbackRedirectListener.page(title: "Already received", text: "TokenScope already received a sign-in response. Return to the terminal."), close: true)
        }
        respond(context, status: .ok, html: LoopbackRedirectListener.donePage, close: true)
        listener.stopListening()
    }

    /// `code=` or `error=` among the form pairs.
    static func carriesResponse(_ parameters: String) -> Bool {
        parameters.split(separator: "&").contains { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return name == "code" || name == "error"
        }
    }

    /// No Host (HTTP/1.0), or localhost / 127.x / [::1] with any port: a page on another origin
    /// that resolves its own name to 127.0.0.1 (DNS rebinding) is not served.
    static func isLoopbackHost(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return true }
        let name: Substring
        if host.hasPrefix("[") {
            name = host.split(separator: "]", maxSplits: 1).first.map { $0 + "]" } ?? Substring(host)
        } else {
            name = host.split(separator: ":", maxSplits: 1).first ?? Substring(host)
        }
        return name == "localhost" || name == "[::1]" || name.hasPrefix("127.")
    }

    private func respond(_ context: ChannelHandlerContext, status: HTTPResponseStatus, html: String, close: Bool) {
        let bytes = Array(html.utf8)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        headers.add(name: "Content-Length", value: String(bytes.count))
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Referrer-Policy", value: "no-referrer")
        headers.add(name: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        if close { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
        if close {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
