import Crypto
import TokenScopeCore

/// Proof Key for Code Exchange (RFC 7636) with Entra's error codes: the challenge is checked at
/// /authorize, the verifier when the code is redeemed.
enum PKCE {
    static let methods = ["S256", "plain"]

    /// The challenge and its method as the code will remember them. A challenge without a method
    /// is `plain`, as RFC 7636 and Entra say.
    static func challenge(_ challenge: String?, method: String?) throws(EntraError) -> (challenge: String?, method: String) {
        if let method, !methods.contains(method) { throw SandboxErrors.codeChallengeMethodInvalid(method) }
        guard let challenge else {
            if method != nil { throw SandboxErrors.codeChallengeMissing() }
            return (nil, "plain")
        }
        guard (43...128).contains(challenge.count) else { throw SandboxErrors.codeChallengeSize(challenge.count) }
        return (challenge, method ?? "plain")
    }

    /// A verifier must answer the challenge; one sent when no challenge was made fails too, so a
    /// client that believes it uses PKCE learns it does not.
    static func verify(_ verifier: String?, challenge: String?, method: String) throws(EntraError) {
        guard let challenge else {
            if verifier != nil { throw SandboxErrors.codeVerifierMismatch(method: "S256") }
            return
        }
        guard let verifier, transform(verifier, method: method) == challenge else {
            throw SandboxErrors.codeVerifierMismatch(method: method)
        }
    }

    static func transform(_ verifier: String, method: String) -> String {
        method == "S256" ? Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8)))) : verifier
    }
}
