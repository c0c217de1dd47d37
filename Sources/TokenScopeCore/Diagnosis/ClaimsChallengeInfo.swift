/// What a claims challenge asks for.
public enum ClaimsChallengeKind: String, Sendable, CaseIterable {
    /// `acr` values naming MFA (`urn:microsoft:policies:mfa`).
    case mfa
    /// `polids` / `capolids`: Conditional Access policies to satisfy (MFA with 50076/50079).
    case conditionalAccess = "conditional-access"
    /// `acrs`: a Conditional Access authentication context (`c1` ... `c99`).
    case authContext = "auth-context"
    /// `nbf` (and `xms_caeerror`): continuous access evaluation revoked the token.
    case cae
    /// `xms_cc`: client capabilities (`cp1`); a request, not a challenge.
    case clientCapabilities = "client-capabilities"
    case other
}

/// A claims challenge found in a paste (an error response's `claims`, a `WWW-Authenticate`
/// header's `claims`), decoded and explained.
public struct ClaimsChallengeInfo: Sendable, Equatable {
    /// As pasted: JSON text or base64.
    public var raw: String
    /// The decoded claims request; nil when it could not be decoded.
    public var claims: JSONValue?
    public var kinds: [ClaimsChallengeKind]
    /// One line per requirement, in plain words.
    public var explanation: [String]

    public init(raw: String, claims: JSONValue?, kinds: [ClaimsChallengeKind], explanation: [String]) {
        self.raw = raw
        self.claims = claims
        self.kinds = kinds
        self.explanation = explanation
    }

    /// The compact JSON to pass back (`--claims`, MSAL's `WithClaims`), when decoded.
    public var json: String? { claims.map { JSONWriter.write($0, pretty: false) } }
}

/// Decodes and explains claims challenges in every pasted form.
public enum ClaimsChallengeExplainer {
    /// `raw` may be the JSON object, its base64/base64url form, or either in quotes. nil for an
    /// empty value.
    public static func explain(_ raw: String) -> ClaimsChallengeInfo? {
        var text = raw.trimmedWhitespace
        while text.count >= 2, let first = text.first, let last = text.last, first == last, first == "\"" || first == "'" {
            text = String(text.dropFirst().dropLast()).trimmedWhitespace
        }
        guard !text.isEmpty else { return nil }
        var decoded: JSONValue?
        if text.hasPrefix("{") {
            decoded = try? JSONParser.parse(text, maxDepth: 16)
        } else if let bytes = Base64URL.decode(text.replacingBase64Standard()) {
            decoded = try? JSONParser.parse(bytes, maxDepth: 16)
        }
        guard let decoded, case .object = decoded else {
            return ClaimsChallengeInfo(raw: raw, claims: nil, kinds: [.other],
                                       explanation: ["The claims value could not be decoded as JSON (nor as base64-encoded JSON); it may be truncated."])
        }
        var kinds: [ClaimsChallengeKind] = []
        var lines: [String] = []
        func add(_ kind: ClaimsChallengeKind, _ line: String) {
            if !kinds.contains(kind) { kinds.append(kind) }
            lines.append(line)
        }
        for (target, request) in decoded.objectMembers ?? [] {
            guard let members = request.objectMembers else { continue }
            let where_ = target == "access_token" ? "the access token" : target == "id_token" ? "the ID token" : "`\(TerminalSafe.escape(target))`"
            for (name, spec) in members {
                let values = requestedValues(spec)
                let shown = values.map { "`\(TerminalSafe.escape($0))`" }.joined(separator: ", ")
                switch name.lowercased() {
                case "acrs":
                    add(.authContext, "Authentication context \(shown.isEmpty ? "(no value)" : shown): \(where_) must satisfy the Conditional Access policy bound to this context (often step-up MFA or a compliant device).")
                case "acr":
                    if values.contains(where: { $0.lowercased().contains("mfa") }) {
                        add(.mfa, "MFA: \(where_) must come from a sign-in that included multi-factor authentication (\(shown)).")
                    } else {
                        add(.other, "Authentication class \(shown) is required for \(where_).")
                    }
                case "polids", "capolids":
                    add(.conditionalAccess, "Conditional Access polic\(values.count == 1 ? "y" : "ies") \(shown.isEmpty ? "(unnamed)" : shown) must be satisfied by an interactive sign-in (with AADSTS50076/50079 this means MFA).")
                case "nbf":
                    let when = values.first.flatMap { Int64($0) }.map { TimeText.utc($0) } ?? values.first ?? "?"
                    add(.cae, "Continuous access evaluation: the API no longer accepts the current token (a critical event such as a password change, a disabled account or a new location revoked it); \(where_) must be issued after \(TerminalSafe.escape(when)).")
                case "xms_caeerror":
                    add(.cae, "Continuous access evaluation reported error \(shown).")
                case "xms_cc":
                    add(.clientCapabilities, "Client capabilities \(shown): the client declares it can handle claims challenges (a request, not a challenge).")
                default:
                    add(.other, "\(where_.prefix(1).uppercased() + where_.dropFirst()) must carry claim `\(TerminalSafe.escape(name))`\(shown.isEmpty ? "" : " with \(shown)").")
                }
            }
        }
        if lines.isEmpty { add(.other, "The claims request names no claim the user can satisfy; pass it back unchanged with the next token request.") }
        return ClaimsChallengeInfo(raw: raw, claims: decoded, kinds: kinds, explanation: lines)
    }

    /// `{"essential":true,"value":"c1"}`, `{"values":["a","b"]}` (any case), or a bare value.
    static func requestedValues(_ spec: JSONValue) -> [String] {
        func scalar(_ v: JSONValue) -> String? {
            switch v {
            case let .string(s): return s
            case let .number(n): return n
            case let .bool(b): return b ? "true" : "false"
            default: return nil
            }
        }
        guard let members = spec.objectMembers else { return scalar(spec).map { [$0] } ?? [] }
        var out: [String] = []
        for (key, value) in members {
            switch key.lowercased() {
            case "value": if let s = scalar(value) { out.append(s) }
            case "values": out += (value.arrayValue ?? []).compactMap(scalar)
            default: break
            }
        }
        return out
    }
}
