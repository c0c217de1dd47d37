/// Everything `PastedErrorParser` recognised in a paste: each error with its own codes and IDs,
/// the tokens found (inspected), and hints about the flow and the client credential.
public struct PastedDiagnosis: Sendable {
    /// The errors, in order of first appearance. Repeated mentions of one error (a message and
    /// its stack trace, a JSON body and its `error_description`) are merged into one.
    public var errors: [ParsedError]
    /// Every token found in the paste, inspected (JWS and JWE; opaque values only from named fields).
    public var tokens: [TokenReport]
    /// The flow the paste points to (`AcquireTokenOnBehalfOf`, `client_credentials`, ...), if any.
    public var flowHint: FlowHint?
    /// What kind of client credential the paste points to (`ClientSecretCredential`, ...), if any.
    public var credentialHint: CredentialHint?
    /// Facts read from the messages (`the audience in the assertion was 'X'`), for evidence.
    public var facts: PasteFacts
    /// The cloud the paste's hosts belong to (`login.microsoftonline.us` → US Government).
    public var cloud: Cloud?

    public init(errors: [ParsedError] = [], tokens: [TokenReport] = [], flowHint: FlowHint? = nil,
                credentialHint: CredentialHint? = nil, facts: PasteFacts = PasteFacts(), cloud: Cloud? = nil) {
        self.errors = errors
        self.tokens = tokens
        self.flowHint = flowHint
        self.credentialHint = credentialHint
        self.facts = facts
        self.cloud = cloud
    }

    /// True when nothing was recognised: no error, no token.
    public var isEmpty: Bool { errors.isEmpty && tokens.isEmpty }

    /// All AADSTS codes, in order of first appearance, without repeats.
    public var codes: [Int] {
        var out: [Int] = []
        for error in errors { for code in error.codes where !out.contains(code) { out.append(code) } }
        return out
    }

    /// The first value of each field across the errors (what support asks for first).
    public var error: String? { errors.lazy.compactMap(\.error).first }
    public var traceId: String? { errors.lazy.compactMap(\.traceId).first }
    public var correlationId: String? { errors.lazy.compactMap(\.correlationId).first }
    public var requestId: String? { errors.lazy.compactMap(\.requestId).first }
    public var timestamp: String? { errors.lazy.compactMap(\.timestamp).first }
    public var suberror: String? { errors.lazy.compactMap(\.suberror).first }
    public var claimsChallenge: ClaimsChallengeInfo? { errors.lazy.compactMap(\.claimsChallenge).first }
}

/// One error found in a paste.
public struct ParsedError: Sendable, Equatable {
    /// AADSTS codes (wrappers such as 70002 "Error validating credentials" last).
    public var codes: [Int]
    /// IdentityModel codes (`IDX10214`).
    public var idxCodes: [String]
    /// The OAuth `error` value (`invalid_grant`, `insufficient_claims`).
    public var error: String?
    /// The first line of the message that came with the first code.
    public var message: String?
    public var traceId: String?
    public var correlationId: String?
    /// `x-ms-request-id`, `request-id` or an error page's `Request Id`.
    public var requestId: String?
    /// `client-request-id` (for Entra the same as the correlation ID; for Graph its own).
    public var clientRequestId: String?
    /// As written (`2019-08-02 20:42:53Z`).
    public var timestamp: String?
    public var suberror: String?
    public var claimsChallenge: ClaimsChallengeInfo?
    public var wwwAuthenticate: WWWAuthenticateChallenge?
    /// MSAL (and ADAL, azure-identity) exception type names, as written.
    public var exceptions: [String]
    /// MSAL error codes and log message IDs other than the OAuth `error` (`user_null`, `OnBehalfOfWrongAuthority`).
    public var msalErrors: [String]
    /// The HTTP status, when the paste shows one next to the error.
    public var httpStatus: Int?
    /// A network failure named in the paste (DNS, TLS, timeout, refused connection, proxy).
    public var network: NetworkProblem?

    public init(codes: [Int] = [], idxCodes: [String] = [], error: String? = nil, message: String? = nil,
                traceId: String? = nil, correlationId: String? = nil, requestId: String? = nil, clientRequestId: String? = nil,
                timestamp: String? = nil, suberror: String? = nil, claimsChallenge: ClaimsChallengeInfo? = nil,
                wwwAuthenticate: WWWAuthenticateChallenge? = nil, exceptions: [String] = [], msalErrors: [String] = [],
                httpStatus: Int? = nil, network: NetworkProblem? = nil) {
        self.codes = codes
        self.idxCodes = idxCodes
        self.error = error
        self.message = message
        self.traceId = traceId
        self.correlationId = correlationId
        self.requestId = requestId
        self.clientRequestId = clientRequestId
        self.timestamp = timestamp
        self.suberror = suberror
        self.claimsChallenge = claimsChallenge
        self.wwwAuthenticate = wwwAuthenticate
        self.exceptions = exceptions
        self.msalErrors = msalErrors
        self.httpStatus = httpStatus
        self.network = network
    }

