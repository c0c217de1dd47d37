/// The catalogue of Entra failures the sandbox reproduces. Messages are our own words in Entra's
/// shape; codes, `error` values and statuses follow Entra (see docs/SANDBOX.md for the list).
public enum SandboxErrors {
    // MARK: Request shape

    public static func missingParameter(_ name: String) -> EntraError {
        EntraError(400, "invalid_request", 900144, "The request body must contain the following parameter: '\(name)'.")
    }

    public static func unsupportedGrantType(_ grant: String) -> EntraError {
        EntraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '\(grant)'.")
    }

    public static func missingCredentialField(_ field: String) -> EntraError {
        EntraError(400, "invalid_request", 90014, "The required field '\(field)' is missing from the credential. Ensure that you have all the necessary parameters for the login request.")
    }

    // MARK: Tenants and apps

    public static func tenantNotFound(_ tenant: String) -> EntraError {
        EntraError(400, "invalid_request", 90002, "Tenant '\(tenant)' not found. Check that the tenant ID or domain is right and that you sign in to the right cloud.")
    }

    public static func grantNotSupportedOnCommon(_ segment: String) -> EntraError {
        EntraError(400, "invalid_request", 9001023, "The grant type isn't supported over the /\(segment) endpoint. Use a tenant-specific endpoint (tenant ID or verified domain) or /organizations.")
    }

    public static func appNotFound(_ clientId: String, tenant: String) -> EntraError {
        EntraError(400, "unauthorized_client", 700016, "Application with identifier '\(clientId)' was not found in the directory '\(tenant)'. The app may not be installed by the tenant administrator, or the request went to the wrong tenant.")
    }

    public static func resourceNotFound(_ resource: String, tenant: String) -> EntraError {
        EntraError(400, "invalid_resource", 500011, "The resource principal named \(resource) was not found in the tenant named \(tenant). The resource app may not be installed in this tenant, or the scope names the wrong resource.")
    }

    public static func invalidScope(_ detail: String) -> EntraError {
        EntraError(400, "invalid_scope", 70011, "The provided request must include a 'scope' input parameter that is valid: \(detail)")
    }

    public static func tokenForItself(_ clientId: String) -> EntraError {
        EntraError(400, "invalid_request", 90009, "Application '\(clientId)' is requesting a token for itself. This is supported only when the resource is named by its GUID application ID.")
    }

    // MARK: Client authentication

    public static func noCredential() -> EntraError {
        EntraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
    }

    public static func invalidSecret(_ clientId: String) -> EntraError {
        EntraError(401, "invalid_client", 7000215, "Invalid client secret provided. Make sure the secret sent is the client secret value, not the client secret ID, for a secret added to app '\(clientId)'.")
    }

    public static func expiredSecret(_ clientId: String) -> EntraError {
        EntraError(401, "invalid_client", 7000222, "The provided client secret keys for app '\(clientId)' are expired. Create a new secret for the app in the portal, or use a certificate.")
    }

