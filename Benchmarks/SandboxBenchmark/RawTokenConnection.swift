import Foundation
import Synchronization

/// One keep-alive HTTP/1.1 connection to the sandbox over a blocking loopback socket, sending the
/// client-credentials request and reading the answer by its Content-Length: the little that `wrk`
/// does per request.
///
/// Why not AsyncHTTPClient: the load generator shares the two CPUs with the server, and every
/// CPU-millisecond it spends per request is one the server cannot sign with. AsyncHTTPClient cost
/// 0.24 ms of CPU per request here, this 0.03 ms, so the figures measure the server rather than its
/// client (`--client ahc` keeps AsyncHTTPClient for comparison).
final class RawTokenConnection {
    private let port: UInt16
    private var socket: Int32 = -1
    private let request: [UInt8]
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    private static let marker = Array("\"access_token\":\"ey".utf8)

    /// `base` is `http://127.0.0.1:PORT` (the only kind of address the benchmark serves on).
    init?(base: String, path: String, body: String) {
        guard let url = URL(string: base), url.scheme == "http", let port = url.port, let host = url.host,
              host == "127.0.0.1" else { return nil }
        self.port = UInt16(port)
        request = Array(("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
    }

    deinit { if socket >= 0 { close(socket) } }

    /// One request: true when the answer is a 200 whose body holds an access token. A failed
    /// exchange closes the socket; the next call reconnects.
    func token() -> Bool {
        if socket < 0, !connect() { return false }
        if let ok = exchange() { return ok }
        close(socket)
        socket = -1
        return false
    }

    private func connect() -> Bool {
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { close(fd); return false }
        socket = fd
        return true
    }

    /// nil when the connection broke (or the answer could not be read), else whether it was a token.
    private func exchange() -> Bool? {
        let sent = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return nil }
        var filled = 0
        var headerEnd: Int? = nil
        var total = Int.max
        while filled < total {
            if filled == buffer.count { return nil }  // larger than any token response
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + filled, $0.count - filled, 0) }
            guard n > 0 else { return nil }
            filled += n
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: buffer, upTo: filled) {
                headerEnd = end + 4
                guard let length = Self.contentLength(buffer[0..<end]) else { return nil }
                total = end + 4 + length
            }
        }
        guard let headerEnd, filled == total else { return nil }
        let ok = buffer.starts(with: Array("HTTP/1.1 200".utf8))
        return ok && Self.find(Self.marker, in: buffer, from: headerEnd, upTo: filled) != nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0, upTo end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= end {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// The Content-Length header's value (case-insensitive name), nil when absent (e.g. chunked).
    private static func contentLength(_ head: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: head, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}

/// Runs `sender` on `threads` OS threads at once (each returns its latencies in ms and its error
/// count) and gathers them into a phase that started at `start`.
func onThreads(_ name: String, threads: Int, start: ContinuousClock.Instant,
               _ sender: @escaping @Sendable () -> (latencies: [Double], errors: Int)) async -> Phase {
    let results = Mutex<[(latencies: [Double], errors: Int)]>([])
    let group = DispatchGroup()
    for _ in 0..<threads {
        group.enter()
        Thread.detachNewThread {
            let result = sender()
            results.withLock { $0.append(result) }
            group.leave()
        }
    }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        group.notify(queue: .global()) { continuation.resume() }
    }
    let parts = results.withLock { $0 }
    var phase = Phase(name: name, seconds: (ContinuousClock.now - start).seconds)
    phase.latencies = parts.flatMap(\.latencies).sorted()
    phase.requests = phase.latencies.count
    phase.errors = parts.reduce(0) { $0 + $1.errors }
    return phase
}

/// `connections` threads, each with its own `RawTokenConnection` and one request in flight, until
/// `requests` are issued or `seconds` pass: the closed loop of the capacity run without an event
/// loop in between.
func rawClosedLoop(_ name: String, base: String, path: String, body: String, connections: Int, requests: Int, seconds: Double) async -> Phase {
    let clock = ContinuousClock(), issued = Counter()
    let start = clock.now, deadline = start + .seconds(seconds)
    return await onThreads(name, threads: connections, start: start) {
        var latencies: [Double] = [], errors = 0
        latencies.reserveCapacity(1 << 14)
        guard let connection = RawTokenConnection(base: base, path: path, body: body) else { return ([], 1) }
        while clock.now < deadline, issued.next() <= requests {
            let t0 = clock.now
            if !connection.token() { errors += 1 }
            latencies.append((clock.now - t0).seconds * 1000)
        }
        return (latencies, errors)
    }
}

/// Requests on a fixed schedule of `rate`/s, sent by `connections` threads with a blocking
/// keep-alive socket each: the thread that is free takes the next scheduled request, waits for its
/// time and sends it. Latency counts from the *scheduled* time, so when every connection is busy
/// (the server stalls) the wait before sending is counted too: no coordinated omission, as long as
/// `connections` exceeds what the rate needs (rate × latency; 32 is 10× that at 3,000/s and 1 ms).
func rawOpenLoop(_ name: String, base: String, path: String, body: String, rate: Double, seconds: Double, connections: Int = 32) async -> Phase {
    let clock = ContinuousClock(), count = max(1, Int(rate * seconds)), next = Counter()
    let start = clock.now + .milliseconds(20)
    return await onThreads(name, threads: connections, start: start) {
        var latencies: [Double] = [], errors = 0
        latencies.reserveCapacity(count / connections + 16)
        let connection = RawTokenConnection(base: base, path: path, body: body)
        while case let i = next.next() - 1, i < count {
            let due = start + .nanoseconds(Int64(Double(i) / rate * 1e9))
            let wait = due - clock.now
            if wait > .zero { usleep(UInt32(max(1, wait.seconds * 1e6))) }
            if !(connection?.token() ?? false) { errors += 1 }
            latencies.append((clock.now - due).seconds * 1000)
        }
        return (latencies, errors)
    }
}
