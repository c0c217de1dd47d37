/// Where exchanges go, as the title bar shows it: the embedded sandbox or a real Entra cloud.
public struct Target: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The embedded sandbox is being started (the first frame does not wait for it).
        case sandboxStarting
        /// The in-process sandbox authority at `baseURL` (loopback).
        case sandbox(baseURL: String)
        /// Real Entra ID: a cloud name such as "Azure public cloud".
        case entra(cloudName: String)
    }

    public var kind: Kind
    /// The tenant shown beside it (a name, domain or GUID), if known.
    public var tenantLabel: String?

    public init(kind: Kind, tenantLabel: String? = nil) {
        self.kind = kind
        self.tenantLabel = tenantLabel
    }

    public var isSandbox: Bool {
        switch kind {
        case .sandbox, .sandboxStarting: return true
        case .entra: return false
        }
    }

    /// "sandbox http://127.0.0.1:PORT" or "Azure public cloud".
    public var label: String {
        switch kind {
        case .sandboxStarting: return "sandbox starting…"
        case let .sandbox(url): return "sandbox \(url)"
        case let .entra(name): return name
        }
    }
}
