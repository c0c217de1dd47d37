/// The flows a knowledge entry or cause concerns. Raw values are the `--flow` names used
/// everywhere else (`ExchangeFlow`, `Flow`), plus `any` for codes that are not specific to a flow.
public enum KnowledgeFlow: String, Sendable, CaseIterable, Comparable {
    case obo
    case clientCredentials = "client-credentials"
    case authCode = "auth-code"
    case refresh
    case deviceCode = "device-code"
    case any

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: KnowledgeFlow, rhs: KnowledgeFlow) -> Bool { lhs.rank < rhs.rank }
}

/// Who can fix the problem.
public enum Fixer: String, Sendable, CaseIterable {
    /// The app's code or its app registration.
    case developer
    /// Tenant configuration: consent, Conditional Access, users, cross-tenant settings.
    case tenantAdmin = "tenant-admin"
    /// The signed-in user: MFA, password, device, retrying the sign-in.
    case user
    /// The service side (Entra or a federated provider): wait, retry, or open a support case.
    case microsoft
    /// The network between client and Entra: proxies, TLS, firewalls.
    case network
}

/// The MSAL.NET exception types a developer sees.
public enum MSALExceptionType: String, Sendable, CaseIterable {
    case uiRequired = "MsalUiRequiredException"
    case claimsChallenge = "MsalClaimsChallengeException"
    case service = "MsalServiceException"
    case client = "MsalClientException"
    case throttledService = "MsalThrottledServiceException"
    case throttledUiRequired = "MsalThrottledUiRequiredException"
}

/// Topics used to group entries (`KnowledgeBase.entries(tag:)`). The data may use only these.
public enum KnowledgeTag: String, Sendable, CaseIterable {
    case account
    case appRegistration = "app-registration"
    case assertion
    case assignment
    case authority
    case certificate
    case claimsChallenge = "claims-challenge"
    case cloud
    case conditionalAccess = "conditional-access"
    case consent
    case device
    case deviceCode = "device-code"
    case federatedCredential = "federated-credential"
    case federation
    case guest
    case mfa
    case password
    case pkce
    case redirectURI = "redirect-uri"
    case refreshToken = "refresh-token"
    case request
    case responseType = "response-type"
    case risk
    case saml
    case scope
    case secret
    case servicePrincipal = "service-principal"
    case session
    case signout
    case spa
    case tenant
    case throttling
    case tls
    case transient
}

/// What kind of non-AADSTS knowledge an `OtherEntry` describes.
public enum OtherKind: String, Sendable, CaseIterable {
    /// An MSAL.NET exception type (`MsalUiRequiredException`, ...).
    case msalException = "msal-exception"
    /// An MSAL.NET `ErrorCode` string (`invalid_grant`, `cert_without_private_key`, ...).
    case msalError = "msal-error"
    /// A message MSAL.NET logs without throwing (`OnBehalfOfWrongAuthority`).
    case msalLog = "msal-log"
    /// An OAuth `error` value that is not also an MSAL.NET error code (`invalid_scope`, ...).
    case oauthError = "oauth-error"
    /// A `suberror` value of an Entra error response.
    case suberror
    /// A value of `MsalUiRequiredException.Classification`.
    case uiClassification = "ui-classification"
    /// A Microsoft.IdentityModel `IDX` error seen in API logs.
    case identityModel = "identitymodel"
}

/// Closed vocabularies of the knowledge files that are plain strings in the model.
public enum KnowledgeVocabulary {
    /// OAuth `error` values an AADSTS entry may name: RFC 6749/8628 values plus Entra's additions.
    public static let oauthErrors: [String] = [
        "invalid_request", "invalid_grant", "unauthorized_client", "invalid_client",
        "unsupported_grant_type", "invalid_resource", "interaction_required", "temporarily_unavailable",
        "consent_required", "invalid_scope", "access_denied", "unsupported_response_type", "server_error",
        "login_required", "authorization_pending", "expired_token",
    ]

    /// `error` values MSAL.NET turns into `MsalUiRequiredException` (or its claims-challenge subclass).
    public static let uiRequiredErrors: Set<String> = ["invalid_grant", "interaction_required", "login_required"]
}
