import Crypto
import TokenScopeCore

/// What a token is being minted for.
public struct MintRequest: Sendable {
    public var tenant: Tenant
    public var client: AppRegistration
    public var resource: AppRegistration
    /// nil for app-only tokens.
    public var user: DirectoryUser?
    /// Delegated scopes (user tokens) granted.
    public var scopes: [String]
    /// App roles (app-only tokens) granted.
    public var roles: [String]
    /// `0` public client, `1` secret, `2` certificate or assertion (`azpacr`/`appidacr`).
    public var clientAuth: String
    /// The resource identifier as requested (v1 tokens carry it as `aud` when it is an App ID URI).
    public var requestedResource: String
    public var amr: [String]
    /// Client capabilities from a `claims` request (`cp1`), emitted as `xms_cc`.
    public var clientCapabilities: [String]
    public var lifetime: Int64
    /// The user's sign-in included MFA (kept in the opaque `aio` claim, and in `amr` for v1).
    public var mfa: Bool
    /// Group object IDs for the `groups` claim (large tokens for paste and size tests).
    public var groups: [String] = []

    public init(tenant: Tenant, client: AppRegistration, resource: AppRegistration, user: DirectoryUser?, scopes: [String] = [],
                roles: [String] = [], clientAuth: String, requestedResource: String? = nil, amr: [String] = ["pwd"],
                clientCapabilities: [String] = [], lifetime: Int64 = 3599, mfa: Bool = false) {
        self.tenant = tenant
        self.client = client
        self.resource = resource
        self.user = user
        self.scopes = scopes
        self.roles = roles
        self.clientAuth = clientAuth
        self.requestedResource = requestedResource ?? resource.clientId
        self.amr = amr
        self.clientCapabilities = clientCapabilities
        self.lifetime = lifetime
        self.mfa = mfa
    }
}

/// Mints tokens with the claims Entra issues, per the resource's `accessTokenAcceptedVersion`.
public struct TokenMinter: Sendable {
    let keys: SigningKeyStore
    /// Base URL of the sandbox (`http://127.0.0.1:PORT`).
    let baseURL: String
    /// Resolves a guest's home tenant for `idp`; nil when minting without a directory.
    var directory: SandboxDirectory? = nil

    public func issuer(_ tenant: Tenant, v2: Bool) -> String {
        v2 ? "\(baseURL)/\(tenant.id)/v2.0" : "\(baseURL)/\(tenant.id)/"
    }

    public func accessToken(_ r: MintRequest, now: Int64) -> String {
        let v2 = r.resource.accessTokenAcceptedVersion == 2
        var c: [(key: String, value: JSONValue)] = []
        let aud = v2 || r.requestedResource.lowercased() == r.resource.clientId ? r.resource.clientId : r.requestedResource
        c.append(("aud", .string(aud)))
        c.append(("iss", .string(issuer(r.tenant, v2: v2))))
        c.append(("iat", num(now)))
        c.append(("nbf", num(now)))
        c.append(("exp", num(now + r.lifetime)))
        if !v2, r.user != nil { c.append(("acr", .string("1"))) }
        c.append(("aio", .string(SessionMarker.aio(mfa: r.mfa))))
        if !v2, r.user != nil { c.append(("amr", .array((r.mfa ? r.amr + ["mfa"] : r.amr).map(JSONValue.string)))) }
        c.append((v2 ? "azp" : "appid", .string(r.client.clientId)))
        c.append((v2 ? "azpacr" : "appidacr", .string(r.clientAuth)))
        if !r.groups.isEmpty { c.append(("groups", .array(r.groups.map(JSONValue.string)))) }
        if let user = r.user {
            if let home = idp(user, r.tenant) { c.append(("idp", .string(home))) }
            c.append(("name", .string(user.displayName)))
            c.append(("oid", .string(user.oid)))
            if v2 { c.append(("preferred_username", .string(user.upn))) }
        } else {
            c.append(("idtyp", .string("app")))
            c.append(("oid", .string(Identifiers.servicePrincipalID(r.client, r.tenant))))
        }
        c.append(("rh", .string("1.A" + Random.token(40))))
        if !r.roles.isEmpty { c.append(("roles", .array(r.roles.map(JSONValue.string)))) }
        if r.user != nil { c.append(("scp", .string(r.scopes.joined(separator: " ")))) }
        c.append(("sub", .string(r.user.map { Identifiers.pairwiseSubject(oid: $0.oid, clientId: r.client.clientId) }
                                ?? Identifiers.servicePrincipalID(r.client, r.tenant))))
        c.append(("tid", .string(r.tenant.id)))
        if let user = r.user, !v2 {
            c.append(("unique_name", .string(user.upn)))
            c.append(("upn", .string(user.upn)))
        }
        c.append(("uti", .string(Random.token(16))))
        c.append(("ver", .string(v2 ? "2.0" : "1.0")))
        if !r.clientCapabilities.isEmpty { c.append(("xms_cc", .array(r.clientCapabilities.map(JSONValue.string)))) }
        let header: [(key: String, value: JSONValue)] = r.resource.nonceHeader ? [("nonce", .string(Random.token(32)))] : []
        return keys.sign(header: header, claims: .object(c), v1: !v2)
    }

