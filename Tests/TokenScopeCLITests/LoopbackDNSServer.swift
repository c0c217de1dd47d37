import Foundation
import Glibc
import Synchronization

/// A DNS server on 127.0.0.1:53 (UDP) that answers every query NXDOMAIN, as a resolver does for a
/// `.invalid` name (RFC 6761), and records the names it was asked for.
///
/// Why: a test of a real name-resolution failure must not send a packet anywhere but loopback. The
/// test runs `tokenscope` with its own `/etc/resolv.conf` (a private mount namespace) naming this
/// server, so the C library's resolver really resolves, really fails, and never leaves the machine.
final class LoopbackDNSServer: Sendable {
    private let socket: Int32
    private let names = Mutex<[String]>([])
    private let stopped = Atomic<Bool>(false)

    /// The query names seen so far (lower case, no trailing dot).
    var queries: [String] { names.withLock { $0 } }

    /// nil when 127.0.0.1:53 cannot be bound (not root, or a resolver already listens there).
    init?() {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(53).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); return nil }
        // A receive timeout lets the thread notice `stop()`.
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        socket = fd
        Thread.detachNewThread { [self] in serve() }
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    deinit { close(socket) }

    private func serve() {
        var buffer = [UInt8](repeating: 0, count: 512)
        while !stopped.load(ordering: .relaxed) {
            var peer = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let n = withUnsafeMutablePointer(to: &peer) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(socket, &buffer, buffer.count, 0, $0, &length) }
            }
            guard n >= 12 else { continue }
            let query = Array(buffer[0..<n])
            if let name = Self.questionName(query) { names.withLock { $0.append(name) } }
            var answer = query
            // Header: same ID; QR=1, opcode and RD copied, RA=1, RCODE=3 (NXDOMAIN); the question
            // kept, no answer, authority or additional records.
            answer[2] = 0x80 | (query[2] & 0x79)
            answer[3] = 0x80 | 0x03
            answer[6] = 0; answer[7] = 0; answer[8] = 0; answer[9] = 0; answer[10] = 0; answer[11] = 0
            if let end = Self.questionEnd(query) { answer = Array(answer[0..<end]) }
            _ = withUnsafePointer(to: &peer) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(socket, answer, answer.count, 0, $0, length) }
            }
        }
    }

    /// The first question's name, e.g. `login.tokenscope.invalid`.
    static func questionName(_ packet: [UInt8]) -> String? {
        var labels: [String] = []
        var i = 12
        while i < packet.count {
            let length = Int(packet[i])
            if length == 0 { return labels.joined(separator: ".").lowercased() }
            guard length < 64, i + 1 + length <= packet.count else { return nil }
            labels.append(String(decoding: packet[(i + 1)..<(i + 1 + length)], as: UTF8.self))
            i += 1 + length
        }
        return nil
    }

    /// Where the first question (name, type, class) ends.
    static func questionEnd(_ packet: [UInt8]) -> Int? {
        var i = 12
        while i < packet.count {
            let length = Int(packet[i])
            if length == 0 { return i + 5 <= packet.count ? i + 5 : nil }
            i += 1 + length
        }
        return nil
    }
}
