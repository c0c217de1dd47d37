public import TokenScopeCore

/// A failure shaped exactly like Entra's token-endpoint errors: HTTP status, OAuth `error`,
/// AADSTS code and message, optional `suberror` and `claims` challenge.
public struct EntraError: Error, Sendable, Equatable {
    public let status: Int
    public let error: String
    public let code: Int
    /// The text after `AADSTSnnnnn: `.
    public let message: String
    public var suberror: String?
    /// A claims challenge (JSON text), e.g. for conditional access.
    public var claims: String?

    public init(_ status: Int, _ error: String, _ code: Int, _ message: String, suberror: String? = nil, claims: String? = nil) {
        self.status = status
        self.error = error
        self.code = code
        self.message = message
        self.suberror = suberror
        self.claims = claims
    }

    /// The JSON body Entra sends. `timestamp` is `yyyy-MM-dd HH:mm:ssZ`; the description ends with
    /// the trace ID, correlation ID and timestamp lines, separated by `\r\n`.
    public func body(traceID: String, correlationID: String, now: Int64, errorHost: String) -> JSONValue {
        let timestamp = String(TimeText.utc(now).dropLast(4)) + "Z"
        let description = "AADSTS\(code): \(message)\r\nTrace ID: \(traceID)\r\nCorrelation ID: \(correlationID)\r\nTimestamp: \(timestamp)"
        var members: [(key: String, value: JSONValue)] = [
            ("error", .string(error)),
            ("error_description", .string(description)),
            ("error_codes", .array([.number(String(code))])),
            ("timestamp", .string(timestamp)),
            ("trace_id", .string(traceID)),
            ("correlation_id", .string(correlationID)),
            ("error_uri", .string("\(errorHost)/error?code=\(code)")),
        ]
        if let suberror { members.append(("suberror", .string(suberror))) }
        if let claims { members.append(("claims", .string(claims))) }
        return .object(members)
    }
}
