/// One HTTP round trip of an exchange, already redacted: what the user sees in the trace pane,
/// `--json` and exported reports. Built only through `Redactor`, so nothing unredacted is kept.
public struct HTTPTraceEntry: Sendable {
    public struct Request: Sendable {
        public let method: String
        public let url: String
        public let headers: [(name: String, value: String)]
        /// Form fields in wire order (token requests); empty for GETs.
        public let form: [(name: String, value: String)]
    }

    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        /// The body: JSON with tokens redacted, or (non-JSON) the text, truncated.
        public let body: String
        public let bodyIsJSON: Bool
    }

    /// 1 for the first try; retries count up.
    public let attempt: Int
    public let request: Request
    public let response: Response?
    /// Why no response came (timeout, TLS, DNS…).
    public let transportError: String?
    public let elapsedMilliseconds: Int
    /// The certificate assertion of this request, decoded: header and claims, never the key.
    public let clientAssertionHeader: JSONValue?
    public let clientAssertionClaims: JSONValue?
    /// Why this request was (or will be) retried.
    public var note: String?
}
