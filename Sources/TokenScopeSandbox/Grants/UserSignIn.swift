/// A user's completed sign-in behind a code, device code or refresh token: who, through which
/// app, in which tenant, with or without MFA. Token requests turn it into tokens.
struct UserSignIn: Sendable {
    let tenant: Tenant
    let client: AppRegistration
    let user: DirectoryUser
    let mfa: Bool
    let clientAuth: ClientAuthMethod
    let clientCapabilities: [String]
}
