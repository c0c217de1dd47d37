/// The five panes, reachable by number (1–5) and Tab. Their numbers are part of the key contract.
public enum Pane: Int, CaseIterable, Sendable, Equatable {
    case token = 1
    case exchange = 2
    case result = 3
    case advice = 4
    case trace = 5

    public var title: String {
        switch self {
        case .token: return "Token"
        case .exchange: return "Exchange"
        case .result: return "Result"
        case .advice: return "Advice"
        case .trace: return "Trace"
        }
    }

    var next: Pane { Pane(rawValue: rawValue % 5 + 1)! }
    var previous: Pane { Pane(rawValue: (rawValue + 3) % 5 + 1)! }
}
