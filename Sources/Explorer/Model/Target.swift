import TokenScopeCore

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

extension AppState {
    /// Where the next exchange goes, as the title bar and exports say it. The form's authority host
    /// decides: ←/→ on the Authority row switches between the sandbox and the real clouds, and the
    /// title must never say "sandbox" while runs go to real Entra.
    public var exchangeTarget: Target {
        let authority = form.value(.authority)
        let tenant = form.value(.tenant).nonEmpty
        switch target.kind {
        case .sandboxStarting where authority.isEmpty:
            return target
        case let .sandbox(url) where authority.isEmpty || authority == url || authority.hasPrefix(url + "/"):
            return target
        case .entra where authority.isEmpty:
            return Target(kind: target.kind, tenantLabel: tenant ?? target.tenantLabel)
        default:
            break
        }
        guard let parts = URLParts(authority) else {
            return Target(kind: .entra(cloudName: "authority \(authority)"), tenantLabel: tenant)
        }
        if let cloud = Cloud.cloud(forHost: parts.host) {
            return Target(kind: .entra(cloudName: cloud.displayName), tenantLabel: tenant ?? (target.isSandbox ? nil : target.tenantLabel))
        }
        // Another loopback authority (a second sandbox, a capture server) is no production cloud.
        if ["127.0.0.1", "::1", "[::1]", "localhost"].contains(parts.host.lowercased()) {
            return Target(kind: .sandbox(baseURL: authority), tenantLabel: tenant)
        }
        return Target(kind: .entra(cloudName: "authority \(parts.host)"), tenantLabel: tenant)
    }
}
