public import TokenScopeCore

/// Builds Entra-shaped test tokens: start from a realistic template, then add, change or remove
/// claims, and sign. Claim order is kept, as Entra's is.
public struct TestToken: Sendable {
    public var header: [(key: String, value: JSONValue)]
    public var claims: [(key: String, value: JSONValue)]

    public static let tenant = "6f1e9a4c-2b7d-4e3a-9c8f-1a2b3c4d5e6f"
    public static let middleTier = "b3c1f0a2-7d6e-4c5b-8a9f-0e1d2c3b4a59"
    public static let client = "c4d2e1f3-8a7b-4c6d-9e0f-1a2b3c4d5e6a"
    /// A fixed "now" for reproducible tests: 2026-11-29T10:00:00Z.
    public static let now: Int64 = 1_795_946_400

    /// A v2.0 delegated access token for the middle tier, valid at `now` for about an hour.
    public static func v2AccessToken(now: Int64 = TestToken.now) -> TestToken {
        TestToken(
            header: [("typ", .string("JWT")), ("alg", .string("RS256")), ("kid", .string(TestSigningKey.shared.kid))],
            claims: [
                ("aud", .string(middleTier)),
                ("iss", .string("https://login.microsoftonline.com/\(tenant)/v2.0")),
                ("iat", .number(String(now - 600))), ("nbf", .number(String(now - 600))), ("exp", .number(String(now + 3900))),
                ("aio", .string("AWQAm/8YAAAA")),
                ("azp", .string(client)), ("azpacr", .string("0")),
                ("name", .string("Alice Example")),
                ("oid", .string("0f4e1c2b-3a5d-4e6f-8a7b-9c0d1e2f3a4b")),
                ("preferred_username", .string("alice@contoso.example")),
                ("rh", .string("1.AAAA")),
                ("scp", .string("access_as_user")),
                ("sid", .string("5a6b7c8d-9e0f-4a1b-2c3d-4e5f6a7b8c9d")),
                ("sub", .string("pairwise-subject-alice")),
                ("tid", .string(tenant)),
                ("uti", .string("AAECAwQFBgcICQoLDA0ODw")),
                ("ver", .string("2.0")),
            ])
    }

    /// A v2.0 ID token for the client app.
    public static func v2IDToken(now: Int64 = TestToken.now) -> TestToken {
        var token = v2AccessToken(now: now)
        token.remove("azp", "azpacr", "scp", "rh", "sid")
        token.set("aud", .string(client))
        token.set("nonce", .string("n-0S6_WzA2Mj"))
        return token
    }

    /// A v2.0 app-only (client credentials) token.
    public static func appOnlyToken(now: Int64 = TestToken.now) -> TestToken {
        var token = v2AccessToken(now: now)
        token.remove("name", "preferred_username", "scp", "sid")
        token.set("azpacr", .string("1"))
        token.set("idtyp", .string("app"))
        token.set("oid", .string("7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b"))
        token.set("sub", .string("7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b"))
        token.set("roles", .array([.string("Data.Read.All")]))
        return token
    }

    /// A v1.0 access token (issuer sts.windows.net, `appid`, `upn`).
    public static func v1AccessToken(now: Int64 = TestToken.now) -> TestToken {
        var token = v2AccessToken(now: now)
        token.remove("azp", "azpacr", "preferred_username")
        token.set("iss", .string("https://sts.windows.net/\(tenant)/"))
        token.set("aud", .string("api://middle-tier"))
        token.set("appid", .string(client))
        token.set("appidacr", .string("0"))
        token.set("upn", .string("alice@contoso.example"))
        token.set("ver", .string("1.0"))
        token.header.append(("x5t", .string(TestSigningKey.shared.kid)))
        return token
    }

    public mutating func set(_ name: String, _ value: JSONValue) {
        if let i = claims.firstIndex(where: { $0.key == name }) { claims[i].value = value } else { claims.append((name, value)) }
    }

    public mutating func setHeader(_ name: String, _ value: JSONValue) {
        if let i = header.firstIndex(where: { $0.key == name }) { header[i].value = value } else { header.append((name, value)) }
    }

    public mutating func remove(_ names: String...) {
        claims.removeAll { names.contains($0.key) }
    }

    public func with(_ name: String, _ value: JSONValue) -> TestToken {
        var copy = self
        copy.set(name, value)
        return copy
    }

    public func without(_ names: String...) -> TestToken {
        var copy = self
        copy.claims.removeAll { names.contains($0.key) }
        return copy
    }

    public func signed(with key: TestSigningKey = .shared, algorithm: TestSigningKey.Algorithm = .rs256) -> String {
        var header = self.header
        if let i = header.firstIndex(where: { $0.key == "alg" }) { header[i].value = .string(algorithm.rawValue) }
        do {
            return try key.sign(header: .object(header), claims: .object(claims), algorithm: algorithm)
        } catch {
            fatalError("signing a test token failed: \(error)")
        }
    }

    /// The token with `alg: none` and an empty signature.
    public func unsigned() -> String {
        var header = self.header
        if let i = header.firstIndex(where: { $0.key == "alg" }) { header[i].value = .string("none") }
        return Base64URL.encode(Array(JSONWriter.write(.object(header), pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONWriter.write(.object(claims), pretty: false).utf8)) + "."
    }

    public static func number(_ v: Int64) -> JSONValue { .number(String(v)) }
}
