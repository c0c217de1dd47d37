public import ArgumentParser
import Foundation
import TokenScopeCore
import TokenScopeHTTP

extension Flow: ExpressibleByArgument {}

struct DecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a token, explain every claim and flag what is wrong for the job at hand.",
        discussion: """
        The input may be a bare token, `Bearer <token>`, an `Authorization:` header line, a JSON token \
        response (each of access_token, id_token and refresh_token is inspected), a curl or HTTP line, \
        or a token wrapped over several lines or in quotes. Nothing is sent anywhere unless --verify \
        is given.

        Exit codes: 0 no error findings, 1 error findings, 2 usage error or unreadable input.

        Examples:
          tokenscope decode --sample
          tokenscope decode eyJ0eXAiOiJKV1Qi...
          tokenscope decode - < token.txt
          tokenscope decode --file response.json --json
          tokenscope decode --env ACCESS_TOKEN --flow obo --expect-audience api://middle-tier --expect-scope access_as_user
          tokenscope decode --file token.txt --verify --authority https://login.microsoftonline.com/contoso.onmicrosoft.com
          tokenscope decode --file token.txt --jwks keys.json --now 2026-11-29T10:00:00Z
        """
    )

    @Argument(help: ArgumentHelp("The token or text containing it; `-` reads stdin.", valueName: "text"))
    var text: String?

    @Option(name: .long, help: ArgumentHelp("Read the input from a file.", valueName: "path"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Read the input from an environment variable.", valueName: "name"))
    var env: String?

    @Option(name: .long, help: "The job the token is for: obo, client-credentials or auth-code. With obo, a readiness verdict is printed.")
    var flow: Flow?

    @Option(name: .customLong("expect-audience"), help: ArgumentHelp("Client ID or App ID URI the token must be for (repeatable, or comma-separated).", valueName: "aud"))
    var expectAudience: [String] = []

    @Option(name: .customLong("expect-tenant"), help: ArgumentHelp("Tenant ID the token must come from.", valueName: "tenant"))
    var expectTenant: String?

    @Option(name: .customLong("expect-scope"), help: ArgumentHelp("Scope or app role the token must carry (repeatable, or comma-separated).", valueName: "scope"))
    var expectScope: [String] = []

    @Option(name: .long, help: ArgumentHelp("The authority you use or plan to use (https://host/{tenant}); checks tenant rules and is where --verify discovers keys.", valueName: "url"))
    var authority: String?

    @Option(name: .long, help: ArgumentHelp("Judge times as of this instant (ISO 8601 or Unix seconds) for reproducible output.", valueName: "time"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Clock skew allowed in time checks: seconds, or 90s, 5m, 1h.", valueName: "duration"))
    var skew: String = "5m"

    @Flag(name: .long, help: "Verify the signature: discover the issuer's keys over HTTPS (or from --authority), or use --jwks.")
    var verify = false

    @Option(name: .long, help: ArgumentHelp("Verify offline against this JWKS file (implies --verify).", valueName: "path"))
    var jwks: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Also trust this PEM CA for --verify (e.g. the sandbox's local CA from `tokenscope sandbox serve --tls`).", valueName: "path"))
    var caFile: String?

    @Flag(name: .long, help: "Inspect a built-in sample (a Graph token sent to a middle tier for On-Behalf-Of) to see what TokenScope reports.")
    var sample = false

    @Flag(name: .long, help: "Print one JSON document (see docs/JSON.md) instead of the human report.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never use colour (also when NO_COLOR is set or the output is not a terminal).")
    var noColor = false

    func run() async throws {
        var context = try makeContext()
        let input: String
        if sample {
            guard text == nil, file == nil, env == nil else { throw InputError("--sample takes no other input") }
            input = try SampleToken.make(now: context.now)
            if context.flow == nil { context.flow = .obo }
        } else {
            input = try InputReader.read(argument: text, file: file, env: env, stdinIsTerminal: isatty(STDIN_FILENO) == 1)
        }
        var reports: [TokenReport]
        do {
            reports = try TokenInspector.inspect(text: input, context: context)
        } catch {
            throw InputError(error.description)
        }
        if verify || jwks != nil { reports = try await verified(reports) }

        if json {
            print(JSONWriter.write(ReportJSON.document(reports)))
        } else {
            let colour = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
            print(HumanReport(colour: colour).render(reports), terminator: "")
        }
        if reports.contains(where: \.hasErrors) { throw ExitCode(1) }
    }

    private func makeContext() throws -> InspectionContext {
        let nowSeconds: Int64
        if let now {
            guard let parsed = Int64(now) ?? TimeText.parseISO8601(now) else {
                throw InputError("--now `\(now)` is not a time: use ISO 8601 (2026-11-29T10:00:00Z) or Unix seconds")
            }
            nowSeconds = parsed
        } else {
            nowSeconds = Int64(Date().timeIntervalSince1970)
        }
        guard let skewSeconds = DurationText.seconds(skew) else {
            throw InputError("--skew `\(skew)` is not a duration: use seconds or a number with s, m or h (5m)")
        }
        return InspectionContext(flow: flow, expectedAudiences: split(expectAudience), expectedTenant: expectTenant,
                                 expectedScopes: split(expectScope), authority: authority, now: nowSeconds, skew: skewSeconds)
    }

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func verified(_ reports: [TokenReport]) async throws -> [TokenReport] {
        if let jwks {
            let bytes: [UInt8]
            do {
                bytes = Array(try InputReader.readFile(jwks).utf8)
            }
            return await reports.asyncMap { $0.applying(await TokenVerification.verify($0, keys: .jwks(bytes, origin: jwks))) }
        }
        let transport: AsyncHTTPTransport
        if let caFile {
            let pem = try InputReader.readFile(caFile)
            guard pem.contains("-----BEGIN CERTIFICATE-----") else { throw InputError("--ca-file \(caFile) holds no PEM certificate") }
            do {
                transport = try AsyncHTTPTransport(additionalTrustRootsPEM: pem)
            } catch {
                throw InputError("--ca-file \(caFile) could not be read as PEM certificates: \(error)")
            }
        } else {
            transport = AsyncHTTPTransport()
        }
        let result = await reports.asyncMap { $0.applying(await TokenVerification.verify($0, keys: .discovery(authority: authority, transport: transport))) }
        await transport.shutdown()
        return result
    }
}

extension Array where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for element in self { out.append(await transform(element)) }
        return out
    }
}

/// `300`, `90s`, `5m`, `1h` → seconds.
enum DurationText {
    static func seconds(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int64)] = [("min", 60), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let v = Int64(t.dropLast(suffix.count)), v >= 0, v < 1_000_000 else { return nil }
            return v * factor
        }
        guard let v = Int64(t), v >= 0, v < 100_000_000 else { return nil }
        return v
    }
}
