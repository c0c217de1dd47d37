// Sandbox token-endpoint benchmark (issue: "client-credentials tokens/s and p50/p99 latency under a
// bounded local load (keep-alive, 2 cores) ... flat memory over 100,000 requests"). Run in release:
// `Benchmarks/run-sandbox` builds it, measures `openssl speed rsa2048` and prints the table.
//
//   SandboxBenchmark [options] [-- SERVER COMMAND...]
//
// Where the server runs (RSS and CPU are read from /proc/<pid> of the server process):
//   default              spawn this binary again with `--serve`: the sandbox in its own process, so
//                        the client's CPU and allocations do not pollute the server's RSS/CPU figures
//   -- CMD ARGS...       spawn CMD instead (e.g. `tokenscope sandbox serve --port 0`); its first
//                        `http://127.0.0.1:PORT` on stdout/stderr is the address
//   --in-process         run the server inside the benchmark (for perf/callgrind: one process)
//   --url URL [--server-pid PID]   use a server that is already running
// Options: --connections C (8)  --capacity-seconds S (10)  --capacity-rounds N (1)  --half-seconds S (20)
//          --sample-seconds S (60)  --warmup N (2000)  --sign-seconds S (3)  --total N (100000)
//          --max-seconds S (600, the whole run)  --server-cpus LIST (taskset)  --client raw|ahc (raw)  --json
//
// --client: every phase sends from blocking keep-alive sockets, one thread each (RawTokenConnection:
// little CPU per request, so the shared CPUs go to the server; the open loop keeps its fixed
// schedule with 32 of them); `ahc` sends through AsyncHTTPClient instead (the earlier client, about
// 8 times the CPU per request).
//
// --capacity-rounds N runs the capacity phase N times (S seconds each) and takes the median rate.
// During the half-load phase the server's RSS and CPU and the machine's busy CPUs are sampled every
// --sample-seconds (JSON `half_load.samples`): with `--half-seconds 600` this is the soak
// (`Benchmarks/run-soak`): 10 minutes at half the measured capacity.
//
// First, with no server running: SigningKeyStore.sign alone on 1 and 2 threads, so the report can
// tell the crypto backend (swift-crypto's BoringSSL vs the system OpenSSL) from the server's overhead.
// Phases: warm-up (closed loop), capacity (C keep-alive connections, closed loop, tokens/s),
// half load (open loop at 50 % of capacity, latency from the *scheduled* send time so a stalled
// server cannot hide its queueing: no coordinated omission), soak (closed loop up to --total
// requests, RSS sampled every 10,000). Every response must be 200 with an access token.
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import TokenScopeCore
import TokenScopeSandbox

// MARK: - Options

struct Options {
    var url: String?
    var serverPID: Int32?
    var inProcess = false
    var serve = false
    var serverCommand: [String] = []
    var serverCPUs: String?
    var connections = 8
    var capacitySeconds = 10.0
    var capacityRounds = 1
    var halfSeconds = 20.0
    var sampleSeconds = 60.0
    var warmup = 2_000
    var signSeconds = 3.0
    var total = 100_000
    var maxSeconds = 600.0
    var json = false
    var rawClient = true

    init(_ args: [String]) {
        var it = args.makeIterator()
        func value<T>(_ parse: (String) -> T?) -> T {
            guard let text = it.next(), let v = parse(text) else { Self.usage() }
            return v
        }
        let positive = { (s: String) -> Int? in Int(s).flatMap { $0 > 0 ? $0 : nil } }
        let seconds = { (s: String) -> Double? in Double(s).flatMap { $0 > 0 ? $0 : nil } }
        parsing: while let arg = it.next() {
            switch arg {
            case "--url": url = value { $0 }
            case "--server-pid": serverPID = value { Int32($0) }
            case "--in-process": inProcess = true
            case "--serve": serve = true
            case "--server-cpus": serverCPUs = value { $0 }
            case "--connections": connections = value(positive)
            case "--capacity-seconds": capacitySeconds = value(seconds)
            case "--capacity-rounds": capacityRounds = value(positive)
            case "--half-seconds": halfSeconds = value(seconds)
            case "--sample-seconds": sampleSeconds = value(seconds)
            case "--warmup": warmup = value(positive)
            case "--sign-seconds": signSeconds = value(seconds)
            case "--total": total = value(positive)
            case "--max-seconds": maxSeconds = value(seconds)
            case "--json": json = true
            case "--client":
                switch it.next() {
                case "raw": rawClient = true
                case "ahc": rawClient = false
                default: Self.usage()
                }
            case "--":
                serverCommand = Array(IteratorSequence(it))
                break parsing
            default: Self.usage()
            }
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("""
            usage: SandboxBenchmark [--url URL [--server-pid PID] | --in-process] [--connections C] [--capacity-seconds S]
                   [--capacity-rounds N] [--half-seconds S] [--sample-seconds S] [--warmup N] [--sign-seconds S] [--total N]
                   [--max-seconds S] [--server-cpus LIST] [--client raw|ahc] [--json] [-- SERVER CMD...]

            """.utf8))
        exit(2)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("SandboxBenchmark: \(message)\n".utf8))
    exit(1)
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data("  \(message)\n".utf8))
}

