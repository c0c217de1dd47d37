import Crypto
import CryptoExtras

/// Checks a JWS signature with an RSA key from a JWKS (RS256 and PS256, the algorithms Entra and
/// MSAL use).
public enum SignatureVerifier {
    public enum Outcome: Sendable, Equatable {
        case valid
        case invalid
        case unusableKey(String)
        case unsupportedAlgorithm(String)
    }

    public static let supportedAlgorithms: Set<String> = ["RS256", "PS256"]

    public static func verify(_ token: ParsedToken, alg: String, key: JSONWebKey) -> Outcome {
        guard supportedAlgorithms.contains(alg) else { return .unsupportedAlgorithm(alg) }
        guard let n = key.n, let e = key.e else { return .unusableKey("the key has no RSA modulus/exponent") }
        let publicKey: _RSA.Signing.PublicKey
        do {
            publicKey = try _RSA.Signing.PublicKey(n: n, e: e)
        } catch {
            return .unusableKey("the key's RSA parameters are not usable (\(error))")
        }
        let digest = SHA256.hash(data: Array(token.signingInput.utf8))
        let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
        let padding: _RSA.Signing.Padding = alg == "PS256" ? .PSS : .insecurePKCS1v1_5
        return publicKey.isValidSignature(signature, for: digest, padding: padding) ? .valid : .invalid
    }
}
