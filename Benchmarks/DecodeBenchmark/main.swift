// Decode benchmark (issue: "decode + inspect of a typical 1.5 KB v2 access token and of a 16 KB
// token with 200 groups"). Run in release: `Benchmarks/run-decode` builds it and compares with PyJWT
// (`Benchmarks/run`, the whole benchmark suite, runs that script among the others).
//
//   DecodeBenchmark [--tokens-dir DIR] [--batches N] [--batch-ms MS] [--only ROW] [--json]
//   DecodeBenchmark --only ROW --calls N
//   DecodeBenchmark --serve
//
// --only "decode+inspect 16KB" measures one row, so a profiler sees only that work. --calls N runs
// the rows exactly N times each and times nothing: a fixed amount of work for counting allocations
// (Benchmarks/count-allocations) or instructions.
// --serve calibrates every row, says `ready`, then answers each line naming a row ("decode+inspect
// 1.5KB") with one batch's per-token time in µs: Benchmarks/paired_decode.py asks it and the PyJWT
// peer in turn, so each Swift batch has a PyJWT batch run moments apart under the same conditions.
// Each row is the median per-token time over N batches, batches interleaved across rows.
// The tokens are written to DIR (default: a temp dir) so the PyJWT side decodes the same bytes.
import Foundation
import TokenScopeCore
import TokenScopeTestSupport

// MARK: - Options

struct Options {
    var tokensDir = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-bench").path
    var batches = 30
    var batchMilliseconds = 10.0
    var only: String?
    var calls: Int?
    var json = false
    var serve = false

