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
public struct ParsedToken: Sendable {
    public let raw: String
    public let format: TokenFormat
    public let segmentCount: Int
    /// The protected header object (JWS and JWE), when it decoded to a JSON object.
    public let header: JSONValue?
    /// The claims object (JWS only), when it decoded to a JSON object.
    public let claims: JSONValue?
    /// The signature bytes (JWS only).
    public let signature: [UInt8]
    /// `base64url(header) + "." + base64url(payload)`: what the signature covers.
    public let signingInput: Substring
    public let problems: [ParseProblem]
    /// Where the inspector's well-known members are in `header` and `claims`, found while parsing
    /// (nil when the part is not an object).
    let headerSlots: ClaimSlots?
    let claimSlots: ClaimSlots?
    /// A JWS whose three parts decoded as base64url with no `=` anywhere: every byte of `raw` is a
    /// base64url letter or a dot (what `TokenInspector` needs to skip the extractor's byte scan).
    var onlyBase64Letters = false

    init(raw: String, format: TokenFormat, segmentCount: Int, header: JSONValue?, claims: JSONValue?, signature: [UInt8],
         signingInput: Substring, problems: [ParseProblem], headerSlots: ClaimSlots? = nil, claimSlots: ClaimSlots? = nil) {
        self.raw = raw
        self.format = format
        self.segmentCount = segmentCount
        self.header = header
        self.claims = claims
        self.signature = signature
        self.signingInput = signingInput
        self.problems = problems
        self.headerSlots = headerSlots
        self.claimSlots = claimSlots
    }
}
