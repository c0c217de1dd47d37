/// The compact serialisation a token uses.
public enum TokenFormat: String, Sendable {
    /// Signed JWT: header.payload.signature.
    case jws
    /// Encrypted JWT: header.encryptedKey.iv.ciphertext.tag.
    case jwe
    /// Not a JOSE object (consumer `EwB...` tokens, refresh tokens, random strings).
    case opaque
}

/// Something wrong with the token's structure, located in one part of it.
public struct ParseProblem: Sendable, Equatable {
    /// `token`, `header`, `payload` or `signature`.
    public let part: String
    public let message: String
}

/// A token split into its parts and decoded as far as it can be, never throwing: every defect is
/// recorded as a `ParseProblem` so the inspector can explain it.
///
/// The parts live in one shared, immutable box: the token is copied into the rule input and the
/// report (and callers copy reports), and a copy is then one retain instead of one per part.
public struct ParsedToken: Sendable {
    public var raw: String { parts.raw }
    public var format: TokenFormat { parts.format }
    public var segmentCount: Int { parts.segmentCount }
    /// The protected header object (JWS and JWE), when it decoded to a JSON object.
    public var header: JSONValue? { parts.headerMembers.map(JSONValue.object) }
    /// The claims object (JWS only), when it decoded to a JSON object.
    public var claims: JSONValue? { parts.claimMembers.map(JSONValue.object) }
    /// The members of `header` and `claims` (what the inspector reads, without the enum around them).
    var headerMembers: [(key: String, value: JSONValue)]? { parts.headerMembers }
    var claimMembers: [(key: String, value: JSONValue)]? { parts.claimMembers }
    /// The signature bytes (JWS only; empty when the signature part is not base64url). Decoded when
    /// asked: only verification needs the bytes, and the parse has checked them already.
    public var signature: [UInt8] {
        guard let range = parts.signatureRange else { return [] }
        return parts.raw.withUTF8Bytes { Base64URL.decode(buffer: UnsafeBufferPointer(rebasing: $0[range])) } ?? []
    }
    /// `signature.isEmpty`, without decoding it.
    var signatureIsEmpty: Bool { parts.signatureRange == nil }
    /// `base64url(header) + "." + base64url(payload)`: what the signature covers.
    public var signingInput: Substring { parts.signingInput }
    public var problems: [ParseProblem] { parts.problems }
    /// Where the inspector's well-known members are in `header` and `claims`, found while parsing
    /// (nil when the part is not an object).
    var headerSlots: ClaimSlots? { parts.headerSlots }
    var claimSlots: ClaimSlots? { parts.claimSlots }
    /// A JWS whose three parts decoded as base64url with no `=` anywhere: every byte of `raw` is a
    /// base64url letter or a dot (what `TokenInspector` needs to skip the extractor's byte scan).
    var onlyBase64Letters: Bool { parts.onlyBase64Letters }

    private final class Parts: Sendable {
        let raw: String
        let format: TokenFormat
        let segmentCount: Int
        let headerMembers: [(key: String, value: JSONValue)]?
        let claimMembers: [(key: String, value: JSONValue)]?
        /// Where the signature's base64url text is in `raw`'s UTF-8, when it decodes to at least one byte.
        let signatureRange: Range<Int>?
        let signingInput: Substring
        let problems: [ParseProblem]
        let headerSlots: ClaimSlots?
        let claimSlots: ClaimSlots?
        let onlyBase64Letters: Bool

        init(raw: String, format: TokenFormat, segmentCount: Int, header: JSONValue?, claims: JSONValue?, signatureRange: Range<Int>?,
             signingInput: Substring, problems: [ParseProblem], headerSlots: ClaimSlots?, claimSlots: ClaimSlots?,
             onlyBase64Letters: Bool) {
            self.raw = raw
            self.format = format
            self.segmentCount = segmentCount
            headerMembers = header?.objectMembers
            claimMembers = claims?.objectMembers
            self.signatureRange = signatureRange
            self.signingInput = signingInput
            self.problems = problems
            self.headerSlots = headerSlots
            self.claimSlots = claimSlots
            self.onlyBase64Letters = onlyBase64Letters
        }
    }

    private let parts: Parts

    /// `signatureRange`: where a signature that decodes to at least one byte is in `raw`'s UTF-8.
    init(raw: String, format: TokenFormat, segmentCount: Int, header: JSONValue?, claims: JSONValue?, signatureRange: Range<Int>? = nil,
         signingInput: Substring, problems: [ParseProblem], headerSlots: ClaimSlots? = nil, claimSlots: ClaimSlots? = nil,
         onlyBase64Letters: Bool = false) {
        parts = Parts(raw: raw, format: format, segmentCount: segmentCount, header: header, claims: claims, signatureRange: signatureRange,
                      signingInput: signingInput, problems: problems, headerSlots: headerSlots, claimSlots: claimSlots,
                      onlyBase64Letters: onlyBase64Letters)
    }
}
