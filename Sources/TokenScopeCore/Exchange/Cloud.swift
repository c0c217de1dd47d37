/// The Entra clouds TokenScope can target by name (`--cloud`). Each has its own login host, its
/// own error-lookup page and its own audience for federated credentials.
public enum Cloud: String, Sendable, CaseIterable {
    case `public`
    case usgov
    case china
    /// Bleu (France), Delos (Germany), Singapore government: MSAL.NET's sovereign cloud enums.
    case govfr
    case govde
    case govsg

    public var loginHost: String {
        switch self {
        case .public: return "login.microsoftonline.com"
        case .usgov: return "login.microsoftonline.us"
        case .china: return "login.partner.microsoftonline.cn"
        case .govfr: return "login.sovcloud-identity.fr"
        case .govde: return "login.sovcloud-identity.de"
        case .govsg: return "login.sovcloud-identity.sg"
        }
    }

    public var displayName: String {
        switch self {
        case .public: return "Azure public cloud"
        case .usgov: return "Azure US Government"
        case .china: return "Azure China (21Vianet)"
        case .govfr: return "Bleu (France sovereign)"
        case .govde: return "Delos (Germany sovereign)"
        case .govsg: return "Singapore government sovereign"
        }
    }

    /// The `aud` an external token must carry for a federated identity credential in this cloud.
    public var federationAudience: String {
        switch self {
        case .public: return "api://AzureADTokenExchange"
        case .usgov: return "api://AzureADTokenExchangeUSGov"
        case .china: return "api://AzureADTokenExchangeChina"
        case .govfr: return "api://AzureADTokenExchangeFrance"
        case .govde: return "api://AzureADTokenExchangeGermany"
        case .govsg: return "api://AzureADTokenExchange"
        }
    }

    /// Every host Entra answers on in this cloud (aliases included), so `--authority` naming an
    /// alias is still recognised as Entra rather than a custom host.
    public static func cloud(forHost host: String) -> Cloud? {
        switch IssuerInfo.hostClouds[host.lowercased()] {
        case "public": return .public
        case "usgov": return .usgov
        case "china": return .china
        case "bleu": return .govfr
        case "delos": return .govde
        case "govsg": return .govsg
        default: return nil
        }
    }

    /// `AZURE_AUTHORITY_HOST` may be a bare host or an https URL.
    public static func cloud(forAuthorityHost text: String) -> Cloud? {
        let host = URLParts(text)?.host ?? text.lowercased()
        return cloud(forHost: host)
    }
}