// MARK: - The server process

/// Resident set size and CPU time (user + system) of a process, from /proc.
enum ProcStats {
    static func rssKiB(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ")[1])
    }

    static func cpuSeconds(_ pid: Int32) -> Double? {
        // Fields after "(comm)" (which may contain spaces): state is [0], utime [11], stime [12].
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU time all processes spent busy since boot (everything but idle and iowait), from /proc/stat.
    static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count > 4 else { return nil }
        return (ticks.reduce(0, +) - ticks[3] - ticks[4]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Open sockets: with keep-alive this stays at about one per client connection.
    static func sockets(_ pid: Int32) -> Int? {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return nil }
        return fds.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)"))?.hasPrefix("socket:") ?? false }.count
    }
}

/// Collects a child's output on a background thread: it must keep being drained or a chatty
/// server would block on a full pipe, and the address line may come on stdout or stderr.
final class OutputWatcher: Sendable {
    private let state = Mutex<(text: String, url: String?)>(("", nil))
    let found = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }   // EOF: the child exited
                let signal = state.withLock { s -> Bool in
                    guard s.url == nil else { return false }
                    s.text += String(decoding: data, as: UTF8.self)
                    s.url = Self.address(in: s.text)
                    return s.url != nil
                }
                if signal { found.signal() }
            }
        }
    }

    var url: String? { state.withLock { $0.url } }
    var text: String { state.withLock { $0.text } }

    static func address(in text: String) -> String? {
        guard let start = text.range(of: "http://127.0.0.1:") else { return nil }
        let port = text[start.upperBound...].prefix(while: \.isNumber)
        // The digits must be complete: wait for the character after them.
        guard !port.isEmpty, port.endIndex < text.endIndex else { return nil }
        return "http://127.0.0.1:\(port)"
    }
}

struct Server {
    let url: String
    let pid: Int32?
    let mode: String
    let stop: @Sendable () async -> Void
}

