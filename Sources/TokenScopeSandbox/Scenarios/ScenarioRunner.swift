public import TokenScopeCore
import Synchronization

/// Runs a scenario in-process against a fresh authority, through the same endpoint functions the
/// routes call. Its clock is its own, so scenarios that need time to pass (an inactive refresh
/// token) run in milliseconds. `sandbox scenarios --run ID` prints the result; tests assert on it.
public enum ScenarioRunner {
    public struct StepResult: Sendable {
        /// `POST /contoso.onmicrosoft.com/oauth2/v2.0/token grant_type=...`, for display.
        public let request: String
        public let status: Int
        /// The JSON body, the redirect `Location`, or a note.
        public let response: String
    }

    public struct Outcome: Sendable {
        public let steps: [StepResult]
        public let finalBody: JSONValue?
        /// The status of the last answer (clock steps have none).
        public var status: Int { steps.last(where: { $0.status != 0 })?.status ?? 0 }
        /// The AADSTS code of the final answer, if it is an error.
        public var code: Int? { finalBody?["error_codes"]?.arrayValue?.first?.doubleValue.map { Int($0) } }

        /// Did it end as the scenario documents?
        public func matches(_ scenario: Scenario) -> Bool { status == scenario.status && code == scenario.code }
    }

    public static func run(_ scenario: Scenario, directory: SandboxDirectory, baseURL: String = "http://127.0.0.1:8400",
                           start: Int64) throws -> Outcome {
        let clock = Mutex(start)
        let authority = try SandboxAuthority(directory: directory, stateDirectory: nil, clock: { clock.withLock { $0 } })
        authority.baseURL = baseURL
        var captured: [String: String] = [:]
        var results: [StepResult] = []
        var last: JSONValue?
        for step in scenario.steps {
            let now = clock.withLock { $0 }
            switch step {
            case let .token(tenant, fields, headers):
                var form: [(name: String, value: String)] = []
                for field in fields { form.append((field.name, try value(field.value, captured, authority, now))) }
                let request = TokenRequest(tenantSegment: tenant, fields: form, headers: headers.map { (name: $0.0, value: $0.1) }, now: now)
                let (status, body) = TokenEndpoint.handle(request, authority: authority)
                for name in ["refresh_token", "access_token"] { if let v = body[name]?.stringValue { captured[name] = v } }
                last = body
                results.append(StepResult(request: "POST /\(tenant)/oauth2/v2.0/token " + describe(form), status: status,
                                          response: JSONWriter.write(body, pretty: false)))
            case let .authorize(tenant, query):
                let response = AuthorizeEndpoint.handle(tenantSegment: tenant, query: query.map { (name: $0.0, value: $0.1) }, now: now, authority: authority)
                if let code = parameters(of: response.location).first(where: { $0.name == "code" })?.value { captured["code"] = code }
                last = nil
                results.append(StepResult(request: "GET /\(tenant)/oauth2/v2.0/authorize?" + FormBody.encode(query), status: response.status,
                                          response: response.location.map { "Location: \($0)" } ?? "(an HTML page)"))
            case let .deviceCode(tenant, fields):
                let (status, body) = DeviceCodeEndpoint.handle(tenantSegment: tenant, fields: fields.map { (name: $0.0, value: $0.1) }, now: now, authority: authority)
                for name in ["device_code", "user_code"] { if let v = body[name]?.stringValue { captured[name] = v } }
                last = body
                results.append(StepResult(request: "POST /\(tenant)/oauth2/v2.0/devicecode " + describe(fields.map { (name: $0.0, value: $0.1) }),
                                          status: status, response: JSONWriter.write(body, pretty: false)))
            case let .approveDevice(user):
                let query = [(name: "user_code", value: captured["user_code"] ?? ""), (name: "login_hint", value: user)]
                let response = DeviceLoginEndpoint.handle(query: query, now: now, authority: authority)
                last = nil
                results.append(StepResult(request: "GET /devicelogin?" + FormBody.encode(query.map { ($0.name, $0.value) }), status: response.status,
                                          response: "(an HTML page)"))
            case let .advanceClock(seconds):
                clock.withLock { $0 += seconds }
                results.append(StepResult(request: "(the sandbox's clock moves \(TimeText.duration(seconds)) forward)", status: 0, response: ""))
            }
        }
        return Outcome(steps: results, finalBody: last)
    }

    static func value(_ value: ScenarioField.Value, _ captured: [String: String], _ authority: SandboxAuthority, _ now: Int64) throws -> String {
        switch value {
        case let .text(text): return text
        case let .minted(spec): return try SandboxMint.mint(spec, authority: authority, now: now)
        case let .fromEarlierStep(name): return captured[name] ?? ""
        }
    }

    /// The redirect's response parameters (query or fragment).
    static func parameters(of location: String?) -> [(name: String, value: String)] {
        guard let location, let start = location.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return [] }
        let rest = location[location.index(after: start)...]
        return FormBody.parse(rest.split(separator: "#", omittingEmptySubsequences: false).first ?? "")
    }

    /// Form fields for display, with secrets and tokens shortened.
    static func describe(_ form: [(name: String, value: String)]) -> String {
        form.map { field in
            let v = field.value.count > 48 ? String(field.value.prefix(24)) + "..." : field.value
            return "\(field.name)=\(v)"
        }.joined(separator: "&")
    }
}
