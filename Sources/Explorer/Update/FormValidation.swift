import TokenScopeCore

/// What is wrong with the form before anything is sent: the mistakes Entra would answer with an
/// AADSTS code, caught while the user is still looking at the form.
public struct ValidationIssue: Equatable, Sendable {
    public enum Severity: Equatable, Sendable { case error, warning }
    public let field: FormField
    public let severity: Severity
    public let message: String
}

enum FormValidation {
    static func issues(_ state: AppState) -> [ValidationIssue] {
        let form = state.form
        var issues: [ValidationIssue] = []
        func error(_ field: FormField, _ message: String) { issues.append(ValidationIssue(field: field, severity: .error, message: message)) }
        func warning(_ field: FormField, _ message: String) { issues.append(ValidationIssue(field: field, severity: .warning, message: message)) }

        if form.value(.authority).isEmpty { error(.authority, "Authority host is required (e.g. https://login.microsoftonline.com)") }
        let tenant = form.value(.tenant).lowercased()
        let token = state.token.inspected?.reports.first
        if tenant.isEmpty {
            if form.flow == .onBehalfOf {
                if let token, token.claimString("tid") == nil, token.issuer?.tenant == nil {
                    error(.tenant, "Tenant is empty and the token has no tid to default to")
                }
            } else {
                error(.tenant, "Tenant is required: a tenant GUID or domain")
            }
        } else if form.flow == .clientCredentials, ["common", "organizations", "consumers"].contains(tenant) {
            error(.tenant, "Client credentials need a tenant: /\(tenant) is refused (AADSTS9001023); use the tenant ID or domain")
        } else if form.flow == .onBehalfOf, ["common", "organizations"].contains(tenant) {
            warning(.tenant, "OBO on /\(tenant): guests get the wrong tenant; use the token's tid")
        }

        let clientId = form.value(.clientId)
        if clientId.isEmpty {
            error(.clientId, "Client ID is required: the Application (client) ID of the app registration")
        } else if !GUID.isGUID(clientId) {
            error(.clientId, "Client ID is not a GUID: use the Application (client) ID, not the app's name or object ID")
        }

        let scopes = form.value(.scopes).split(separator: " ").map(String.init)
        if scopes.isEmpty {
            error(.scopes, form.flow == .clientCredentials ? "Scopes: client credentials need {resource}/.default" : "Scopes: enter at least one scope")
        } else if let exchangeFlow = form.flow.exchangeFlow {
            do {
                try ScopeRules.check(exchangeFlow, requested: scopes)
            } catch {
                self.error(&issues, .scopes, "\(error.message) \(error.fix)")
            }
        }

        switch form.credential {
        case .secret where form.value(.secret).isEmpty: error(.secret, "Secret is empty: paste the secret's value (not its ID)")
        case .certificate where form.value(.certificate).isEmpty: error(.certificate, "Certificate: give the path of a PEM or .pfx file")
        case .assertion where form.value(.assertion).isEmpty: error(.assertion, "Assertion is empty: paste a JWT or give @FILE")
        default: break
        }

        switch form.flow {
        case .onBehalfOf:
            oboIssues(state, token, &issues)
        case .refresh where form.value(.refreshToken).isEmpty:
            error(.refreshToken, "Refresh token is empty: run an auth code exchange first (its refresh token fills this in) or paste one")
        default:
            break
        }
        return issues
    }

    static func oboIssues(_ state: AppState, _ token: TokenReport?, _ issues: inout [ValidationIssue]) {
        guard let token else {
            issues.append(ValidationIssue(field: .flow, severity: .error, message: "OBO needs the user's access token: paste it in the Token pane (1)"))
            return
        }
        if token.kind == .idToken {
            issues.append(ValidationIssue(field: .flow, severity: .error,
                                          message: "An ID token is pasted: OBO needs the access token the client got for the middle tier (AADSTS50013)"))
        } else if token.accessType == .appOnly {
            issues.append(ValidationIssue(field: .flow, severity: .error,
                                          message: "The pasted token is app-only: OBO needs a delegated (user) token"))
        }
        if token.findings.contains(where: { $0.id == .audienceMismatch }) {
            issues.append(ValidationIssue(field: .expectedAudience, severity: .warning,
                                          message: "The token's aud is not the expected audience: Entra will refuse it (AADSTS500131 / 50013)"))
        }
        if token.findings.contains(where: { $0.id == .expired }) {
            issues.append(ValidationIssue(field: .flow, severity: .warning, message: "The pasted token has expired: Entra will refuse it (AADSTS500133)"))
        }
    }

    private static func error(_ issues: inout [ValidationIssue], _ field: FormField, _ message: String) {
        issues.append(ValidationIssue(field: field, severity: .error, message: message))
    }
}

extension FlowChoice {
    var exchangeFlow: ExchangeFlow? {
        switch self {
        case .onBehalfOf: return .onBehalfOf
        case .clientCredentials: return .clientCredentials
        case .authCode: return .authorizationCode
        case .refresh: return .refreshToken
        case .deviceCode: return .deviceCode
        }
    }
}
