// Exchange benchmark, in-process part (issue 4: "the in-process client-side cost per exchange
// (assertion signing + request building + response parsing), target under 2 ms"). Run in release:
// `Benchmarks/run-exchange` times the whole-process CLI against Python msal, then runs this.
//
//   ExchangeBenchmark [--iterations N] [--warmup N] [--rounds R] [--only ROW] [--json]
//
// One On-Behalf-Of exchange for the demo middle tier with its demo certificate (PS256 client
// assertion, as MSAL.NET sends it), exactly as `tokenscope exchange obo` builds it. The transport
// answers from memory with a canned response: the sandbox's real answer to that request (a real
// OBO access token signed by the sandbox, obtained once in process through the sandbox's token
// endpoint logic, which also checks the assertion). So network, TLS and the authority cost nothing
// and each row is the client's own CPU work. Rows (each timed call by call, calls interleaved
// across rows in rounds so drift hits every row alike; median and p90 of all calls):
//
//   sign PS256 alone                 SHA-256 + RSA-2048 PSS over an assertion's signing input: the floor
//   TokenRequestBuilder.build        (a) assertion claims + header, PS256 signature, form body, headers
//   response: parse + inspect        (b) JSONParser + TokenResponse + inspection of the result token(s)
//                                        + claim diff against the input token (what exchange does after
//                                        the answer arrives)
//   exchange end to end              TokenEndpointClient.exchange over the canned transport: input
//                                        inspection, (a), redacted trace, (b). The 2 ms target.
//   exchange + --json document       the same plus ExchangeJSON.document + JSONWriter.write, i.e.
//                                        everything `exchange obo --json` computes in process (info)
//
// --only ROW measures one row (for perf record).
import Crypto
import CryptoExtras
import Foundation
import TokenScopeCore
import TokenScopeSandbox

// MARK: - Options

struct Options {
    var iterations = 1_000
    var warmup = 100
    var rounds = 20
    var only: String?
    var json = false

