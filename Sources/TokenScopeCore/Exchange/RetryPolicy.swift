/// When a token request is tried again, following MSAL.NET: once after 1 s for a 5xx or a
/// timeout; a 429 waits for its `Retry-After` (up to a cap) and then tries once more. Nothing
/// else is retried: a 4xx is an answer, and DNS, TLS or refused connections will not heal in a
/// second.
public enum RetryPolicy {
    public static let maxAttempts = 2

    public enum Decision: Equatable {
        case stop
        case retry(afterSeconds: Double, reason: String)
        /// A retry was warranted but the wait is longer than the cap.
        case tooLong(seconds: Double, reason: String)
    }

    public static func decide(status: Int, retryAfter: String?, attempt: Int, settings: ExchangeSettings) -> Decision {
        guard attempt < maxAttempts else { return .stop }
        let wait = retryAfter.flatMap { Double($0.trimmedWhitespace) }.map { max(0, $0) }
        if status == 429 {
            guard let wait else { return .stop }
            return wait <= settings.maxRetryAfterSeconds
                ? .retry(afterSeconds: wait, reason: "HTTP 429 with Retry-After: \(format(wait)) s")
                : .tooLong(seconds: wait, reason: "HTTP 429 asks to wait \(format(wait)) s, more than the \(format(settings.maxRetryAfterSeconds)) s TokenScope waits")
        }
        if (500...599).contains(status) {
            let delay = max(settings.retryDelaySeconds, wait ?? 0)
            return delay <= settings.maxRetryAfterSeconds
                ? .retry(afterSeconds: delay, reason: "HTTP \(status)")
                : .tooLong(seconds: delay, reason: "HTTP \(status) asks to wait \(format(delay)) s")
        }
        return .stop
    }

    public static func decide(transport error: TransportError, attempt: Int, settings: ExchangeSettings) -> Decision {
        guard attempt < maxAttempts, error.kind == .timeout else { return .stop }
        return .retry(afterSeconds: settings.retryDelaySeconds, reason: "timeout")
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
