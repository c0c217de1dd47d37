/// One GET of `/{tenant}/oauth2/v2.0/authorize`, as the endpoint reads it.
struct AuthorizeRequest: Sendable {
    let tenantSegment: String
    let pairs: [(name: String, value: String)]
    let now: Int64

    /// A parameter's first non-empty value.
    func param(_ name: String) -> String? {
        pairs.first { $0.name == name && !$0.value.isEmpty }?.value
    }

    func require(_ name: String) throws(EntraError) -> String {
        guard let value = param(name) else { throw SandboxErrors.missingParameter(name) }
        return value
    }

    /// MSAL sends its correlation ID as `client-request-id`; error pages echo it.
    var correlationID: String? { param("client-request-id") }

    /// The same request for one account: what the account picker links to.
    func link(loginHint: String) -> String {
        let kept = pairs.filter { $0.name != "login_hint" }.map { ($0.name, $0.value) }
        return "/\(FormBody.escape(tenantSegment))/oauth2/v2.0/authorize?" + FormBody.encode(kept + [("login_hint", loginHint)])
    }
}
