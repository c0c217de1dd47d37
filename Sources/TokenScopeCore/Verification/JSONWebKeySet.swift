/// One key of a JWKS, as Entra publishes them (`kty`, `use`, `kid`, `x5t`, `n`, `e`, `x5c`, `issuer`).
public struct JSONWebKey: Sendable, Equatable {
    public let kty: String
    public let kid: String?
    public let x5t: String?
    public let use: String?
    public let n: [UInt8]?
    public let e: [UInt8]?
    /// Entra's per-key issuer (may hold the `{tenantid}` template).
    public let issuer: String?
}

/// A JSON Web Key Set. Keys of types TokenScope does not verify (`oct`, `EC`) are kept but never
/// selected, so one unusual key never breaks the whole set.
public struct JSONWebKeySet: Sendable {
    public let keys: [JSONWebKey]

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(json: [UInt8]) throws(ParseError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(json)
        } catch {
            throw ParseError(description: "the JWKS is not JSON: \(error.description)")
        }
        guard let keys = value["keys"]?.arrayValue else {
            throw ParseError(description: "the JWKS has no `keys` array")
        }
        self.keys = keys.compactMap { key in
            guard let kty = key["kty"]?.stringValue else { return nil }
            return JSONWebKey(kty: kty, kid: key["kid"]?.stringValue, x5t: key["x5t"]?.stringValue,
                              use: key["use"]?.stringValue,
                              n: key["n"]?.stringValue.flatMap(Base64URL.decode),
                              e: key["e"]?.stringValue.flatMap(Base64URL.decode),
                              issuer: key["issuer"]?.stringValue)
        }
    }

    /// The RSA signing key named by the token header's `kid`, else its `x5t`.
    public func key(kid: String?, x5t: String?) -> JSONWebKey? {
        let rsa = keys.filter { $0.kty == "RSA" && $0.use != "enc" && $0.n != nil && $0.e != nil }
        if let kid, let k = rsa.first(where: { $0.kid == kid }) { return k }
        if let x5t, let k = rsa.first(where: { $0.x5t == x5t || $0.kid == x5t }) { return k }
        return nil
    }
}
