import Foundation
import Testing
@testable import TokenScopeCore
@testable import TokenScopeSandbox

/// A demo-directory sandbox with a fixed clock, plus shortcuts to call its token endpoint
/// in-process and to mint the user tokens scenarios start from.
struct SandboxHarness {
    static let now: Int64 = 1_795_946_400   // 2026-11-29T10:00:00Z
    let authority: SandboxAuthority
    let contoso: Tenant
    let fabrikam: Tenant

    init(now: Int64 = SandboxHarness.now) throws {
        authority = try SandboxAuthority.demo(clock: { now })
        authority.baseURL = "http://127.0.0.1:8400"
        contoso = authority.directory.tenant(named: "contoso")!
        fabrikam = authority.directory.tenant(named: "fabrikam")!
    }

    func app(_ name: String) -> AppRegistration { authority.directory.app(named: name)! }
    func user(_ name: String) -> DirectoryUser { authority.directory.user(named: name)! }
    func secret(_ app: String) -> String { self.app(app).secrets[0].value }

    /// POSTs a form to `/{tenant}/oauth2/v2.0/token` in-process.
    func token(_ fields: [(String, String)], tenant: String = DemoDirectory.contoso, headers: [(String, String)] = [],
               now: Int64 = SandboxHarness.now) -> (status: Int, body: JSONValue) {
        let request = TokenRequest(tenantSegment: tenant, fields: fields.map { (name: $0.0, value: $0.1) },
                                   headers: headers.map { (name: $0.0, value: $0.1) }, now: now)
        return TokenEndpoint.handle(request, authority: authority)
    }

    /// An access token for `resource` as `client` would get it for `user` (the start of an OBO).
    func userToken(user: String = "alice", client: String = "spa-client", resource: String = "middle-tier-api",
                   scopes: [String] = ["access_as_user"], tenant: Tenant? = nil, mfa: Bool = false, now: Int64 = SandboxHarness.now) -> String {
        let mint = MintRequest(tenant: tenant ?? contoso, client: app(client), resource: app(resource), user: self.user(user),
                               scopes: scopes, clientAuth: "0", mfa: mfa)
        return authority.minter.accessToken(mint, now: now)
    }

    /// The AADSTS code of an error body.
    static func code(_ body: JSONValue) -> Int? {
        body["error_codes"]?.arrayValue?.first?.doubleValue.map { Int($0) }
    }

    static func claims(_ token: String?) -> JSONValue? {
        token.flatMap { TokenParser.parse($0).claims }
    }
}
