import Crypto
import CryptoExtras
import Foundation
import TokenScopeCore

/// Mints what a `MintSpec` describes with the authority's current key (or a demo certificate's
/// key), as the sandbox itself would, so the running sandbox accepts the result unless the spec
/// asks for a defect (`expired`, `badSignature`, a wrong audience...).
public enum SandboxMint {
    public static func mint(_ spec: MintSpec, authority: SandboxAuthority, now: Int64) throws(MintError) -> String {
        switch spec.kind {
        case .accessToken: return try accessToken(spec, authority, now)
        case .idToken: return try idToken(spec, authority, now)
        case .clientAssertion: return try clientAssertion(spec, authority, now)
        case .workload: return try workloadToken(spec, authority, now)
        }
    }

    /// A stable, GUID-shaped group object ID for the n-th group.
    static func groupID(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return "9f0e1d2c-3b4a-4c5d-8e6f-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// An hour and a bit before now, so even the sandbox's 5-minute skew cannot save the token.
    static func issuedAt(_ spec: MintSpec, _ now: Int64) -> Int64 { spec.expired ? now - 7200 : now }

    static func minter(_ spec: MintSpec, _ authority: SandboxAuthority) -> TokenMinter {
        // A throwaway key has a kid the sandbox has never published: "not signed by this authority".
        let keys = spec.badSignature ? (try? SigningKeyStore(stateDirectory: nil)) ?? authority.keys : authority.keys
        return TokenMinter(keys: keys, baseURL: authority.baseURL, directory: authority.directory)
    }

    private static func accessToken(_ spec: MintSpec, _ authority: SandboxAuthority, _ now: Int64) throws(MintError) -> String {
        let directory = authority.directory
        let client = try app(spec.client, "--client", directory)
        let user = try spec.user.map { u throws(MintError) in try self.user(u, directory) }
        guard let scopeText = spec.scope else { throw MintError("--scope is required for an access token (e.g. api://middle-tier-api/access_as_user)") }
        let scope: ScopeRequest
        do { scope = try ScopeRequest.parse(scopeText) } catch { throw MintError("--scope `\(scopeText)`: \(error.message)") }
        guard let resourceID = scope.resource, var resource = directory.app(resource: resourceID) else {
            throw MintError("--scope `\(scopeText)` names no resource of the directory (use an App ID URI or client ID, e.g. api://downstream-api/Data.Read)")
        }
        if let version = spec.version {
            guard version == 1 || version == 2 else { throw MintError("--version must be 1 or 2") }
            resource.accessTokenAcceptedVersion = version
        }
        let tenant = try self.tenant(spec.tenant, default: client.tenant, directory)
        let request: MintRequest
        if let user {
            let names = scope.isDefault ? resource.scopes.map(\.value) : scope.names
            request = MintRequest(tenant: tenant, client: client, resource: resource, user: user, scopes: names,
                                  clientAuth: client.publicClient ? "0" : "1", requestedResource: resourceID, mfa: spec.mfa)
        } else {
            guard scope.isDefault else { throw MintError("an app-only token (no --user) is requested with {resource}/.default, e.g. api://downstream-api/.default") }
            request = MintRequest(tenant: tenant, client: client, resource: resource, user: nil,
                                  roles: directory.assignedRoles(client: client, resource: resource, tenant: tenant),
                                  clientAuth: "1", requestedResource: resourceID)
        }
        var withGroups = request
        withGroups.groups = (0..<max(0, spec.groups)).map(groupID)
        return minter(spec, authority).accessToken(withGroups, now: issuedAt(spec, now))
    }

    private static func idToken(_ spec: MintSpec, _ authority: SandboxAuthority, _ now: Int64) throws(MintError) -> String {
        let directory = authority.directory
        let client = try app(spec.client, "--client", directory)
        guard let name = spec.user else { throw MintError("--user is required for an ID token") }
        let user = try self.user(name, directory)
        let tenant = try self.tenant(spec.tenant, default: client.tenant, directory)
        return minter(spec, authority).idToken(tenant: tenant, client: client, user: user, nonce: nil, now: issuedAt(spec, now))
    }

    /// A `private_key_jwt` as MSAL builds it: RS256, `x5t` of the app's demo certificate,
    /// `aud` = the token endpoint, `iss` = `sub` = client ID, ten minutes of validity.
    private static func clientAssertion(_ spec: MintSpec, _ authority: SandboxAuthority, _ now: Int64) throws(MintError) -> String {
        let client = try app(spec.client, "--client", authority.directory)
        guard let certificate = authority.certificates.certificates(app: client.name).first(where: { $0.privateKeyPEM != nil }),
              let pem = certificate.privateKeyPEM, let certificateKey = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) else {
            throw MintError("app `\(client.name)` has no demo certificate with a private key (give it `certificates: [{name: x, generate: true}]`)")
        }
        let segment = spec.tenant ?? authority.directory.tenant(named: client.tenant)?.id ?? client.tenant
        let issued = issuedAt(spec, now)
        let claims = JSONValue.object([
            ("aud", .string(spec.audience ?? "\(authority.baseURL)/\(segment)/oauth2/v2.0/token")),
            ("exp", number(issued + 600)), ("iss", .string(client.clientId)), ("jti", .string(Random.guid())),
            ("nbf", number(issued)), ("sub", .string(client.clientId)), ("iat", number(issued)),
        ])
        var header: [(key: String, value: JSONValue)] = [("alg", .string("RS256")), ("typ", .string("JWT"))]
        if !spec.noThumbprint { header.append(("x5t", .string(certificate.sha1Thumbprint))) }
        let key = spec.badSignature ? ((try? _RSA.Signing.PrivateKey(keySize: .bits2048)) ?? certificateKey) : certificateKey
        return sign(header: .object(header), claims: claims, key: key)
    }

