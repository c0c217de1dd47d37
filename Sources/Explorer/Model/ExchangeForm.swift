public import TerminalUI
import TokenScopeCore

/// The flows the explorer runs, in the order the form cycles through them.
public enum FlowChoice: String, CaseIterable, Equatable, Sendable {
    case onBehalfOf = "obo"
    case clientCredentials = "client-credentials"
    case authCode = "auth-code"
    case refresh
    case deviceCode = "device-code"

    public var title: String {
        switch self {
        case .onBehalfOf: return "On-Behalf-Of"
        case .clientCredentials: return "Client credentials"
        case .authCode: return "Authorization code + PKCE"
        case .refresh: return "Refresh token"
        case .deviceCode: return "Device code"
        }
    }

    /// Flows whose client may be public (no credential).
    var allowsPublicClient: Bool { self == .authCode || self == .refresh || self == .deviceCode }
}

/// How the client proves itself.
public enum CredentialChoice: String, CaseIterable, Equatable, Sendable {
    case secret
    case certificate
    case assertion
    case none

    public var title: String {
        switch self {
        case .secret: return "Client secret"
        case .certificate: return "Certificate"
        case .assertion: return "Client assertion (federated)"
        case .none: return "None (public client)"
        }
    }
}

/// The exchange form's rows. Which ones show depends on the flow and the credential.
public enum FormField: String, CaseIterable, Equatable, Sendable {
    case flow, credential, authority, tenant, clientId, scopes, expectedAudience
    case secret, certificate, key, password, assertion
    case redirectURI, loginHint, refreshToken
    case run

    public var label: String {
        switch self {
        case .flow: return "Flow"
        case .credential: return "Credential"
        case .authority: return "Authority host"
        case .tenant: return "Tenant"
        case .clientId: return "Client ID"
        case .scopes: return "Scopes"
        case .expectedAudience: return "Expected aud"
        case .secret: return "Secret"
        case .certificate: return "Certificate"
        case .key: return "Key file"
        case .password: return "Key password"
        case .assertion: return "Assertion"
        case .redirectURI: return "Redirect URI"
        case .loginHint: return "Login hint"
        case .refreshToken: return "Refresh token"
        case .run: return "Run"
        }
    }

    /// Choice rows cycle with ←/→/Space; the others are text fields edited with Enter.
    public var isChoice: Bool { self == .flow || self == .credential }
    /// Shown as dots until revealed with `r`.
    public var isMasked: Bool { self == .secret || self == .password || self == .assertion || self == .refreshToken }
    var isText: Bool { !isChoice && self != .run }
    /// Part of the inspection context (`Inspection.context`): changing it re-inspects the token.
    var shapesInspection: Bool { self == .authority || self == .tenant || self == .expectedAudience }

    var placeholder: String {
        switch self {
        case .tenant: return "empty: the token's tid (OBO)"
        case .scopes: return "space-separated, e.g. api://downstream-api/Data.Read"
        case .expectedAudience: return "the middle tier's client ID or App ID URI"
        case .certificate: return "PEM, combined PEM or .pfx path"
        case .key: return "empty when the certificate file holds the key"
        case .password: return "for an encrypted key or .pfx"
        case .assertion: return "a JWT, or @FILE (re-read per request)"
        case .redirectURI: return "empty: a loopback listener (http://localhost:PORT/)"
        case .loginHint: return "UPN, e.g. alice@contoso.example"
        case .refreshToken: return "filled from the last result that had one"
        default: return ""
        }
    }
}

/// Everything the exchange pane holds. Text values live in `TextField`s so editing (cursor,
/// scrolling, masking) is the toolkit's job.
public struct ExchangeForm: Equatable, Sendable {
    public var flow: FlowChoice
    public var credential: CredentialChoice
    public var fields: [FormField: TextField]

    public init(flow: FlowChoice = .onBehalfOf, credential: CredentialChoice = .secret, values: [FormField: String] = [:]) {
        self.flow = flow
        self.credential = credential
        var fields: [FormField: TextField] = [:]
        for field in FormField.allCases where field.isText {
            fields[field] = TextField(text: values[field] ?? "", isMasked: field.isMasked)
        }
        self.fields = fields
    }

    public subscript(_ field: FormField) -> String {
        get { fields[field]?.text ?? "" }
        set { fields[field] = TextField(text: newValue, isMasked: field.isMasked) }
    }

    /// The value with surrounding whitespace removed (what the exchange uses).
    func value(_ field: FormField) -> String {
        self[field].trimmingSpaces
    }

    /// The rows in display order for this flow and credential.
    public var visibleFields: [FormField] {
        var rows: [FormField] = [.flow, .credential, .authority, .tenant, .clientId, .scopes]
        if flow == .onBehalfOf { rows.append(.expectedAudience) }
        switch credential {
        case .secret: rows.append(.secret)
        case .certificate: rows += [.certificate, .key, .password]
        case .assertion: rows.append(.assertion)
        case .none: break
        }
        if flow == .authCode { rows += [.redirectURI, .loginHint] }
        if flow == .refresh { rows.append(.refreshToken) }
        rows.append(.run)
        return rows
    }

    /// The credentials this flow accepts, in cycling order.
    var credentialChoices: [CredentialChoice] {
        flow.allowsPublicClient ? CredentialChoice.allCases : [.secret, .certificate, .assertion]
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
