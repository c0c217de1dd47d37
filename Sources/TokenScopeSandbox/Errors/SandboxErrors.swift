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

    // MARK: OBO and assertions (added)

    /// A certificate assertion whose `sub` is not its `iss` (the client ID).
    public static func assertionSubjectMismatch(subject: String?, clientId: String) -> EntraError {
        EntraError(401, "invalid_client", 50048, "Subject mismatches Issuer claim in the client assertion. The 'sub' is '\(subject ?? "missing")'; for a certificate assertion both 'iss' and 'sub' must be the client ID '\(clientId)'.")
    }
}

// MARK: Auth code, refresh, device code (added)

extension SandboxErrors {
    // Shown on the authorize page itself: until the redirect URI is validated it cannot be trusted.

    public static func noReplyAddress(_ clientId: String) -> EntraError {
        EntraError(400, "invalid_request", 500113, "No reply address is registered for the application '\(clientId)'. Add a redirect URI to the app registration.")
    }

    public static func consumersNotSupported(_ clientId: String) -> EntraError {
        EntraError(400, "invalid_request", 9002332, "Application '\(clientId)' is configured for Microsoft Entra users only. Don't use the /consumers endpoint for it; use /organizations, /common or a tenant.")
    }

    public static func userDisabled(_ upn: String) -> EntraError {
        EntraError(400, "invalid_grant", 50057, "The user account '\(upn)' is disabled. An administrator must enable it before it can sign in.")
    }

    // Redirected to the app as error / error_description.

    public static func unsupportedResponseType(_ type: String) -> EntraError {
        EntraError(400, "unsupported_response_type", 70005, "The response_type '\(type)' is not supported here. The authorization code flow needs a response_type that contains 'code'.")
    }

    public static func responseTypeNotEnabled(_ type: String, clientId: String) -> EntraError {
        EntraError(400, "unauthorized_client", 700054, "response_type '\(type)' is not enabled for the application '\(clientId)'. The sandbox has no implicit or hybrid flow: ask for 'code' and redeem it at the token endpoint.")
    }

    public static func unsupportedResponseMode(_ mode: String) -> EntraError {
        EntraError(400, "invalid_request", 70007, "The response_mode '\(mode)' is not supported. Use 'query', 'fragment' or 'form_post'.")
    }

    public static func codeChallengeMethodInvalid(_ method: String) -> EntraError {
        EntraError(400, "invalid_request", 50149, "The code_challenge_method '\(method)' is not valid. Supported methods are 'S256' and 'plain'.")
    }

    public static func codeChallengeSize(_ length: Int) -> EntraError {
        EntraError(400, "invalid_request", 50147, "The size of the code_challenge parameter is not valid: it has \(length) characters, and PKCE allows 43 to 128.")
    }

    public static func codeChallengeMissing() -> EntraError {
        EntraError(400, "invalid_request", 50147, "A code_challenge_method was sent without a code_challenge.")
    }

    public static func loginRequired() -> EntraError {
        EntraError(400, "login_required", 50058, "A silent sign-in request was sent, but no user is signed in. Send the request without prompt=none, or with a login_hint naming the user.")
    }

    public static func userNotInTenantAtSignIn(_ upn: String, tenant: String) -> EntraError {
        EntraError(400, "access_denied", 50020, "User account '\(upn)' from identity provider does not exist in tenant '\(tenant)' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first.")
    }

    public static func blockedAtSignIn() -> EntraError {
        EntraError(400, "access_denied", 53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.")
    }

    public static func mfaRegistrationRequired(_ upn: String) -> EntraError {
        EntraError(400, "interaction_required", 50079, "Due to a configuration change made by your administrator, or because you moved to a new location, the user '\(upn)' must enroll in multi-factor authentication before this sign-in can complete.")
    }

    public static func consentRequiredAtSignIn(client: AppRegistration, resource: AppRegistration) -> EntraError {
        EntraError(400, "consent_required", 65001, "The user or administrator has not consented to use the application with ID '\(client.clientId)' named '\(client.displayName)' for '\(resource.displayName)'. Send an interactive authorization request with prompt=consent for this user and resource.")
    }

    public static func adminConsentRequired(client: AppRegistration, scopes: [String]) -> EntraError {
        EntraError(400, "consent_required", 90094, "The application '\(client.displayName)' needs permissions only an administrator can grant (\(scopes.joined(separator: ", "))). Ask an administrator to grant consent for this application.")
    }

    public static func scopeNotExposed(client: AppRegistration, scope: String, resource: AppRegistration) -> EntraError {
        EntraError(400, "invalid_client", 650053, "The application '\(client.displayName)' asked for scope '\(scope)' that doesn't exist on the resource '\(resource.clientId)'. Contact the app vendor.")
    }

    public static func resourceNotFoundAtSignIn(_ resource: String, tenant: String) -> EntraError {
        EntraError(400, "invalid_resource", 500011, "The resource principal named \(resource) was not found in the tenant named \(tenant). The resource app may not be installed in this tenant, or the scope names the wrong resource.")
    }

    // Token endpoint: authorization codes.

    public static func codeInvalid() -> EntraError {
        EntraError(400, "invalid_grant", 70000, "The provided value for the 'code' parameter is not valid: the authorization code is malformed or was not issued by this authority.")
    }

    public static func codeIssuedToOtherClient(_ clientId: String) -> EntraError {
        EntraError(400, "invalid_grant", 70000, "Provided grant is invalid or malformed: the authorization code was issued to another application, not '\(clientId)'.")
    }

    public static func codeRedirectMismatch(_ given: String, original: String) -> EntraError {
        EntraError(400, "invalid_request", 50011, "The reply address '\(given)' does not match the reply address '\(original)' provided when requesting the authorization code.")
    }

    public static func pkceRequiredForSPA() -> EntraError {
        EntraError(400, "invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption.")
    }

    public static func crossOriginOnlyForSPA() -> EntraError {
        EntraError(400, "invalid_request", 9002326, "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. The redirect URI is not registered as a single-page application.")
    }

    // Token endpoint: refresh tokens.

    public static func refreshTokenOtherClient(_ clientId: String) -> EntraError {
        EntraError(400, "invalid_grant", 70000, "Provided grant is invalid or malformed: the refresh token was issued to another application, not '\(clientId)'.")
    }

    public static func spaRefreshTokenExpired(issued: Int64) -> EntraError {
        EntraError(400, "invalid_grant", 700084, "The refresh token was issued to a single-page app (SPA) and so has a fixed lifetime of 24 hours, which cannot be extended. It has expired; the SPA must send a new sign-in request. The token was first issued at \(iso(issued)).")
    }

    // Token endpoint: device codes.

    public static func deviceCodeInvalid() -> EntraError {
        EntraError(400, "invalid_grant", 70000, "The provided value for the 'device_code' parameter is not valid: it is malformed, belongs to another application or tenant, or was not issued by this authority.")
    }

    public static func authorizationPending() -> EntraError {
        EntraError(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.")
    }

    public static func authorizationDeclined() -> EntraError {
        EntraError(400, "authorization_declined", 70019, "The end user denied the authorization request.")
    }

    public static func deviceCodeExpired() -> EntraError {
        EntraError(400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.")
    }

    public static func deviceCodeRedeemed() -> EntraError {
        EntraError(400, "invalid_grant", 54005, "The device code was already redeemed. Start a new device code request, or use the refresh token it returned.")
    }

    public static func userCodeInvalid() -> EntraError {
        EntraError(400, "invalid_request", 70018, "That code didn't work. Check the code and try again: it may be mistyped, already used, or from another sign-in.")
    }
}