    /// A one-line label: `AADSTS70002, AADSTS50013`, `IDX10214`, `insufficient_claims`.
    public var label: String {
        var parts = codes.map { "AADSTS\($0)" } + idxCodes
        if parts.isEmpty, let error { parts.append(error) }
        if parts.isEmpty, let first = exceptions.first { parts.append(first) }
        if parts.isEmpty, let first = msalErrors.first { parts.append(first) }
        if parts.isEmpty, let network { parts.append("network: \(network.kind.rawValue)") }
        if parts.isEmpty, wwwAuthenticate != nil { parts.append("WWW-Authenticate challenge") }
        return parts.isEmpty ? "error" : parts.joined(separator: ", ")
    }
}

/// A `WWW-Authenticate: Bearer ...` challenge from an API.
public struct WWWAuthenticateChallenge: Sendable, Equatable {
    /// The header value as pasted (after `WWW-Authenticate:`).
    public var raw: String
    public var error: String?
    public var errorDescription: String?
    public var claims: String?
    public var authorizationURI: String?
    public var realm: String?
    public var clientId: String?
    public var scope: String?

    public init(raw: String, error: String? = nil, errorDescription: String? = nil, claims: String? = nil,
                authorizationURI: String? = nil, realm: String? = nil, clientId: String? = nil, scope: String? = nil) {
        self.raw = raw
        self.error = error
        self.errorDescription = errorDescription
        self.claims = claims
        self.authorizationURI = authorizationURI
        self.realm = realm
        self.clientId = clientId
        self.scope = scope
    }
}

/// A network failure named in pasted text.
public struct NetworkProblem: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case dns, tls, timeout, connection, proxy
    }

    public var kind: Kind
    /// The words that showed it (`CERTIFICATE_VERIFY_FAILED`).
    public var matched: String

    public init(kind: Kind, matched: String) {
        self.kind = kind
        self.matched = matched
    }
}

/// The flow a paste (or the user) points to, and why.
public struct FlowHint: Sendable, Equatable {
    public var flow: KnowledgeFlow
    /// What showed it: the API names, grant types or phrases found (`AcquireTokenOnBehalfOf`).
    public var evidence: [String]
    /// True for unambiguous markers (an MSAL method name, a grant type), false for hints.
    public var strong: Bool

    public init(flow: KnowledgeFlow, evidence: [String], strong: Bool) {
        self.flow = flow
        self.evidence = evidence
        self.strong = strong
    }
}

/// The kind of client credential in use.
public enum CredentialKind: String, Sendable, CaseIterable {
    case secret
    case certificate
    /// A federated credential (workload identity federation): an external token as the client assertion.
    case federated
    case managedIdentity = "managed-identity"
    case none
}

/// The credential a paste points to, and why.
public struct CredentialHint: Sendable, Equatable {
    public var kind: CredentialKind
    public var evidence: [String]

    public init(kind: CredentialKind, evidence: [String]) {
        self.kind = kind
        self.evidence = evidence
    }
}

/// Values read from error messages, used as evidence. All optional; each as written in the paste.
public struct PasteFacts: Sendable, Equatable {
    /// AADSTS500131/50013: "The audience in the assertion was 'X'".
    public var assertionAudience: String?
    /// "... and the expected audience is 'Y'".
    public var expectedAudience: String?
    /// IDX10214: "Audiences: 'X'".
    public var tokenAudience: String?
    /// IDX10214: "ValidAudience: 'Y'" / "ValidAudiences: 'Z'".
    public var validAudiences: [String] = []
    /// IDX10205: "Issuer: 'X'".
    public var tokenIssuer: String?
    public var validIssuers: [String] = []
    /// AADSTS700016: "Application with identifier 'X'".
    public var applicationIdentifier: String?
    /// AADSTS700016: "... was not found in the directory 'Y'".
    public var directory: String?
    /// AADSTS500011: "The resource principal named X".
    public var resourcePrincipal: String?
    /// AADSTS90002: "Tenant 'X' not found".
    public var tenantNotFound: String?
    /// AADSTS50011: "The redirect URI 'X'".
    public var redirectURI: String?
    /// "Thumbprint of key used by client: 'X'".
    public var thumbprint: String?
    /// AADSTS700024 / 500133: "Current time: T".
    public var currentTime: String?
    /// "assertion valid from T".
    public var validFrom: String?
    /// "expiry time of assertion T" or IDX10223 "ValidTo: 'T'".
    public var expiry: String?
    /// AADSTS700213 & co: "presented assertion subject 'X'".
    public var assertionSubject: String?
    /// AADSTS50020: "from identity provider 'X'".
    public var identityProvider: String?
    /// IDX10503: "The token's kid is: 'X'".
    public var keyId: String?
    /// AADSTS9002326: "Request origin: 'X'".
    public var requestOrigin: String?
    /// AADSTS70011: "The scope X is not valid".
    public var invalidScope: String?
    /// Tenant segments of Entra authority URLs in the paste (`common`, a GUID, a domain).
    public var authorityTenants: [String] = []
    /// The paste fetches keys from an app-specific JWKS (`keys?appid=`).
    public var appSpecificKeys = false
    /// Message phrases recognised (stable IDs such as `client-secret-invalid`), see `PasteFacts.phrases`.
    public var phrases: [String] = []

    public init() {}
}
