import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for tests that need real HTTP
/// (discovery, JWKS, later token endpoints) without touching any other address. It answers
/// from a route table and records every request it receives.
public final class LoopbackHTTPServer: Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: Int = 200, headers: [(String, String)] = [("Content-Type", "application/json")], body: String) {
            self.status = status
            self.headers = headers
            self.body = Array(body.utf8)
        }
    }

    public struct Received: Sendable {
        public let method: String
        public let path: String
        public let headers: [(String, String)]
        public let body: [UInt8]
    }

    private let routes = Mutex<[String: Reply]>([:])
    private let log = Mutex<[Received]>([])
    private let channel: any Channel
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public static func start() async throws -> LoopbackHTTPServer {
        let server = LoopbackHTTPServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(box: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let instance = LoopbackHTTPServer(channel: channel, port: channel.localAddress?.port ?? 0)
        server.server.withLock { $0 = instance }
        return instance
    }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Answers `path` (exact, without query) with `reply`.
    public func route(_ path: String, _ reply: Reply) {
        routes.withLock { $0[path] = reply }
    }

    public var requests: [Received] { log.withLock { $0 } }

    public func stop() async {
        try? await channel.close()
    }

    fileprivate func respond(to request: Received) -> Reply {
        log.withLock { $0.append(request) }
        let path = String(request.path.split(separator: "?", maxSplits: 1).first ?? "")
        return routes.withLock { $0[path] } ?? Reply(status: 404, body: "{\"error\":\"not_found\"}")
    }
}

/// Lets the channel handlers reach the server object created after the bind.
private final class LoopbackHTTPServerBox: Sendable {
    let server = Mutex<LoopbackHTTPServer?>(nil)
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let box: LoopbackHTTPServerBox
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(box: LoopbackHTTPServerBox) { self.box = box }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(h):
            head = h
            body = []
        case let .body(buffer):
            body += Array(buffer.readableBytesView)
        case .end:
            guard let head, let server = box.server.withLock({ $0 }) else { return }
            let reply = server.respond(to: .init(method: head.method.rawValue, path: head.uri,
                                                  headers: head.headers.map { ($0.name, $0.value) }, body: body))
            var headers = HTTPHeaders(reply.headers)
            headers.replaceOrAdd(name: "Content-Length", value: String(reply.body.count))
            let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            self.head = nil
        }
    }
}
