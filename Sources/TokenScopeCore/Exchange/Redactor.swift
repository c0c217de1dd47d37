import Crypto

/// Removes secrets from what TokenScope shows: client secrets, assertion signatures, user
/// assertions, refresh tokens, access and ID tokens, codes and verifiers. A redacted value keeps
/// its kind, length and a short SHA-256 fingerprint, so two traces can still be compared.
/// `reveal` (the user's explicit `--reveal`) turns it off.
public struct Redactor: Sendable {
    public let reveal: Bool

    public init(reveal: Bool) { self.reveal = reveal }

    /// Form fields whose values are secret, and what to call them.
    static let secretFields: [String: String] = [
        "client_secret": "client secret", "assertion": "user assertion", "refresh_token": "refresh token",
        "code": "authorization code", "code_verifier": "PKCE verifier", "device_code": "device code",
        "access_token": "access token", "id_token": "ID token", "spa_code": "SPA code", "password": "password",
    ]

    public func formValue(name: String, value: String) -> String {
        guard !reveal else { return value }
        if name == "client_assertion" { return signatureRedacted(value) }
        guard let kind = Self.secretFields[name] else { return value }
        return placeholder(kind, value)
    }

    public func header(name: String, value: String) -> String {
        guard !reveal else { return value }
        let lower = name.lowercased()
        if lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" || lower == "set-cookie" {
            return placeholder(lower == "authorization" ? "authorization header" : lower, value)
        }
        return value
    }

    /// A JSON body with secret members replaced (at any depth).
    public func json(_ value: JSONValue) -> JSONValue {
        guard !reveal else { return value }
        switch value {
        case let .object(members):
            return .object(members.map { member in
                if case let .string(s) = member.value, let kind = Self.secretFields[member.key] { return (member.key, .string(placeholder(kind, s))) }
                if case let .string(s) = member.value, member.key == "client_assertion" { return (member.key, .string(signatureRedacted(s))) }
                return (member.key, json(member.value))
            })
        case let .array(items): return .array(items.map(json))
        default: return value
        }
    }

    /// Free text (a non-JSON body, an error message): JWT-shaped runs lose their signature part
    /// and any exact `secrets` given are replaced.
    public func text(_ text: String, secrets: [String] = []) -> String {
        guard !reveal else { return text }
        var out = text
        for secret in secrets where secret.count >= 4 { out = out.replacingAll(secret, with: placeholder("secret", secret)) }
        return Self.redactJWTs(in: out)
    }

    /// `«redacted access token: 1234 chars, sha256 1a2b3c4d»`.
    public func placeholder(_ kind: String, _ value: String) -> String {
        let digest = SHA256.hash(data: Array(value.utf8)).prefix(4).map { b in
            let d = Array("0123456789abcdef")
            return String([d[Int(b >> 4)], d[Int(b & 0x0F)]])
        }.joined()
        return "«redacted \(kind): \(value.utf8.count) chars, sha256 \(digest)»"
    }

    /// Keeps a JWT's header and claims (they are shown decoded anyway) and drops the signature,
    /// so the value cannot be replayed. Anything else is redacted whole.
    public func signatureRedacted(_ token: String) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return placeholder("client assertion", token) }
        return "\(parts[0]).\(parts[1]).«redacted signature»"
    }

    static func redactJWTs(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "eyJ") {
            result += rest[..<start.lowerBound]
            let tail = rest[start.lowerBound...]
            let end = tail.firstIndex { c in !(c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")) } ?? tail.endIndex
            let candidate = tail[..<end]
            if candidate.split(separator: ".", omittingEmptySubsequences: false).count >= 3 {
                let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
                result += "\(parts[0]).\(parts[1]).«redacted»"
            } else {
                result += candidate
            }
            rest = tail[end...]
        }
        return result + rest
    }
}

extension StringProtocol {
    /// Foundation-free `replacingOccurrences`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return String(self) }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// Foundation-free `range(of:)`.
    func range(of target: String) -> Range<Index>? {
        guard let first = target.first else { return nil }
        var i = startIndex
        while let candidate = self[i...].firstIndex(of: first) {
            if self[candidate...].starts(with: target) {
                return candidate..<(index(candidate, offsetBy: target.count))
            }
            i = index(after: candidate)
        }
        return nil
    }
}
