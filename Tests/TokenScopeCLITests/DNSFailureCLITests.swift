import Foundation
import Testing
import TokenScopeCore

/// Issue 7's "DNS failure of a non-existent `.invalid` host", for real: `tokenscope exchange` runs in
/// a private mount namespace whose `/etc/resolv.conf` names a DNS server on 127.0.0.1 that answers
/// NXDOMAIN, so the C library's resolver genuinely fails without a packet leaving the machine.
/// Needs root (a mount namespace, port 53); CI and this project's machine run as root.
@Suite("CLI: a real DNS failure", .serialized)
struct DNSFailureCLITests {
    static let canIsolateResolver: Bool = {
        geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
    }()

    @Test("An unresolvable .invalid host: exit 3, named as a DNS failure, in bounded time, nothing retried",
          .enabled(if: canIsolateResolver, "needs root for a private /etc/resolv.conf"))
    func unresolvableHost() async throws {
        let dns = try #require(LoopbackDNSServer(), "cannot listen on 127.0.0.1:53")
        defer { dns.stop() }
        let resolvConf = try CLIRunner.temporaryFile("nameserver 127.0.0.1\noptions attempts:1 timeout:2\n", name: "resolv.conf")
        let host = "login.tokenscope.invalid"
        // sh mounts the file over /etc/resolv.conf inside the namespace only, then becomes tokenscope.
        let script = #"mount --bind "$0" /etc/resolv.conf && exec "$@""#
        let arguments = ["-m", "/bin/sh", "-c", script, resolvConf, CLIRunner.binary.path,
                         "exchange", "client-credentials", "--authority", "https://\(host)/contoso.onmicrosoft.com",
                         "--allow-custom-authority", "--client-id", "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69",
                         "--secret-env", "S", "--scope", "api://x/.default", "--timeout", "20", "--json"]
        let started = ContinuousClock.now
        let r = try await Spawn.runDetached("/usr/bin/unshare", arguments, environment: ["S": "v", "PATH": "/usr/bin:/bin"])
        let elapsed = ContinuousClock.now - started

        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["error"]?["kind"] == .string("transport"))
        #expect(doc["error"]?["transport"] == .string("dns"), "\(r.stdout)")
        #expect(doc["error"]?["message"]?.stringValue?.contains("could not be resolved") == true, "\(r.stdout)")
        // The resolver was really asked, and only our loopback server.
        #expect(dns.queries.contains(host), "queries seen: \(dns.queries)")
        // Not retried: one lookup per address family, at most a search-list retry of each (the HTTP
        // client's pool used to re-connect until its 10 s connect timeout: 30 queries). Counted
        // rather than timed: in the parallel suite on 2 cores the process alone can take half a minute.
        #expect(dns.queries.filter { $0.hasPrefix(host) }.count <= 4, "queries seen: \(dns.queries)")
        #expect(doc["trace"]?.arrayValue?.count == 1, "\(r.stdout)")
        // Bounded: a hang guard far above both the answer (0.4 s alone) and a loaded machine.
        #expect(elapsed < .seconds(120), "took \(elapsed)")
        #expect(!r.stdout.contains("\"v\"") && !r.stderr.contains("secret"), "the secret must not appear")
    }
}
