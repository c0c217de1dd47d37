import Crypto
import CryptoExtras
import TokenScopeCore

/// The `decode --sample` demo: a realistic token that shows what TokenScope finds, made on the
/// spot (fresh key, times relative to now) so no real token ships with the tool.
enum SampleToken {
    /// A Graph token a web API wrongly received for On-Behalf-Of: expired, single-factor, guest user.
    static func make(now: Int64) throws -> String {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let tenant = "6f1e9a4c-2b7d-4e3a-9c8f-1a2b3c4d5e6f"
        let header = JSONValue.object([("typ", .string("JWT")), ("alg", .string("RS256")), ("kid", .string("sample-key"))])
        let claims = JSONValue.object([
            ("aud", .string("00000003-0000-0000-c000-000000000000")),
            ("iss", .string("https://login.microsoftonline.com/\(tenant)/v2.0")),
            ("iat", .number(String(now - 7800))), ("nbf", .number(String(now - 7800))), ("exp", .number(String(now - 3000))),
            ("acct", .number("1")),
            ("aio", .string("AWQAm/8YAAAAsample")),
            ("amr", .array([.string("pwd")])),
            ("azp", .string("c4d2e1f3-8a7b-4c6d-9e0f-1a2b3c4d5e6a")), ("azpacr", .string("0")),
            ("idp", .string("https://sts.windows.net/0b6c5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/")),
            ("name", .string("Bob Guest")),
            ("oid", .string("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f")),
            ("preferred_username", .string("bob@fabrikam.example")),
            ("scp", .string("User.Read openid profile")),
            ("sub", .string("sample-pairwise-subject")),
            ("tid", .string(tenant)),
            ("uti", .string("AAECAwQFBgcICQoLDA0ODw")),
            ("ver", .string("2.0")),
        ])
        let input = Base64URL.encode(Array(JSONWriter.write(header, pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONWriter.write(claims, pretty: false).utf8))
        let signature = try key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }
}
