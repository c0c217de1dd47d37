/// Turns pasted text or an extracted token into `TokenReport`s: parse, classify, explain every
/// claim, apply the finding rules for the job at hand. Pure: no clock, no network, no I/O.
public enum TokenInspector {
    /// Extracts every token in `text` and inspects each one.
    public static func inspect(text: String, context: InspectionContext) throws(TokenExtractionError) -> [TokenReport] {
        // The usual paste is one JWS and nothing else. The extractor would scan every byte to make
        // sure of that before the parser decodes them all again; instead parse at once, and keep
        // the result only when decoding proved what the scan would have (every byte a base64url
        // letter or a dot, no `=`): then `extract` returns exactly this token. Otherwise, the full search.
        if text.utf8.count <= TokenExtractor.maxInputBytes, let (candidate, dots) = TokenExtractor.unverifiedSoleJWS(text) {
            let token = TokenParser.parse(candidate, dots: dots)
            if token.onlyBase64Letters { return [inspect(token, source: .input, context: context)] }
        }
        return try TokenExtractor.extract(from: text).map { inspect($0, context: context) }
    }

    public static func inspect(_ extracted: ExtractedToken, context: InspectionContext) -> TokenReport {
        inspect(TokenParser.parse(extracted.text, dots: extracted.dots), source: extracted.source, context: context)
    }

    static func inspect(_ token: ParsedToken, source: TokenSource, context: InspectionContext) -> TokenReport {
        // The rule input parses the claims, the issuer and the kind of token; the report takes them from it.
        let input = RuleInput(token: token, source: source, context: context)
        let findings = FindingRules.evaluate(input)

        return TokenReport(
            source: source,
            token: token,
            kind: input.kind,
            accessType: input.accessType,
            version: input.version,
            issuer: input.issuer,
            audienceName: input.firstPartyAudience,
            opaqueDescription: token.format == .opaque ? OpaqueTokenGuess.describe(token.raw, source: source) : nil,
            header: ClaimReports(input.header.members, location: .header, now: context.now, encryptedHeader: token.format == .jwe),
            claims: ClaimReports(input.claims.members, location: .payload, now: context.now, issuer: input.issuer),
            findings: findings,
            signature: signatureStatus(token, header: input.header),
            oboReadiness: context.flow == .obo ? OBOReadinessEvaluator.evaluate(input, findings: findings) : nil
        )
    }

    /// In an encrypted token's header `alg` and `kid` concern encryption, not signing.
    static let jweHeaderDescriptors: [String: ClaimDescriptor] = [
        "alg": ClaimDescriptor("alg", .header, carriers: [], meaning: "Key-management algorithm: how the content key is encrypted for the recipient.",
                               reading: "For example `RSA-OAEP`: the recipient's private key unwraps the content key; nobody else can read the claims."),
        "kid": ClaimDescriptor("kid", .header, carriers: [], meaning: "ID of the recipient's decryption key.",
                               reading: "Names the key the token was encrypted to: the API that holds it is the only party that can read this token."),
    ]

    /// Before any verification: say why a token can or cannot be verified at all.
    private static func signatureStatus(_ token: ParsedToken, header: ClaimSet) -> SignatureStatus {
        switch token.format {
        case .jwe:
            return SignatureStatus(checked: false, valid: nil, reason: "not verifiable here: the token is encrypted; only the API holding the decryption key can open and verify it")
        case .opaque:
            return SignatureStatus(checked: false, valid: nil, reason: "not verifiable: an opaque token has no signature a client can check")
        case .jws:
            if ASCIIText.lowercased(header.string(.alg), equals: "none") || token.signatureIsEmpty {
                return SignatureStatus(checked: false, valid: nil, reason: "not verifiable: the token is unsigned")
            }
            return .notRequested
        }
    }
}
