/// Reads a claim's value for a human: times as UTC and relative, codes and IDs named.
enum ClaimExplainer {
    static let timeClaims: Set<String> = ["exp", "nbf", "iat", "auth_time", "xms_tdbr_exp"]

    static func explain(_ name: String, _ value: JSONValue, location: ClaimLocation, now: Int64, issuer: IssuerInfo? = nil) -> String? {
        location == .header ? explainHeader(name, value) : explainPayload(name, value, now: now, issuer: issuer)
    }

    private static func explainHeader(_ name: String, _ value: JSONValue) -> String? {
        switch (name, value) {
        case let ("alg", .string(alg)):
            return algorithms[alg] ?? "algorithm `\(alg)` (Entra signs with RS256)"
        case ("nonce", _):
            return "Graph-style nonce: the signature covers a hash of this value, so only Microsoft Graph can validate it"
        case ("kid", _), ("x5t", _):
            return "selects the signing key in the issuer's JWKS (discovery/v2.0/keys)"
        case ("jku", _), ("x5u", _):
            return "a key URL chosen by whoever made the token: never trusted or fetched by TokenScope"
        default:
            return nil
        }
    }

    static let algorithms: [String: String] = [
        "RS256": "RSA PKCS#1 v1.5 with SHA-256 (what Entra uses)",
        "PS256": "RSA-PSS with SHA-256",
        "RS384": "RSA PKCS#1 v1.5 with SHA-384", "RS512": "RSA PKCS#1 v1.5 with SHA-512",
        "ES256": "ECDSA P-256 with SHA-256", "HS256": "HMAC with SHA-256 (a shared secret; Entra never issues these)",
        "none": "no signature: anyone could have written this token",
        "RSA-OAEP": "content key encrypted with RSA-OAEP", "RSA-OAEP-256": "content key encrypted with RSA-OAEP-256",
        "dir": "direct encryption with a shared key",
    ]

    private static func explainPayload(_ name: String, _ value: JSONValue, now: Int64, issuer: IssuerInfo?) -> String? {
        if timeClaims.contains(name) {
            guard let d = value.doubleValue, d > -1e12, d < 1e12 else { return "not a Unix time (\(value.typeName))" }
            let t = Int64(d.rounded(.down))
            return "\(TimeText.utc(t)) (\(TimeText.relative(t, now: now)))"
        }
        switch name {
        case "aud":
            let auds = value.stringValue.map { [$0] } ?? value.stringArray ?? []
            return auds.compactMap(firstPartyName).first.map { "Microsoft first-party API: \($0)" }
        case "azp", "appid":
            return value.stringValue.flatMap { WellKnownValues.firstPartyApps[$0.lowercased()] }.map { "Microsoft first-party client: \($0)" }
        case "iss":
            // The inspector already parsed `iss`; parse here only when called on its own.
            guard let iss = value.stringValue, let info = issuer?.issuer == iss ? issuer : IssuerInfo(issuer: iss) else { return nil }
            let endpoint = info.isV2Endpoint ? ", v2.0 endpoint" : info.isV1Form ? ", v1 endpoint" : ""
            return "\(info.cloudName)\(info.tenant.map { ", tenant \($0)" } ?? "")\(endpoint)"
        case "tid":
            return value.stringValue.flatMap { WellKnownValues.specialTenants[$0.lowercased()] }
        case "idp":
            guard let idp = value.stringValue else { return nil }
            if idp == "live.com" || idp.contains(WellKnownValues.consumerTenantID) { return "personal Microsoft account (MSA)" }
            return "the user signed in with another identity provider or tenant"
        case "amr":
            return value.stringArray.map { $0.map { "\($0): \(WellKnownValues.amrMethods[$0] ?? "unlisted method")" }.joined(separator: "; ") }
        case "acr":
            guard let acr = value.stringValue else { return nil }
            if acr.lowercased().hasPrefix("b2c_") { return "Azure AD B2C user flow or custom policy `\(acr)`" }
            return WellKnownValues.acrValues[acr]
        case "appidacr", "azpacr":
            return value.stringValue.flatMap { WellKnownValues.clientAuthMethods[$0] }
        case "idtyp":
            return value.stringValue.flatMap { WellKnownValues.idtypValues[$0] }
        case "acct":
            switch value.doubleValue ?? value.stringValue.flatMap(Double.init) {
            case 0: return "member of the tenant"
            case 1: return "guest in the tenant"
            default: return nil
            }
        case "wids":
            return value.stringArray.map { ids in
                ids.map { WellKnownValues.directoryRoles[$0.lowercased()] ?? "role template \($0)" }.joined(separator: ", ")
            }
        case "xms_cc":
            return value.stringArray.map { $0.map { "\($0): \(WellKnownValues.clientCapabilities[$0] ?? "client capability")" }.joined(separator: "; ") }
        case "uti":
            return value.stringValue.flatMap { requestID(fromUTI: $0) }.map { "sign-in log request ID \($0)" }
        case "scp":
            guard let scp = value.stringValue else { return nil }
            let scopes = scp.split(separator: " ")
            return "\(scopes.count) delegated scope\(scopes.count == 1 ? "" : "s") (user token)"
        case "roles":
            return value.arrayValue.map { "\($0.count) app role\($0.count == 1 ? "" : "s")" }
        case "groups":
            return value.arrayValue.map { "\($0.count) group object ID\($0.count == 1 ? "" : "s")" }
        case "ver":
            switch value.stringValue {
            case "1.0": return "v1.0 token format (issuer sts.windows.net)"
            case "2.0": return "v2.0 token format (issuer .../v2.0)"
            default: return nil
            }
        case "_claim_names":
            return value["groups"] != nil ? "groups overage: the user is in too many groups to list; query Microsoft Graph" : nil
        default:
            return nil
        }
    }