    init(_ args: [String]) {
        var it = args.makeIterator()
        func value<T>(_ parse: (String) -> T?) -> T {
            guard let text = it.next(), let v = parse(text) else { Self.usage() }
            return v
        }
        while let arg = it.next() {
            switch arg {
            case "--tokens-dir": tokensDir = value { $0 }
            case "--batches": batches = value { Int($0).flatMap { $0 > 0 ? $0 : nil } }
            case "--batch-ms": batchMilliseconds = value { Double($0) }
            case "--only": only = value { $0 }
            case "--calls": calls = value { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
            case "--json": json = true
            case "--serve": serve = true
            default: Self.usage()
            }
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: DecodeBenchmark [--tokens-dir DIR] [--batches N] [--batch-ms MS] [--only ROW] [--json] [--calls N] [--serve]\n".utf8))
        exit(2)
    }
}

// MARK: - Tokens

/// A GUID-shaped string derived from `n`, so the tokens are the same on every run (only the RSA
/// signature differs, since the test key is generated per process; its length does not).
func guid(_ n: Int) -> String {
    let a = UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15, b = a &* 0xBF58_476D_1CE4_E5B9
    let hex = Array((hex16(a) + hex16(b)).utf8)
    func part(_ r: Range<Int>) -> String { String(decoding: hex[r], as: UTF8.self) }
    return [part(0..<8), part(8..<12), part(12..<16), part(16..<20), part(20..<32)].joined(separator: "-")
}

func hex16(_ v: UInt64) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// The template v2 access token plus the claims a real Entra token of that kind carries
/// (`amr`, `wids`, `xms_cc`, several scopes...), which brings it to about 1.5 KB.
func typicalToken() -> TestToken {
    TestToken.v2AccessToken()
        .with("acct", .number("0"))
        .with("amr", .array([.string("pwd"), .string("mfa")]))
        .with("ctry", .string("NL"))
        .with("idtyp", .string("user"))
        .with("ipaddr", .string("203.0.113.42"))
        .with("scp", .string("access_as_user Expenses.Read Expenses.ReadWrite Reports.Read User.Read offline_access"))
        .with("wids", .array([.string("b79fbf4d-3ef9-4689-8143-76b194e85509"), .string("fe930be7-5e62-47db-91af-98c3a49a38b1")]))
        .with("xms_cc", .array([.string("cp1")]))
        .with("xms_tcdt", .number("1528305284"))
}

/// The typical token plus 200 group object IDs (Entra's JWT limit before overage) and 100 app
/// roles: about 16 KB. The groups alone only reach about 12 KB; the roles make up the rest.
func bigToken() -> TestToken {
    typicalToken()
        .with("groups", .array((0..<200).map { .string(guid($0)) }))
        .with("roles", .array((0..<100).map { .string("Contoso.Workload\($0 / 6).\(["Read", "ReadWrite", "Approve"][$0 % 3]).\($0 % 2 == 0 ? "All" : "Own")") }))
}

// MARK: - Measurement

/// One figure to time. `body` returns a value folded into a sink so the optimiser cannot drop the work.
struct Figure {
    let name: String, token: String, bytes: Int
    let body: () -> Int
    var n = 1
    var perCall: [Double] = []
}

/// Warms up (caches, allocator, lazily initialised tables) and sizes a batch to about
/// `batchMilliseconds`: shorter batches are dominated by timer noise.
func calibrate(_ figure: inout Figure, _ options: Options, sink: inout Int) {
    let clock = ContinuousClock()
    var calls = 0
    let start = clock.now
    while clock.now - start < .milliseconds(200) || calls < 10 {
        sink &+= figure.body()
        calls += 1
    }
    figure.n = max(1, Int(options.batchMilliseconds * 1e6 / ((clock.now - start).nanoseconds / Double(calls))))
}

/// Times one batch of `n` calls and records the per-call time.
func runBatch(_ figure: inout Figure, sink: inout Int) {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<figure.n { sink &+= figure.body() }
    figure.perCall.append((clock.now - start).nanoseconds / Double(figure.n))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted(), mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

extension Duration {
    var nanoseconds: Double { Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9 }
}

// MARK: - Main

let options = Options(Array(CommandLine.arguments.dropFirst()))
let tokens = [("1.5KB", "typical.txt", typicalToken().signed()), ("16KB", "big.txt", bigToken().signed())]

do {
    try FileManager.default.createDirectory(atPath: options.tokensDir, withIntermediateDirectories: true)
    for (_, file, token) in tokens {
        try Data(token.utf8).write(to: URL(fileURLWithPath: options.tokensDir).appendingPathComponent(file))
    }
} catch {
    FileHandle.standardError.write(Data("DecodeBenchmark: cannot write tokens to \(options.tokensDir): \(error)\n".utf8))
    exit(2)
}

let context = InspectionContext(now: TestToken.now)
var sink = 0
var figures: [Figure] = []
for (label, file, token) in tokens {
    // Sanity: the token must parse cleanly, or we would be timing the error path.
    let parsed = TokenParser.parse(token)
    precondition(parsed.format == .jws && parsed.problems.isEmpty && parsed.claims != nil, "\(file) did not parse cleanly")
    figures.append(Figure(name: "decode", token: label, bytes: token.utf8.count) {
        TokenParser.parse(token).claims?.objectMembers?.count ?? 0
    })
    figures.append(Figure(name: "decode+inspect", token: label, bytes: token.utf8.count) {
        // The CLI's path: extraction, parse, classify, explain every claim, run the rules.
        let reports = (try? TokenInspector.inspect(text: token, context: context)) ?? []
        // Read in place: `reduce` would copy each report out of the array first, timing the
        // harness's copy (a retain per reference the report holds) along with the inspection.
        var n = 0
        for i in reports.indices { n += reports[i].claims.count + reports[i].findings.count }
        return n
    })
}
if let only = options.only { figures.removeAll { "\($0.name) \($0.token)" != only } }
if let calls = options.calls {
    for figure in figures { for _ in 0..<calls { sink &+= figure.body() } }
    FileHandle.standardError.write(Data("checksum \(sink)\n".utf8))
    exit(0)
}

for i in figures.indices { calibrate(&figures[i], options, sink: &sink) }
if options.serve {
    // Written straight to the file handle (unbuffered): the driver waits for each line.
    func answer(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    answer("ready")
    while let line = readLine() {
        guard let i = figures.firstIndex(where: { "\($0.name) \($0.token)" == line }) else {
            answer("unknown row: \(line)")
            continue
        }
        runBatch(&figures[i], sink: &sink)
        answer(String(format: "%.4f", figures[i].perCall.removeLast() / 1000))
    }
    FileHandle.standardError.write(Data("checksum \(sink)\n".utf8))
    exit(0)
}
// Batches are interleaved across figures: a burst of other load then costs each figure one
// batch, which the median drops, instead of skewing one figure's whole window.
for _ in 0..<options.batches {
    for i in figures.indices { runBatch(&figures[i], sink: &sink) }
}
let rows = figures.map { (name: $0.name, token: $0.token, bytes: $0.bytes, nanoseconds: median($0.perCall), n: $0.n) }

if options.json {
    let items: [JSONValue] = rows.map { row in
        .object([
            ("name", .string(row.name)), ("token", .string(row.token)), ("bytes", .number(String(row.bytes))),
            ("us_per_token", .number(String(format: "%.3f", row.nanoseconds / 1000))),
            ("tokens_per_s", .number(String(format: "%.0f", 1e9 / row.nanoseconds))),
            ("iterations_per_batch", .number(String(row.n))), ("batches", .number(String(options.batches))),
        ])
    }
    print(JSONWriter.write(.object([("tokens_dir", .string(options.tokensDir)), ("results", .array(items))]), pretty: false))
} else {
    print("TokenScope decode benchmark: median of \(options.batches) batches; tokens in \(options.tokensDir)")
    print("figure".padding(toLength: 16, withPad: " ", startingAt: 0) + "token   bytes   µs/token     tokens/s   n/batch")
    for row in rows {
        print(row.name.padding(toLength: 16, withPad: " ", startingAt: 0)
              + row.token.padding(toLength: 6, withPad: " ", startingAt: 0)
              + String(format: "%7d %10.2f %12.0f %9d", row.bytes, row.nanoseconds / 1000, 1e9 / row.nanoseconds, row.n))
    }
}
// Printed to stderr so it is used (the optimiser must keep the work) without polluting --json.
FileHandle.standardError.write(Data("checksum \(sink)\n".utf8))
