/// The headers MSAL.NET puts on token requests, naming TokenScope as the client library.
public enum ClientHeaders {
    public static let sku = "TokenScope"
    public static let version = "0.1.0"

    public static func tokenRequest(correlationId: String) -> [(name: String, value: String)] {
        [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
            ("User-Agent", "\(sku)/\(version)"),
            ("client-request-id", correlationId),
            ("return-client-request-id", "true"),
            ("x-client-SKU", sku),
            ("x-client-Ver", version),
            ("x-client-OS", osName),
            ("x-ms-lib-capability", "retry-after, h429"),
        ]
    }

    /// Discovery GETs carry no library headers (as MSAL's).
    public static let discovery: [(name: String, value: String)] = [("Accept", "application/json"), ("User-Agent", "\(sku)/\(version)")]

    static var osName: String {
        #if os(Linux)
        return "Linux"
        #elseif os(macOS)
        return "macOS"
        #else
        return "unknown"
        #endif
    }
}