    init(_ args: [String]) {
        var it = args.makeIterator()
        func value<T>(_ parse: (String) -> T?) -> T {
            guard let text = it.next(), let v = parse(text) else { Self.usage() }
            return v
        }
        let positive = { (s: String) -> Int? in Int(s).flatMap { $0 > 0 ? $0 : nil } }
        while let arg = it.next() {
            switch arg {
            case "--iterations": iterations = value(positive)
            case "--warmup": warmup = value { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
            case "--rounds": rounds = value(positive)
            case "--only": only = value { $0 }
            case "--json": json = true
            default: Self.usage()
            }
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: ExchangeBenchmark [--iterations N] [--warmup N] [--rounds R] [--only ROW] [--json]\n".utf8))
        exit(2)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ExchangeBenchmark: \(message)\n".utf8))
    exit(1)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))

// MARK: - The exchange: demo middle tier, demo certificate, alice's token for the middle tier

let middleTier = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
let downstreamScope = "api://downstream-api/Data.Read"
let now = Int64(Date().timeIntervalSince1970)
// Nothing listens here: the transports answer in memory. The URL only shapes the assertion's
// `aud`, the token endpoint and the issuer of the minted tokens, as with `sandbox serve --tls`.
let host = "127.0.0.1", port = 8443
let sandbox: SandboxAuthority
do {
    sandbox = try SandboxAuthority.demo(clock: { now })
} catch {
    fail("the demo sandbox could not be created: \(error)")
}
sandbox.baseURL = "https://\(host):\(port)"

let userAssertion: String
do {
    userAssertion = try SandboxMint.mint(MintSpec(.accessToken, user: "alice", client: "spa-client", scope: "api://middle-tier-api/access_as_user"),
                                         authority: sandbox, now: now)
} catch {
    fail("minting alice's token for the middle tier failed: \(error)")
}

guard let registered = sandbox.certificates.certificates(app: "middle-tier-api").first(where: { $0.privateKeyPEM != nil }),
      let keyPEM = registered.privateKeyPEM else {
    fail("the demo directory has no middle-tier certificate with a private key")
}
let privateKey: _RSA.Signing.PrivateKey
do {
    privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: keyPEM)
} catch {
    fail("the demo certificate's key does not parse: \(error)")
}
let certificate = TokenScopeCore.ClientCertificate(certificateDER: registered.der, privateKey: privateKey, label: "middle-tier-demo (benchmark)")
let authority = Authority(kind: .custom, scheme: "https", host: host, port: port, tenant: DemoDirectory.contoso)
guard let tokenEndpoint = authority.entraEndpoints?.token else { fail("no token endpoint for \(authority.url)") }
let request = ExchangeRequest(grant: .onBehalfOf(userAssertion: userAssertion), authority: authority, clientId: middleTier,
                              scopes: [downstreamScope], credential: .certificate(certificate, options: CertificateAssertionOptions()))
let settings = ExchangeSettings(now: { now })

// MARK: - The canned answer: the sandbox's real response to this very request

let real = await TokenEndpointClient(transport: SandboxTransport(authority: sandbox, now: now), settings: settings).exchange(request)
guard case let .success(answer) = real.result, let response = real.trace.last?.response, response.status == 200 else {
    let detail: String
    switch real.result {
    case let .rejected(status, error, problem): detail = "HTTP \(status) \(error?.error ?? "") \(error?.description ?? problem ?? "")"
    case let .transportFailure(error): detail = error.message
    case let .notSent(error): detail = error.message
    case .success: detail = "no response in the trace"
    }
    fail("the sandbox did not issue the OBO token: \(detail)")
}
guard real.trace.last?.clientAssertionHeader?["alg"]?.stringValue == "PS256" else {
    fail("the client assertion is not PS256: \(real.trace.last?.clientAssertionHeader.map { JSONWriter.write($0, pretty: false) } ?? "none")")
}
guard let accessToken = answer.accessToken, real.tokens.first?.report.token.claims?["aud"]?.stringValue == "ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67" else {
    fail("the sandbox's answer holds no access token for the downstream API")
}
// The trace holds the redacted body; the canned response must hold the real tokens, so it is
// rebuilt from the answer's raw JSON with the headers the sandbox sends.
let cannedBody = Array(JSONWriter.write(answer.raw, pretty: false).utf8)
let canned = HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store, no-cache"),
                                                 ("client-request-id", request.correlationId)], body: cannedBody)
let client = TokenEndpointClient(transport: CannedTransport(response: canned), settings: settings)

// MARK: - Rows

struct Row {
    let name: String
    let note: String
    let target: Double?   // microseconds
    let body: () async -> Void
}

let signingInput = Array(try ClientAssertionBuilder.build(certificate: certificate, options: CertificateAssertionOptions(), clientId: middleTier,
                                                      tokenEndpoint: tokenEndpoint, authoritySupportsSHA2: true, now: now)
                            .assertion.split(separator: ".").prefix(2).joined(separator: ".").utf8)
let resultContext = InspectionContext(flow: nil, now: now)
let inputReport = TokenInspector.inspect(ExtractedToken(text: userAssertion, source: .field("assertion")),
                                         context: InspectionContext(flow: .obo, expectedAudiences: [middleTier], authority: authority.url, now: now))

var rows: [Row] = [
    Row(name: "sign PS256 alone", note: "SHA-256 + RSA-2048 PSS (swift-crypto/BoringSSL), the floor of (a)", target: nil) {
        let digest = SHA256.hash(data: signingInput)
        blackHole(try? privateKey.signature(for: digest, padding: .PSS))
    },
    Row(name: "TokenRequestBuilder.build", note: "(a) assertion + PS256 signature + form + headers", target: nil) {
        blackHole(try? await TokenRequestBuilder.build(request, tokenEndpoint: tokenEndpoint, now: now))
    },
    Row(name: "response: parse + inspect", note: "(b) JSON, TokenResponse, inspect result token(s), claim diff", target: nil) {
        guard let json = try? JSONParser.parse(cannedBody), let parsed = TokenResponse(json: json) else { fail("canned body does not parse") }
        var reports: [TokenReport] = []
        for (field, value) in [("access_token", parsed.accessToken), ("id_token", parsed.idToken)] {
            if let value { reports.append(TokenInspector.inspect(ExtractedToken(text: value, source: .field(field)), context: resultContext)) }
        }
        blackHole(ClaimDiff(before: inputReport.token.claims, after: reports.first?.token.claims))
        blackHole(reports)
    },
    Row(name: "exchange end to end", note: "TokenEndpointClient.exchange, in-memory transport: input inspection + (a) + trace + (b)", target: 2_000) {
        let outcome = await client.exchange(request)
        if !outcome.succeeded { fail("the canned exchange failed") }
        blackHole(outcome)
    },
    Row(name: "exchange + --json document", note: "the same + ExchangeJSON.document + JSONWriter.write (what `exchange obo --json` computes)", target: nil) {
        let outcome = await client.exchange(request)
        blackHole(JSONWriter.write(ExchangeJSON.document(outcome)))
    },
]
if let only = options.only {
    rows = rows.filter { $0.name == only }
    if rows.isEmpty { fail("no row named `\(only)`") }
}

