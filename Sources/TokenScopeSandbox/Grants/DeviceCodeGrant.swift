/// Work in progress: this grant is being built (see docs/SANDBOX.md). Until then the sandbox
/// answers it as Entra answers a grant it does not support.
enum DeviceCodeGrant {
    static func handle(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> TokenResponse {
        throw SandboxErrors.unsupportedGrantType(try request.require("grant_type"))
    }
}
