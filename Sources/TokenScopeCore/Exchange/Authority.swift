/// Where a token request goes. Entra authorities (a known login host, or a custom host in
/// Entra's shape such as the sandbox) use Entra's endpoint templates, as MSAL.NET does for AAD
/// authorities; a generic OIDC authority's endpoints come from its discovery document.
public struct Authority: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A Microsoft login host of a known cloud.
        case entra(Cloud)
        /// Another host in Entra's shape (`https://host[:port]/{tenant}`), e.g. the sandbox.
        case custom
        /// A generic OpenID Connect authority (`--oidc-authority`): endpoints from discovery.
        case oidc
    }

    public let kind: Kind
    public let scheme: String
    /// Lowercased host; IPv6 literals keep their brackets.
    public let host: String
    public let port: Int?
    /// The tenant segment (GUID, domain, `common`, `organizations`, `consumers`); for an OIDC
    /// authority, the path after the host without the leading slash (may be empty).
    public let tenant: String

    public init(kind: Kind, scheme: String, host: String, port: Int?, tenant: String) {
        self.kind = kind
        self.scheme = scheme
        self.host = host
        self.port = port
        self.tenant = tenant
    }

    /// `https://login.microsoftonline.com`, `http://127.0.0.1:8400`.
    public var origin: String { "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")" }

    /// The authority URL as MSAL takes it: `{origin}/{tenant}`.
    public var url: String { tenant.isEmpty ? origin : "\(origin)/\(tenant)" }

    public var isLoopback: Bool { AuthorityRules.isLoopback(host) }

    /// `common`, `organizations` or `consumers`: no single tenant.
    public var isTenantless: Bool { ["common", "organizations", "consumers"].contains(tenant.lowercased()) }

    /// Entra's endpoints, from MSAL.NET's templates; nil for an OIDC authority (use discovery).
    public var entraEndpoints: AuthorityEndpoints? {
        if case .oidc = kind { return nil }
        return AuthorityEndpoints(token: "\(url)/oauth2/v2.0/token",
                                  authorize: "\(url)/oauth2/v2.0/authorize",
                                  deviceCode: "\(url)/oauth2/v2.0/devicecode")
    }

    /// MSAL.NET signs certificate assertions with PS256 + `x5t#S256` for Entra-shaped authorities
    /// and with RS256 + `x5t` for generic OIDC (and ADFS) authorities.
    public var supportsSHA2Assertions: Bool {
        if case .oidc = kind { return false }
        return tenant.lowercased() != "adfs"
    }

    /// The same authority with another tenant segment (e.g. OBO's default: the assertion's `tid`).
    public func withTenant(_ tenant: String) -> Authority {
        Authority(kind: kind, scheme: scheme, host: host, port: port, tenant: tenant)
    }

    public var cloud: Cloud? {
        if case let .entra(cloud) = kind { return cloud }
        return nil
    }
}

/// The endpoints one exchange uses.
public struct AuthorityEndpoints: Sendable, Equatable {
    public let token: String
    public let authorize: String
    public let deviceCode: String?

    public init(token: String, authorize: String, deviceCode: String?) {
        self.token = token
        self.authorize = authorize
        self.deviceCode = deviceCode
    }
}
