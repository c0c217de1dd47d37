/// State the interactive flows keep beside `GrantStore`: user consents given at sign-in, and what
/// each refresh token was issued for. Owned by its `SandboxAuthority` (`authority.sidecar`).
final class AuthoritySidecar: Sendable {
    let consents = ConsentStore()
    let refreshLedger = RefreshTokenLedger()
}
