import TokenScopeCore

/// One POST to the token endpoint, as the grant handlers see it.
public struct TokenRequest: Sendable {
    /// The `{tenant}` path segment as sent (GUID, domain, `common`, `organizations`, `consumers`).
    public let tenantSegment: String
    public let fields: [(name: String, value: String)]
    /// Header names lowercased.
    public let headers: [(name: String, value: String)]
    public let now: Int64

    public init(tenantSegment: String, fields: [(name: String, value: String)], headers: [(name: String, value: String)] = [], now: Int64) {
        self.tenantSegment = tenantSegment
        self.fields = fields
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        self.now = now
    }

    public func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value.nilIfEmpty
    }

    public func require(_ name: String) throws(EntraError) -> String {
        guard let value = field(name) else { throw SandboxErrors.missingParameter(name) }
        return value
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name == name.lowercased() }?.value
    }

    /// `client_id:client_secret` from HTTP Basic, form-url-decoded as RFC 6749 §2.3.1 says.
    public var basicCredentials: (id: String, secret: String)? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("basic "),
              let decoded = Base64URL.decode(String(value.dropFirst(6)).trimmingSpaces()) else { return nil }
        let text = String(decoding: decoded, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (FormBody.decode(text[..<colon]), FormBody.decode(text[text.index(after: colon)...]))
    }

    public var clientID: String? { field("client_id") ?? basicCredentials?.id }

    /// `client-request-id`, echoed as `correlation_id`.
    public var correlationID: String? { header("client-request-id") }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