func spawn(_ command: [String], cpus: String?, mode: String) -> Server {
    let full = (cpus.map { ["/usr/bin/taskset", "-c", $0] } ?? []) + command
    let process = Process()
    process.executableURL = URL(fileURLWithPath: full[0])
    process.arguments = Array(full.dropFirst())
    let output = Pipe(), input = Pipe()
    process.standardOutput = output
    process.standardError = output
    // `--serve` exits when its stdin closes, so the server never outlives a killed benchmark.
    process.standardInput = input
    do { try process.run() } catch { fail("cannot start \(full.joined(separator: " ")): \(error)") }
    let watcher = OutputWatcher(output.fileHandleForReading)
    guard watcher.found.wait(timeout: .now() + 20) == .success, let url = watcher.url else {
        process.terminate()
        fail("the server printed no http://127.0.0.1:PORT within 20 s; its output:\n\(watcher.text)")
    }
    let pid = process.processIdentifier
    return Server(url: url, pid: pid, mode: mode) {
        kill(pid, SIGTERM)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

func startServer(_ options: Options) async -> Server {
    if let url = options.url {
        return Server(url: url, pid: options.serverPID, mode: "external \(url)") {}
    }
    if options.inProcess {
        do {
            let server = try await SandboxServer.start(SandboxAuthority.demo())
            return Server(url: server.baseURL, pid: getpid(), mode: "in-process (RSS/CPU include the client)") { await server.stop() }
        } catch { fail("cannot start the sandbox in-process: \(error)") }
    }
    if !options.serverCommand.isEmpty {
        return spawn(options.serverCommand, cpus: options.serverCPUs, mode: "separate process: \(options.serverCommand.joined(separator: " "))")
    }
    guard let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { fail("cannot find /proc/self/exe") }
    return spawn([me, "--serve"], cpus: options.serverCPUs, mode: "separate process: SandboxBenchmark --serve (SandboxServer + demo directory)")
}

/// `--serve`: the child side of the default mode.
func serve() async -> Never {
    do {
        let server = try await SandboxServer.start(SandboxAuthority.demo())
        FileHandle.standardOutput.write(Data("listening \(server.baseURL)\n".utf8))
        Thread.detachNewThread {
            _ = FileHandle.standardInput.readDataToEndOfFile()
            exit(0)
        }
        try await server.wait()
        exit(0)
    } catch { fail("serve: \(error)") }
}

// MARK: - Load

/// One client-credentials request as the demo `daemon` app (DemoDirectory: a public contract).
struct TokenClient: Sendable {
    static let daemonClientID = "cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69"
    static let daemonSecret = "daemon-demo-secret~0123456789abcdef"

    let http: HTTPClient
    let base: String
    static let path = "/\(DemoDirectory.contoso)/oauth2/v2.0/token"
    static let bodyText = "grant_type=client_credentials&client_id=\(daemonClientID)"
        + "&client_secret=\(daemonSecret)&scope=api%3A%2F%2Fdownstream-api%2F.default"
    let body = ByteBuffer(string: bodyText)

    init(base: String, connections: Int) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.httpVersion = .http1Only
        // One keep-alive connection per concurrent caller; no reconnect churn between phases.
        configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.base = base
    }

    /// The response body when it is a 200 with an access token, else nil (an error).
    func token() async -> String? {
        var request = HTTPClientRequest(url: base + Self.path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(body)
        guard let response = try? await http.execute(request, timeout: .seconds(10)),
              let bytes = try? await response.body.collect(upTo: 64 << 10),
              response.status == .ok else { return nil }
        let text = String(buffer: bytes)
        return text.contains("\"access_token\":\"ey") ? text : nil
    }

    func get(_ path: String) async -> [UInt8]? {
        guard let response = try? await http.execute(HTTPClientRequest(url: base + path), timeout: .seconds(10)),
              response.status == .ok, let bytes = try? await response.body.collect(upTo: 1 << 20) else { return nil }
        return Array(buffer: bytes)
    }
}

struct Phase {
    var name: String
    var requests = 0
    var errors = 0
    var seconds = 0.0
    /// Sorted, milliseconds.
    var latencies: [Double] = []
    var rate: Double { Double(requests) / seconds }

    func percentile(_ q: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        return latencies[min(latencies.count - 1, max(0, Int((q * Double(latencies.count)).rounded(.up)) - 1))]
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}

/// C callers, each with one request in flight, until `requests` are issued or `seconds` pass.
func closedLoop(_ name: String, _ client: TokenClient, connections: Int, requests: Int, seconds: Double) async -> Phase {
    if options.rawClient {
        return await rawClosedLoop(name, base: client.base, path: TokenClient.path, body: TokenClient.bodyText,
                                   connections: connections, requests: requests, seconds: seconds)
    }
    let clock = ContinuousClock(), issued = Counter()
    let start = clock.now, deadline = start + .seconds(seconds)
    let parts = await withTaskGroup(of: (latencies: [Double], errors: Int).self) { group in
        for _ in 0..<connections {
            group.addTask {
                var latencies: [Double] = [], errors = 0
                while clock.now < deadline, issued.next() <= requests {
                    let t0 = clock.now
                    if await client.token() == nil { errors += 1 }
                    latencies.append((clock.now - t0).seconds * 1000)
                }
                return (latencies, errors)
            }
        }
        return await group.reduce(into: []) { $0.append($1) }
    }
    var phase = Phase(name: name, seconds: (clock.now - start).seconds)
    phase.latencies = parts.flatMap(\.latencies).sorted()
    phase.requests = phase.latencies.count
    phase.errors = parts.reduce(0) { $0 + $1.errors }
    return phase
}

/// Requests sent on a fixed schedule of `rate`/s whatever the answers do. Latency counts from the
/// scheduled time; `maxInFlight` bounds memory if the server stalls (then sending waits).
func openLoop(_ name: String, _ client: TokenClient, rate: Double, seconds: Double, maxInFlight: Int = 512) async -> Phase {
    if options.rawClient {
        return await rawOpenLoop(name, base: client.base, path: TokenClient.path, body: TokenClient.bodyText, rate: rate, seconds: seconds)
    }
    let clock = ContinuousClock(), count = max(1, Int(rate * seconds))
    let start = clock.now + .milliseconds(20)
    var phase = Phase(name: name)
    phase.latencies.reserveCapacity(count)
    await withTaskGroup(of: (Double, Bool).self) { group in
        var pending = 0
        func record(_ r: (Double, Bool)) {
            phase.latencies.append(r.0)
            if !r.1 { phase.errors += 1 }
        }
        for i in 0..<count {
            let due = start + .nanoseconds(Int64(Double(i) / rate * 1e9))
            if due > clock.now { try? await Task.sleep(until: due, tolerance: .microseconds(50), clock: clock) }
            // Finished children stay counted until awaited; draining here is immediate for those.
            if pending >= maxInFlight, let r = await group.next() { record(r); pending -= 1 }
            group.addTask {
                let ok = await client.token() != nil
                return ((clock.now - due).seconds * 1000, ok)
            }
            pending += 1
        }
        for await r in group { record(r) }
    }
    phase.seconds = (clock.now - start).seconds
    phase.requests = phase.latencies.count
    phase.latencies.sort()
    return phase
}

/// Signatures per second of `SigningKeyStore.sign` (RS256, RSA-2048, a one-claim payload so the
/// RSA private-key operation dominates) on `threads` concurrent tasks.
func signRate(threads: Int, seconds: Double, signer: SigningKeyStore.Signer = .automatic) async -> Double {
    guard let keys = try? SigningKeyStore(stateDirectory: nil, signer: signer) else { fail("cannot create a signing key") }
    let clock = ContinuousClock(), start = clock.now, deadline = start + .seconds(seconds)
    let count = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<threads {
            group.addTask {
                var n = 0
                while clock.now < deadline {
                    n += keys.sign(claims: .object([("sub", .string("bench"))])).utf8.count > 0 ? 1 : 0
                }
                return n
            }
        }
        return await group.reduce(0, +)
    }
    return Double(count) / (clock.now - start).seconds
}

// MARK: - Main

let options = Options(Array(CommandLine.arguments.dropFirst()))
if options.serve { await serve() }

let sign1 = await signRate(threads: 1, seconds: options.signSeconds)
let sign2 = await signRate(threads: 2, seconds: options.signSeconds)
let signerName = ((try? SigningKeyStore(stateDirectory: nil))?.signerDescription) ?? "unknown"
// The fallback signer too, so the report shows what the system libcrypto brings.
let sign2SwiftCrypto = await signRate(threads: 2, seconds: options.signSeconds, signer: .swiftCrypto)
progress(String(format: "SigningKeyStore.sign (%@): %.0f/s on 1 thread, %.0f/s on 2; swift-crypto on 2: %.0f/s",
                signerName, sign1, sign2, sign2SwiftCrypto))

let server = await startServer(options)
let client = TokenClient(base: server.url, connections: options.connections)
let runStart = ContinuousClock.now
func remaining() -> Double { max(0.1, options.maxSeconds - (ContinuousClock.now - runStart).seconds) }
func rss() -> Int? { server.pid.flatMap(ProcStats.rssKiB) }
func serverCPU() -> Double? { server.pid.flatMap(ProcStats.cpuSeconds) }
progress("server: \(server.mode) at \(server.url)")

var rssSamples: [(requests: Int, kib: Int?)] = [(0, rss())]

// Sanity: the first token must verify against the sandbox's JWKS and carry the daemon's role, or
// we would be timing something other than a correct client-credentials grant.
do {
    guard let body = await client.token(), case let json = try JSONParser.parse(body),
          let token = json["access_token"]?.stringValue else { fail("the first token request failed") }
    guard let jwks = await client.get("/\(DemoDirectory.contoso)/discovery/v2.0/keys") else { fail("cannot fetch the JWKS") }
    let parsed = TokenParser.parse(token)
    guard let key = try JSONWebKeySet(json: jwks).key(kid: parsed.header?["kid"]?.stringValue, x5t: nil),
          SignatureVerifier.verify(parsed, alg: "RS256", key: key) == .valid else { fail("the first token does not verify against the JWKS") }
    guard parsed.claims?["roles"]?.stringArray == ["Data.Read.All"] else { fail("the first token lacks roles [Data.Read.All]") }
    progress("sanity: token verifies (RS256, kid \(key.kid ?? "-")), \(token.utf8.count) bytes, roles [Data.Read.All]")
} catch { fail("the first token response is not JSON: \(error)") }

var phases: [Phase] = []
var done = 1   // the sanity request
@MainActor func run(_ phase: Phase) {   // top-level state is main-actor isolated
    phases.append(phase)
    done += phase.requests
    rssSamples.append((done, rss()))
    progress(String(format: "%@: %d requests in %.1f s = %.0f/s, p50 %.2f ms, p99 %.2f ms, errors %d, RSS %@ KiB",
                    phase.name, phase.requests, phase.seconds, phase.rate, phase.percentile(0.5), phase.percentile(0.99),
                    phase.errors, rssSamples.last!.kib.map(String.init) ?? "n/a"))
}

run(await closedLoop("warm-up", client, connections: options.connections, requests: options.warmup, seconds: min(60, remaining())))

// Where the CPU goes during the capacity run: server, this load generator, and anything else on the
// machine (other builds would lower the figure; the report shows it instead of hiding it).
let me = getpid()
let cpuBefore = (server: serverCPU(), client: ProcStats.cpuSeconds(me), machine: ProcStats.machineBusySeconds())
// With --capacity-rounds N the phase runs N times; its figure is the round with the median rate (the
// CPU shares below are over all rounds).
var capacityRounds: [Phase] = []
for round in 1...options.capacityRounds {
    let name = options.capacityRounds == 1 ? "capacity" : "capacity \(round)/\(options.capacityRounds)"
    run(await closedLoop(name, client, connections: options.connections, requests: Int.max, seconds: min(options.capacitySeconds, remaining())))
    capacityRounds.append(phases.last!)
}
let capacity = capacityRounds.sorted { $0.rate < $1.rate }[capacityRounds.count / 2]
let capacityRequests = capacityRounds.reduce(0) { $0 + $1.requests }
let capacitySecondsTotal = capacityRounds.reduce(0) { $0 + $1.seconds }
func perToken(_ before: Double?, _ after: Double?) -> Double? {
    guard let before, let after else { return nil }
    return (after - before) / Double(capacityRequests)
}
let serverPerToken = server.pid == me ? nil : perToken(cpuBefore.server, serverCPU())
let clientPerToken = server.pid == me ? nil : perToken(cpuBefore.client, ProcStats.cpuSeconds(me))
let machineCores = perToken(cpuBefore.machine, ProcStats.machineBusySeconds()).map { $0 * Double(capacityRequests) / capacitySecondsTotal }
let capacitySockets = server.pid.flatMap(ProcStats.sockets)

/// One sample taken during the half-load phase: the server's RSS and CPU, this process's CPU and
/// the machine's busy CPUs, so a long run shows a leak as a slope and other load beside the figures.
struct Sample: Sendable {
    var seconds: Double
    var rssKiB: Int?
    var serverCPU: Double?
    var clientCPU: Double?
    var machineBusy: Double?
    var loadAverage: String?
}
func takeSample(_ pid: Int32?, since start: ContinuousClock.Instant) -> Sample {
    let me = getpid()
    return Sample(seconds: (ContinuousClock.now - start).seconds, rssKiB: pid.flatMap(ProcStats.rssKiB),
                  serverCPU: pid == me ? nil : pid.flatMap(ProcStats.cpuSeconds), clientCPU: ProcStats.cpuSeconds(me),
                  machineBusy: ProcStats.machineBusySeconds(),
                  loadAverage: (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " "))
}
let halfStart = ContinuousClock.now
let serverPID = server.pid, sampleEvery = options.sampleSeconds
let firstSample = takeSample(serverPID, since: halfStart)
let sampler = Task.detached { [serverPID, sampleEvery, halfStart] () -> [Sample] in
    var samples: [Sample] = []
    while true {
        do { try await Task.sleep(for: .seconds(sampleEvery)) } catch { return samples }
        samples.append(takeSample(serverPID, since: halfStart))
    }
}
run(await openLoop("half load", client, rate: capacity.rate / 2, seconds: min(options.halfSeconds, remaining())))
let half = phases.last!
sampler.cancel()
var halfSamples = [firstSample] + (await sampler.value)
let lastSample = takeSample(serverPID, since: halfStart)
if lastSample.seconds - halfSamples.last!.seconds > 1 { halfSamples.append(lastSample) }   // else the sampler just took it

// Soak to --total requests in 10,000-request steps, an RSS sample after each: a leak shows as a slope.
while done < options.total, remaining() > 0.5 {
    run(await closedLoop("soak", client, connections: options.connections, requests: min(10_000, options.total - done), seconds: remaining()))
}
let errors = phases.reduce(0) { $0 + $1.errors }
try? await client.http.shutdown().get()
await server.stop()

// MARK: - Report

let afterWarmup = rssSamples[1].kib, end = rssSamples.last!.kib
func num(_ v: Double, _ format: String = "%.3f") -> JSONValue { v.isFinite ? .number(String(format: format, v)) : .null }
func num(_ v: Int?) -> JSONValue { v.map { .number(String($0)) } ?? .null }
func latency(_ p: Phase) -> JSONValue {
    .object([("p50_ms", num(p.percentile(0.5))), ("p90_ms", num(p.percentile(0.9))), ("p99_ms", num(p.percentile(0.99))),
             ("max_ms", num(p.latencies.last ?? .nan))])
}

func sampleJSON(_ s: Sample) -> JSONValue {
    func opt(_ v: Double?) -> JSONValue { v.map { num($0, "%.2f") } ?? .null }
    let loadavg: JSONValue = s.loadAverage.map(JSONValue.string) ?? .null
    return .object([("seconds", num(s.seconds, "%.1f")), ("rss_kib", num(s.rssKiB)), ("server_cpu_s", opt(s.serverCPU)),
                    ("client_cpu_s", opt(s.clientCPU)), ("machine_busy_s", opt(s.machineBusy)), ("loadavg", loadavg)])
}
let halfSamplesJSON = JSONValue.array(halfSamples.map(sampleJSON))

if options.json {
    print(JSONWriter.write(.object([
        ("server", .string(server.mode)),
        ("connections", num(options.connections)),
        ("client", .string(options.rawClient ? "blocking keep-alive sockets (RawTokenConnection)" : "AsyncHTTPClient")),
        ("signer", .string(signerName)),
        ("sign_only_per_s", .object([("threads_1", num(sign1, "%.1f")), ("threads_2", num(sign2, "%.1f")),
                                     ("swift_crypto_threads_2", num(sign2SwiftCrypto, "%.1f"))])),
        ("capacity", .object([
            ("requests", num(capacity.requests)), ("seconds", num(capacity.seconds)), ("tokens_per_s", num(capacity.rate, "%.1f")),
            ("round_rates", .array(capacityRounds.map { num($0.rate, "%.1f") })),
            ("latency", latency(capacity)),
            ("server_cpu_ms_per_token", serverPerToken.map { num($0 * 1000, "%.4f") } ?? .null),
            ("client_cpu_ms_per_token", clientPerToken.map { num($0 * 1000, "%.4f") } ?? .null),
            ("machine_busy_cores", machineCores.map { num($0) } ?? .null),
            ("cpus", num(ProcessInfo.processInfo.activeProcessorCount)),
            ("server_sockets", num(capacitySockets)),
        ])),
        ("half_load", .object([
            ("target_rate", num(capacity.rate / 2, "%.1f")), ("achieved_rate", num(half.rate, "%.1f")),
            ("requests", num(half.requests)), ("errors", num(half.errors)), ("seconds", num(half.seconds)), ("latency", latency(half)),
            ("samples", halfSamplesJSON),
        ])),
        ("memory", .object([
            ("rss_start_kib", num(rssSamples[0].kib)), ("rss_after_warmup_kib", num(afterWarmup)), ("rss_end_kib", num(end)),
            ("samples", .array(rssSamples.map { .object([("requests", num($0.requests)), ("rss_kib", num($0.kib))]) })),
        ])),
        ("total_requests", num(done)), ("errors", num(errors)),
    ]), pretty: false))
} else {
    print("server: \(server.mode)")
    print(String(format: "capacity: %.0f tokens/s (%d connections), half load %.0f/s: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms",
                 capacity.rate, options.connections, half.rate, half.percentile(0.5), half.percentile(0.9), half.percentile(0.99),
                 half.latencies.last ?? .nan))
    print("RSS KiB: " + rssSamples.map { "\($0.requests): \($0.kib.map(String.init) ?? "n/a")" }.joined(separator: ", "))
    print("total requests \(done), errors \(errors)")
}
exit(errors == 0 ? 0 : 1)
