public import TokenScopeCore
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The live `HTTPTransport`: AsyncHTTPClient with no redirects, bounded timeouts and a bounded
/// body, so a misbehaving server can neither hang nor flood the tool.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let isShutDown = Mutex(false)
    private let requestTimeout: TimeAmount
    private let maxBodyBytes: Int

    public convenience init(connectTimeoutSeconds: Int64 = 5, requestTimeoutSeconds: Int64 = 15, maxBodyBytes: Int = 1 << 20) {
        self.init(tls: nil, proxy: nil, connectTimeoutSeconds: connectTimeoutSeconds, requestTimeoutSeconds: requestTimeoutSeconds, maxBodyBytes: maxBodyBytes)
    }

    /// Also trusts the CA certificates in `additionalTrustRootsPEM` (e.g. the sandbox's local CA),
    /// on top of the system's roots. Throws when the text holds no PEM certificate.
    public convenience init(additionalTrustRootsPEM: String, connectTimeoutSeconds: Int64 = 5, requestTimeoutSeconds: Int64 = 15,
                            maxBodyBytes: Int = 1 << 20) throws {
        try self.init(additionalTrustRootsPEM: additionalTrustRootsPEM, proxy: nil, connectTimeoutSeconds: connectTimeoutSeconds,
                      requestTimeoutSeconds: requestTimeoutSeconds, maxBodyBytes: maxBodyBytes)
    }

    /// The exchange's transport: an optional extra CA (`--ca-file`), an optional HTTP proxy
    /// (chosen by the caller from `HTTPS_PROXY`/`NO_PROXY` for the authority's host).
    public convenience init(additionalTrustRootsPEM: String?, proxy: ProxySettings.Proxy?, connectTimeoutSeconds: Int64,
                            requestTimeoutSeconds: Int64, maxBodyBytes: Int = 1 << 20) throws {
        var tls: TLSConfiguration?
        if let additionalTrustRootsPEM {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(Array(additionalTrustRootsPEM.utf8)))]
            tls = configuration
        }
        self.init(tls: tls, proxy: proxy, connectTimeoutSeconds: connectTimeoutSeconds, requestTimeoutSeconds: requestTimeoutSeconds, maxBodyBytes: maxBodyBytes)
    }

    private init(tls: TLSConfiguration?, proxy: ProxySettings.Proxy?, connectTimeoutSeconds: Int64, requestTimeoutSeconds: Int64, maxBodyBytes: Int) {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(connectTimeoutSeconds), read: .seconds(requestTimeoutSeconds)))
        configuration.httpVersion = .http1Only
        // No hidden retries: by default the pool keeps re-trying a failed connection (refused, DNS,
        // TLS) with backoff until the connect timeout, which turned a refused port or an unknown host
        // into a 10-second wait and 30 DNS queries. RetryPolicy is the only retry policy (and it does
        // not retry those: they will not heal in a second).
        configuration.connectionPool.retryConnectionEstablishment = false
        if let proxy {
            let authorization = proxy.credentials.map { credentials -> HTTPClient.Authorization in
                let parts = credentials.split(separator: ":", maxSplits: 1).map(String.init)
                return .basic(username: parts[0], password: parts.count > 1 ? parts[1] : "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        requestTimeout = .seconds(requestTimeoutSeconds)
        self.maxBodyBytes = maxBodyBytes
    }

    public func send(_ request: TokenScopeCore.HTTPRequest) async throws -> TokenScopeCore.HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        do {
            let response = try await client.execute(outgoing, timeout: requestTimeout)
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return TokenScopeCore.HTTPResponse(status: Int(response.status.code),
                                               headers: response.headers.map { (name: $0.name, value: $0.value) },
                                               body: Array(buffer: body))
        } catch {
            throw Self.classify(error, url: request.url)
        }
    }

    /// Must be called before the transport is released (AsyncHTTPClient requires it).
    public func shutdown() async {
        guard isShutDown.withLock({ done in defer { done = true }; return !done }) else { return }
        try? await client.shutdown()
    }

    /// A transport dropped on an error path without `shutdown()` must not trap in
    /// AsyncHTTPClient's debug check (nor leak its connections). The shutdown runs in a task that
    /// keeps the client alive until it is done; blocking here (`syncShutdown`) could starve the
    /// concurrency pool the caller runs on.
    deinit {
        guard isShutDown.withLock({ !$0 }) else { return }
        let client = self.client
        Task.detached { try? await client.shutdown() }
    }

    static func classify(_ error: any Error, url: String) -> TransportError {
        let text = String(describing: error)
        if let e = error as? HTTPClientError {
            if [.readTimeout, .deadlineExceeded, .connectTimeout, .getConnectionFromPoolTimeout].contains(e) {
                return TransportError(.timeout, "\(url) did not answer in time")
            }
            if e == .remoteConnectionClosed {
                return TransportError(.connection, "\(url) closed the connection before answering")
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(e) || text.contains("unsupportedScheme") {
                return TransportError(.invalidURL, "`\(url)` is not a URL TokenScope can call")
            }
        }
        if error is NIOTooManyBytesError { return TransportError(.tooLarge, "\(url) sent more than the allowed response size") }
        // NIO reports a failed lookup as "DNS error: SocketAddressError.UnknownHost: Name or service not
        // known (error -2) for host …" (glibc's EAI_NONAME text), seen in a real resolution failure test.
        let dnsMarkers = ["NXDOMAIN", "resolve", "getaddrinfo", "lookup", "DNS error", "UnknownHost", "Name or service not known",
                          "nodename nor servname", "Temporary failure in name resolution"]
        if dnsMarkers.contains(where: { text.contains($0) }) {
            return TransportError(.dns, "the host of \(url) could not be resolved")
        }
        if text.contains("SSL") || text.contains("TLS") || text.contains("handshake") || text.contains("CERTIFICATE") {
            return TransportError(.tls, "TLS with \(url) failed (untrusted or invalid certificate)")
        }
        if text.contains("refused") || text.contains("connect") {
            return TransportError(.connection, "could not connect to \(url) (connection refused or unreachable)")
        }
        return TransportError(.other, "\(url): \(text)")
    }
}
