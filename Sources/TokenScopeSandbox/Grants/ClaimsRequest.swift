import TokenScopeCore

/// The `claims` request parameter: client capabilities (`xms_cc`) and claims-challenge answers.
enum ClaimsRequest {
    /// `{"access_token":{"xms_cc":{"values":["cp1"]}}}` → `["cp1"]`.
    static func clientCapabilities(_ claims: String?) -> [String] {
        guard let claims, let value = try? JSONParser.parse(claims) else { return [] }
        return value["access_token"]?["xms_cc"]?["values"]?.stringArray ?? []
    }

    /// A claims request that answers a conditional-access challenge (`capolids` or `acrs`) asks for MFA.
    static func asksForStepUp(_ claims: String?) -> Bool {
        guard let claims, let value = try? JSONParser.parse(claims) else { return false }
        return value["access_token"]?["capolids"] != nil || value["access_token"]?["acrs"] != nil || value["id_token"]?["acrs"] != nil
    }
}
