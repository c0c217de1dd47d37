/// What a browser-facing endpoint (/authorize, /devicelogin) answers: a redirect or a page.
public struct BrowserResponse: Sendable, Equatable {
    public var status: Int
    /// The `Location` of a redirect.
    public var location: String?
    public var html: String

    static func page(_ html: String, status: Int = 200) -> BrowserResponse {
        BrowserResponse(status: status, location: nil, html: html)
    }

    /// Sends response parameters to the app's redirect URI in the requested mode.
    static func deliver(_ parameters: [(String, String)], to redirectURI: String, mode: ResponseMode) -> BrowserResponse {
        switch mode {
        case .query:
            // Entra ends every redirect with an empty fragment, so the browser drops any fragment
            // of the page that started the sign-in instead of carrying it to the redirect URI.
            let separator = redirectURI.contains("?") ? "&" : "?"
            return BrowserResponse(status: 302, location: redirectURI + separator + FormBody.encode(parameters) + "#", html: "")
        case .fragment:
            return BrowserResponse(status: 302, location: redirectURI + "#" + FormBody.encode(parameters), html: "")
        case .formPost:
            return page(HTMLPage.formPost(action: redirectURI, fields: parameters))
        }
    }
}

/// `response_mode`: where the authorization response's parameters go.
enum ResponseMode: String, Sendable {
    case query, fragment
    case formPost = "form_post"
}