    /// A v2.0 ID token for `client`, with the `nonce` of the sign-in request.
    public func idToken(tenant: Tenant, client: AppRegistration, user: DirectoryUser, nonce: String?, now: Int64) -> String {
        var c: [(key: String, value: JSONValue)] = [
            ("aud", .string(client.clientId)),
            ("iss", .string(issuer(tenant, v2: true))),
            ("iat", num(now)), ("nbf", num(now)), ("exp", num(now + 3600)),
        ]
        if let home = idp(user, tenant) { c.append(("idp", .string(home))) }
        c.append(("name", .string(user.displayName)))
        if let nonce { c.append(("nonce", .string(nonce))) }
        c.append(("oid", .string(user.oid)))
        c.append(("preferred_username", .string(user.upn)))
        c.append(("rh", .string("1.A" + Random.token(40))))
        c.append(("sid", .string(Random.guid())))
        c.append(("sub", .string(Identifiers.pairwiseSubject(oid: user.oid, clientId: client.clientId))))
        c.append(("tid", .string(tenant.id)))
        c.append(("uti", .string(Random.token(16))))
        c.append(("ver", .string("2.0")))
        return keys.sign(claims: .object(c))
    }

    /// `client_info`: base64url JSON `{"uid": oid, "utid": home tenant}` (MSAL's home account ID).
    public func clientInfo(user: DirectoryUser, homeTenantID: String) -> String {
        Base64URL.encode(Array(JSONWriter.write(.object([("uid", .string(user.oid)), ("utid", .string(homeTenantID))]), pretty: false).utf8))
    }

    /// Guests carry their home tenant's issuer in `idp`.
    private func idp(_ user: DirectoryUser, _ tenant: Tenant) -> String? {
        guard user.homeTenant != tenant.name else { return nil }
        // Entra names the home tenant's (v1) issuer, which carries its GUID.
        let home = directory?.tenant(named: user.homeTenant)?.id ?? user.homeTenant
        return "\(baseURL)/\(home)/"
    }

    private func num(_ v: Int64) -> JSONValue { .number(String(v)) }
}

/// Entra keeps session facts in the opaque `aio` claim; the sandbox does the same for one fact it
/// needs later (did the sign-in include MFA?), so v2 tokens stay Entra-shaped (no `amr`).
enum SessionMarker {
    static func aio(mfa: Bool) -> String { (mfa ? "M" : "P") + Random.token(30) }
    static func isMFA(aio: String?) -> Bool { aio?.hasPrefix("M") ?? false }
}

/// Stable identifiers derived from directory objects (Entra's are random but fixed per object).
enum Identifiers {
    /// The service principal of `app` in `tenant`: a deterministic GUID.
    static func servicePrincipalID(_ app: AppRegistration, _ tenant: Tenant) -> String {
        guid(from: Array(SHA256.hash(data: Array("sp:\(app.clientId):\(tenant.id)".utf8))))
    }

    /// `sub` is pairwise: the same user has a different subject in each app.
    static func pairwiseSubject(oid: String, clientId: String) -> String {
        String(Base64URL.encode(Array(SHA256.hash(data: Array("sub:\(oid):\(clientId)".utf8)))).prefix(43))
    }

    static func guid(from bytes: [UInt8]) -> String {
        var b = Array(bytes.prefix(16))
        b[6] = (b[6] & 0x0F) | 0x50   // version 5 style
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }
}

/// Random identifiers for codes, refresh tokens, `uti`, trace IDs.
enum Random {
    /// Eight bytes per draw: each draw from the system generator is a `getrandom` call.
    static func bytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        var out: [UInt8] = []
        out.reserveCapacity(n + 8)
        while out.count < n {
            withUnsafeBytes(of: g.next()) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(n))
    }

    static func token(_ n: Int) -> String { Base64URL.encode(bytes(n)) }

    static func guid() -> String { Identifiers.guid(from: bytes(16)).replacingVersion() }
}

private extension String {
    /// Random GUIDs are version 4.
    func replacingVersion() -> String {
        var chars = Array(self)
        chars[14] = "4"
        return String(chars)
    }
}
