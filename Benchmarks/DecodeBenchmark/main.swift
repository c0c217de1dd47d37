// Decode benchmark (issue: "decode + inspect of a typical 1.5 KB v2 access token and of a 16 KB
// token with 200 groups"). Run in release: `Benchmarks/run` builds it and compares with PyJWT.
//
//   DecodeBenchmark [--tokens-dir DIR] [--batches N] [--batch-ms MS] [--only ROW] [--json]
//
// --only "decode+inspect 16KB" measures one row, so a profiler sees only that work.
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
    var json = false

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
            case "--json": json = true
            default: Self.usage()
            }
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: DecodeBenchmark [--tokens-dir DIR] [--batches N] [--batch-ms MS] [--only ROW] [--json]\n".utf8))
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

/// Median per-call time over `batches` batches of `n` calls, `n` chosen so a batch takes about
/// `batchMilliseconds` (short batches are timer-noisy; the median discards batches hit by other load).
/// `body` returns a value folded into `sink` so the optimiser cannot drop the work.
func measure(_ options: Options, sink: inout Int, _ body: () -> Int) -> (perCallNanoseconds: Double, n: Int) {
    let clock = ContinuousClock()
    // Warm up (caches, allocator, lazily initialised tables) and estimate the cost of one call.
    var calls = 0
    let warmStart = clock.now
    while clock.now - warmStart < .milliseconds(200) || calls < 10 {
        sink &+= body()
        calls += 1
    }
    let estimate = (clock.now - warmStart).nanoseconds / Double(calls)
    let n = max(1, Int(options.batchMilliseconds * 1e6 / estimate))

    var perCall: [Double] = []
    for _ in 0..<options.batches {
        let start = clock.now
        for _ in 0..<n { sink &+= body() }
        perCall.append((clock.now - start).nanoseconds / Double(n))
    }
    perCall.sort()
    let mid = perCall.count / 2
    let median = perCall.count % 2 == 1 ? perCall[mid] : (perCall[mid - 1] + perCall[mid]) / 2
    return (median, n)
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
var rows: [(name: String, token: String, bytes: Int, nanoseconds: Double, n: Int)] = []
for (label, file, token) in tokens {
    // Sanity: the token must parse cleanly, or we would be timing the error path.
    let parsed = TokenParser.parse(token)
    precondition(parsed.format == .jws && parsed.problems.isEmpty && parsed.claims != nil, "\(file) did not parse cleanly")

    let figures: [(String, () -> Int)] = [
        ("decode", {
            let t = TokenParser.parse(token)
            return t.claims?.objectMembers?.count ?? 0
        }),
        ("decode+inspect", {
            // The CLI's path: extraction, parse, classify, explain every claim, run the rules.
            let reports = (try? TokenInspector.inspect(text: token, context: context)) ?? []
            return reports.reduce(0) { $0 + $1.claims.count + $1.findings.count }
        }),
    ]
    for (name, body) in figures where options.only == nil || options.only == "\(name) \(label)" {
        let result = measure(options, sink: &sink, body)
        rows.append((name, label, token.utf8.count, result.perCallNanoseconds, result.n))
    }
}

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