    public static func publicClientWithCredential() -> EntraError {
        EntraError(401, "invalid_client", 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.")
    }

    public static func assertionTime(now: Int64, nbf: Int64?, exp: Int64?) -> EntraError {
        EntraError(401, "invalid_client", 700024, "Client assertion is not within its valid time range. Current time: \(iso(now)), assertion valid from \(nbf.map(iso) ?? "unset"), expiry time of assertion \(exp.map(iso) ?? "unset").")
    }

    public static func assertionSignature(_ detail: String) -> EntraError {
        EntraError(401, "invalid_client", 700027, "Client assertion failed signature validation. \(detail)")
    }

    public static func certificateNotRegistered(_ clientId: String, thumbprint: String) -> EntraError {
        EntraError(401, "invalid_client", 50012, "The certificate with identifier used to sign the client assertion is not registered on application '\(clientId)'. [Reason - The key was not found., Thumbprint of key used by client: '\(thumbprint)']")
    }

    public static func assertionClaims(_ detail: String) -> EntraError {
        EntraError(401, "invalid_client", 50012, "Client assertion contains an invalid claim: \(detail)")
    }

    public static func federatedIssuer(_ issuer: String) -> EntraError {
        EntraError(401, "invalid_client", 700211, "No matching federated identity record found for presented assertion issuer '\(issuer)'. Matching is case-sensitive.")
    }

    public static func federatedSubject(_ subject: String) -> EntraError {
        EntraError(401, "invalid_client", 700213, "No matching federated identity record found for presented assertion subject '\(subject)'. Matching is case-sensitive.")
    }

    public static func federatedAudience(issuer: String, subject: String, audience: String) -> EntraError {
        EntraError(400, "invalid_request", 70021, "No matching federated identity record found for presented assertion. Assertion Issuer: '\(issuer)'. Assertion Subject: '\(subject)'. Assertion Audience: '\(audience)'.")
    }

    // MARK: User assertions (On-Behalf-Of)

    public static func invalidAssertion(_ detail: String) -> EntraError {
        EntraError(400, "invalid_grant", 50013, "Assertion failed signature validation or is not valid. \(detail)")
    }

    public static func assertionAudience(_ aud: String, expected: String) -> EntraError {
        EntraError(400, "invalid_grant", 500131, "Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '\(aud)' and the expected audience is '\(expected)' or one of the Application Id URIs of this application.")
    }

    public static func assertionExpired(now: Int64, exp: Int64) -> EntraError {
        EntraError(400, "invalid_grant", 500133, "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: \(iso(now)), expiry time of assertion \(iso(exp)).")
    }

    public static func idTokenAsAssertion() -> EntraError {
        EntraError(400, "invalid_grant", 240002, "Input id_token cannot be used as 'urn:ietf:params:oauth:grant-type:jwt-bearer' grant.")
    }

    public static func appOnlyOnBehalfOf(_ clientId: String) -> EntraError {
        EntraError(400, "unauthorized_client", 7000114, "Application '\(clientId)' is not allowed to make application on-behalf-of calls.")
    }

    public static func userNotInTenant(_ upn: String, tenant: String) -> EntraError {
        EntraError(400, "invalid_grant", 50020, "User account '\(upn)' from identity provider does not exist in tenant '\(tenant)' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first.")
    }

    public static func consentRequired(client: AppRegistration, resource: AppRegistration) -> EntraError {
        EntraError(400, "invalid_grant", 65001, "The user or administrator has not consented to use the application with ID '\(client.clientId)' named '\(client.displayName)' for '\(resource.displayName)'. Send an interactive authorization request for this user and resource.", suberror: "consent_required")
    }

    public static func mfaRequired(resource: AppRegistration, policyID: String) -> EntraError {
        EntraError(400, "invalid_grant", 50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '\(resource.clientId)'.",
                   suberror: "basic_action", claims: #"{"access_token":{"capolids":{"essential":true,"values":["\#(policyID)"]}}}"#)
    }

    public static func blockedByConditionalAccess() -> EntraError {
        EntraError(400, "invalid_grant", 53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", suberror: "message_only")
    }

    // MARK: Codes, PKCE, refresh tokens

    public static func codeRedeemed() -> EntraError {
        EntraError(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.")
    }

    public static func codeExpired() -> EntraError {
        EntraError(400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.")
    }

    public static func codeForOtherTenant() -> EntraError {
        EntraError(400, "invalid_grant", 700005, "Provided Authorization Code is intended to use against other tenant, thus rejected.")
    }

    public static func codeVerifierMismatch(method: String) -> EntraError {
        method == "plain"
            ? EntraError(400, "invalid_grant", 50148, "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.")
            : EntraError(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
    }

    public static func redirectMismatch(_ uri: String, clientId: String) -> EntraError {
        EntraError(400, "invalid_request", 50011, "The redirect URI '\(uri)' specified in the request does not match the redirect URIs configured for the application '\(clientId)'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.")
    }

    public static func spaCrossOriginOnly() -> EntraError {
        EntraError(400, "invalid_request", 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.")
    }

    public static func refreshTokenInvalid() -> EntraError {
        EntraError(400, "invalid_grant", 70000, "Provided grant is invalid or malformed.")
    }

    public static func refreshTokenInactive() -> EntraError {
        EntraError(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was issued and was inactive for longer than allowed.")
    }

    static func iso(_ t: Int64) -> String { TimeTextISO.format(t) }
}