// MARK: - Measurement

func microseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}

for row in rows {
    for _ in 0..<options.warmup { await row.body() }
}
var samples = Array(repeating: [Double](), count: rows.count)
let perRound = (options.iterations + options.rounds - 1) / options.rounds   // at least --iterations calls per row
for _ in 0..<options.rounds {
    for (i, row) in rows.enumerated() {
        for _ in 0..<perRound {
            let t0 = ContinuousClock.now
            await row.body()
            samples[i].append(microseconds(ContinuousClock.now - t0))
        }
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
}

struct Figure {
    let row: Row
    let median: Double, p90: Double, min: Double, n: Int
    var pass: Bool? { row.target.map { median < $0 } }
}

let figures = zip(rows, samples).map { row, values in
    let sorted = values.sorted()
    return Figure(row: row, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), min: sorted[0], n: sorted.count)
}

// MARK: - Report

if options.json {
    let results = JSONValue.array(figures.map { f in
        .object([("name", .string(f.row.name)), ("note", .string(f.row.note)), ("median_us", .number(String(format: "%.1f", f.median))),
                 ("p90_us", .number(String(format: "%.1f", f.p90))), ("min_us", .number(String(format: "%.1f", f.min))),
                 ("calls", .number(String(f.n))), ("target_us", f.row.target.map { .number(String(format: "%.0f", $0)) } ?? .null),
                 ("pass", f.pass.map(JSONValue.bool) ?? .null)])
    })
    print(JSONWriter.write(.object([("responseBytes", .number(String(cannedBody.count))), ("accessTokenBytes", .number(String(accessToken.count))),
                                    ("userAssertionBytes", .number(String(userAssertion.count))), ("results", results)])))
} else {
    print("ExchangeBenchmark: one OBO exchange, certificate credential (PS256), in-memory transport; \(figures.first?.n ?? 0) timed calls per row "
          + "(\(options.rounds) interleaved rounds, after \(options.warmup) warm-up calls); user assertion \(userAssertion.count) B, "
          + "response \(cannedBody.count) B (access token \(accessToken.count) B, \(answer.idToken == nil ? "no" : "with") ID token)")
    let head = ("row", "median", "p90", "min", "target", "result", "what")
    let table: [(String, String, String, String, String, String, String)] = figures.map { f in
        (f.row.name, String(format: "%.0f µs", f.median), String(format: "%.0f µs", f.p90), String(format: "%.0f µs", f.min),
         f.row.target.map { String(format: "< %.0f ms", $0 / 1_000) } ?? "-", f.pass.map { $0 ? "PASS" : "FAIL" } ?? "info", f.row.note)
    }
    let all = [head] + table
    let widths = [all.map { $0.0.count }.max()!, all.map { $0.1.count }.max()!, all.map { $0.2.count }.max()!, all.map { $0.3.count }.max()!,
                  all.map { $0.4.count }.max()!, all.map { $0.5.count }.max()!]
    func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
    for r in all {
        print([pad(r.0, widths[0]), pad(r.1, widths[1]), pad(r.2, widths[2]), pad(r.3, widths[3]), pad(r.4, widths[4]), pad(r.5, widths[5]), r.6]
                .joined(separator: "  "))
    }
}