    /// A token from the sandbox's `/federation` issuer, as a Kubernetes or CI workload would present.
    private static func workloadToken(_ spec: MintSpec, _ authority: SandboxAuthority, _ now: Int64) throws(MintError) -> String {
        let fic = try spec.client.map { c throws(MintError) in try app(c, "--client", authority.directory) }?.federatedCredentials.first
        guard let subject = spec.subject ?? fic?.subject else { throw MintError("--subject is required (or --client naming an app with a federated credential)") }
        let issued = issuedAt(spec, now)
        let claims = JSONValue.object([
            ("aud", .string(spec.audience ?? fic?.audience ?? "api://AzureADTokenExchange")),
            ("iss", .string(spec.issuer ?? FederationIssuer.issuer(authority))), ("sub", .string(subject)),
            ("iat", number(issued)), ("nbf", number(issued)), ("exp", number(issued + 3600)), ("jti", .string(Random.guid())),
        ])
        return minter(spec, authority).keys.sign(claims: claims)
    }

    private static func sign(header: JSONValue, claims: JSONValue, key: _RSA.Signing.PrivateKey) -> String {
        let input = Base64URL.encode(Array(JSONWriter.write(header, pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONWriter.write(claims, pretty: false).utf8))
        // Signing with a key held in memory fails only on memory corruption.
        let signature = try! key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }

    private static func number(_ v: Int64) -> JSONValue { .number(String(v)) }

    static func app(_ name: String?, _ flag: String, _ directory: SandboxDirectory) throws(MintError) -> AppRegistration {
        guard let name else { throw MintError("\(flag) is required (an app name such as spa-client, or a client ID)") }
        guard let app = directory.app(named: name) ?? directory.app(clientId: name) else {
            throw MintError("\(flag) `\(name)` is no app of the directory; apps: \(directory.apps.map(\.name).joined(separator: ", "))")
        }
        return app
    }

    static func user(_ name: String, _ directory: SandboxDirectory) throws(MintError) -> DirectoryUser {
        guard let user = directory.user(matching: name) else {
            throw MintError("--user `\(name)` is no user of the directory; users: \(directory.users.map(\.name).joined(separator: ", "))")
        }
        return user
    }

    static func tenant(_ name: String?, default home: String, _ directory: SandboxDirectory) throws(MintError) -> Tenant {
        if let name {
            guard let tenant = directory.tenant(named: name) ?? directory.tenant(matching: name) else {
                throw MintError("--tenant `\(name)` is no tenant of the directory; tenants: \(directory.tenants.map(\.name).joined(separator: ", "))")
            }
            return tenant
        }
        guard let tenant = directory.tenant(named: home) else { throw MintError("the app's home tenant `\(home)` is not in the directory") }
        return tenant
    }
}
