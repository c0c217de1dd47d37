/// The answer of the device authorization endpoint (`POST {authority}/oauth2/v2.0/devicecode`,
/// RFC 8628 §3.2): what the user must type where, and how the app polls.
public struct DeviceAuthorization: Sendable {
    /// What the user types at `verificationURI` (shown to the user; not a secret by itself).
    public let userCode: String
    /// What the app polls the token endpoint with (secret: redacted in traces).
    public let deviceCode: String
    /// Entra's v2 `verification_uri` (v1 and older ADFS say `verification_url`).
    public let verificationURI: String
    /// RFC 8628's `verification_uri_complete`, when the authority sends one (Entra does not).
    public let verificationURIComplete: String?
    /// Seconds the codes are valid, from `issuedAt`.
    public let expiresIn: Int64
    /// Seconds to wait between polls (RFC 8628 default 5 when absent).
    public let interval: Int64
    /// The authority's instructions for the user (authority text: escape it before printing).
    public let message: String?
    /// Unix seconds when the answer was read (`settings.now()`): the polling deadline's origin.
    public let issuedAt: Int64
    public let raw: JSONValue

    public init(userCode: String, deviceCode: String, verificationURI: String, verificationURIComplete: String? = nil,
                expiresIn: Int64, interval: Int64, message: String?, issuedAt: Int64, raw: JSONValue = .object([])) {
        self.userCode = userCode
        self.deviceCode = deviceCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresIn = expiresIn
        self.interval = interval
        self.message = message
        self.issuedAt = issuedAt
        self.raw = raw
    }

    /// nil when a required member (`device_code`, `user_code`, a verification URI) is missing.
    /// Numbers may come as numbers or numeric strings, as in token responses.
    public init?(json: JSONValue, issuedAt: Int64) {
        guard case .object = json,
              let device = json["device_code"]?.stringValue, !device.isEmpty,
              let user = json["user_code"]?.stringValue, !user.isEmpty,
              let uri = (json["verification_uri"] ?? json["verification_url"])?.stringValue, !uri.isEmpty else { return nil }
        self.init(userCode: user, deviceCode: device, verificationURI: uri,
                  verificationURIComplete: json["verification_uri_complete"]?.stringValue,
                  expiresIn: TokenResponse.seconds(json["expires_in"]) ?? 900,
                  interval: TokenResponse.seconds(json["interval"]).map { max(1, $0) } ?? 5,
                  message: json["message"]?.stringValue, issuedAt: issuedAt, raw: json)
    }

    /// Unix seconds after which polling stops.
    public var expiresAt: Int64 { issuedAt + expiresIn }

    /// What to tell the user: the authority's `message`, or one built from the URI and code.
    public var instructions: String {
        message ?? "To sign in, open the page \(verificationURI) in a web browser and enter the code \(userCode) to authenticate."
    }
}
