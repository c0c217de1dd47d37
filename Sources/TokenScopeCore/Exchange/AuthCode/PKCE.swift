import Crypto

/// Proof Key for Code Exchange (RFC 7636), S256 only, as MSAL makes it: the verifier is the
/// base64url form of fresh random bytes (43 to 128 characters of `[A-Za-z0-9-._~]`), the
/// challenge is base64url(SHA-256(verifier)).
public enum PKCE {
    /// The only method TokenScope sends (MSAL never sends `plain`).
    public static let method = "S256"
    /// RFC 7636 §4.1 bounds of a verifier.
    public static let verifierLengths = 43...128
    /// Random bytes whose base64url form fits the bounds: 32 bytes → 43 characters, 96 → 128.
    public static let byteCounts = 32...96

    /// A fresh verifier from `byteCount` random bytes (clamped to 32...96). MSAL.NET uses 96
    /// (128 characters), msal for Python 32 (43).
    public static func makeVerifier(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return makeVerifier(byteCount: byteCount, using: &generator)
    }

    public static func makeVerifier<G: RandomNumberGenerator>(byteCount: Int = 32, using generator: inout G) -> String {
        let count = min(max(byteCount, byteCounts.lowerBound), byteCounts.upperBound)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
        }
        return Base64URL.encode(bytes.prefix(count))
    }

    /// base64url(SHA-256(ASCII(verifier))), no padding.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Array(verifier.utf8))))
    }

    /// 43 to 128 characters, each unreserved (`A-Z a-z 0-9 - . _ ~`).
    public static func isValidVerifier(_ verifier: String) -> Bool {
        let bytes = verifier.utf8
        guard verifierLengths.contains(bytes.count) else { return false }
        return bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
        }
    }
}