    static func firstPartyName(_ audience: String) -> String? {
        // Custom APIs' GUIDs and `api://` URIs are the common case: leave them early.
        if audience.utf8.count == 36 {
            // Already lowercase ASCII (the usual GUID): `lowercased()` would return it unchanged.
            let unchanged = audience.withUTF8Bytes { $0.allSatisfy { $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) } }
            let lower = unchanged ? audience : audience.lowercased()
            // Most audiences are custom APIs: rule them out by fingerprint before hashing for the table.
            let fp = ClaimKeys.fingerprint(lower)
            guard fp == ClaimKeys.nonASCII || isFirstPartyAppFingerprint(fp) else { return nil }
            return WellKnownValues.firstPartyApps[lower]
        }
        guard audience.hasPrefix("https://") || audience.hasPrefix("HTTPS://") else { return nil }
        let lower = audience.lowercased()
        if let name = WellKnownValues.firstPartyApps[lower] { return name }
        var uri = lower
        while uri.hasSuffix("/") { uri.removeLast() }
        if let name = WellKnownValues.firstPartyResourceURIs[uri] { return name }
        // Scoped forms such as https://graph.microsoft.com/.default never appear in aud, but a
        // resource with a path (https://storage.azure.com/foo) still names the same API.
        return WellKnownValues.firstPartyResourceURIs.first { uri.hasPrefix($0.key + "/") }?.value
    }

    /// The fingerprints of `WellKnownValues.firstPartyApps`' (ASCII) keys: an ASCII value whose
    /// fingerprint is not among them is not a key.
    /// Sorted, for a binary search: a few compares cost less than hashing the fingerprint for a Set.
    static let firstPartyAppFingerprints: [UInt64] = WellKnownValues.firstPartyApps.keys.map(ClaimKeys.fingerprint).sorted()

    static func isFirstPartyAppFingerprint(_ fp: UInt64) -> Bool {
        firstPartyAppFingerprints.withUnsafeBufferPointer { sorted in
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < fp { low = mid + 1 } else { high = mid }
            }
            return low < sorted.count && sorted[low] == fp
        }
    }

    /// `uti` is the sign-in's request ID: a .NET GUID (first three fields little-endian) in base64url.
    static func requestID(fromUTI uti: String) -> String? {
        guard let b = Base64URL.decode(uti), b.count == 16 else { return nil }
        let order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15]
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (n, i) in order.enumerated() {
            if n == 4 || n == 6 || n == 8 || n == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(b[i] >> 4)])
            out.append(digits[Int(b[i] & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
