/// A named, reproducible situation: a happy path or one Entra failure. Its steps are data, so the
/// same scenario renders as a shell command for the running sandbox (`command(baseURL:)`) and
/// runs in-process (`ScenarioRunner`), and a test can check that it still ends as documented.
public struct Scenario: Sendable {
    /// Stable, kebab-case (`obo-id-token-assertion`): scripts and docs refer to it.
    public let id: String
    public let title: String
    /// `client-credentials`, `obo`, `auth-code`, `refresh`, `device-code`, `request`.
    public let flow: String
    /// The AADSTS code of the final answer; nil for the happy paths.
    public let code: Int?
    /// The HTTP status of the final answer.
    public let status: Int
    /// What happens and what to look at, in a sentence or two.
    public let explanation: String
    public let steps: [ScenarioStep]

    public init(_ id: String, _ title: String, flow: String, code: Int? = nil, status: Int? = nil, explanation: String, steps: [ScenarioStep]) {
        self.id = id
        self.title = title
        self.flow = flow
        self.code = code
        self.status = status ?? (code == nil ? 200 : 400)
        self.explanation = explanation
        self.steps = steps
    }

    /// A scenario that needs the sandbox's clock moved cannot be replayed against a running
    /// sandbox; its command runs it in-process instead.
    public var needsClock: Bool { steps.contains { if case .advanceClock = $0 { true } else { false } } }

    /// The one command that reproduces it. `mintOptions` are added to every `sandbox mint` in it
    /// (e.g. `--state-dir DIR`, so tokens are signed with the running sandbox's key).
    public func command(baseURL: String, mintOptions: [String] = []) -> String {
        needsClock ? "tokenscope sandbox scenarios --run \(id)" : ScenarioCommand.render(steps, baseURL: baseURL, mintOptions: mintOptions)
    }
}

/// One step of a scenario.
public enum ScenarioStep: Sendable {
    /// `POST /{tenant}/oauth2/v2.0/token`. Its JSON fields can be referred to by later steps.
    case token(tenant: String, fields: [ScenarioField], headers: [(String, String)] = [])
    /// `GET /{tenant}/oauth2/v2.0/authorize?...`: a sign-in with `login_hint`; later steps use its `code`.
    case authorize(tenant: String, query: [(String, String)])
    /// `POST /{tenant}/oauth2/v2.0/devicecode`; later steps use its `device_code` and `user_code`.
    case deviceCode(tenant: String, fields: [(String, String)])
    /// `GET /devicelogin?user_code=...&login_hint=...`: the user approves the device code.
    case approveDevice(user: String)
    /// Moves the sandbox's clock forward (in-process runs only).
    case advanceClock(seconds: Int64)
}

/// A form field: literal text, a token minted for the request, or a value an earlier step returned.
public struct ScenarioField: Sendable {
    public enum Value: Sendable {
        case text(String)
        case minted(MintSpec)
        /// `code` (authorize), `device_code` (devicecode), `refresh_token` / `access_token` (token).
        case fromEarlierStep(String)
    }
    public let name: String
    public let value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    public static func text(_ name: String, _ value: String) -> ScenarioField { ScenarioField(name, .text(value)) }
}
