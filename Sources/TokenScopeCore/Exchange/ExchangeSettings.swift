/// How an exchange behaves around the protocol: the clock, waiting, retry limits, redaction and
/// progress reports. Tests inject the clock and the sleep; the faces inject progress.
public struct ExchangeSettings: Sendable {
    /// Show secrets in the trace (`--reveal`).
    public var reveal: Bool
    /// Longest `Retry-After` TokenScope waits for (seconds); longer answers are reported, not waited.
    public var maxRetryAfterSeconds: Double
    /// The pause before the single retry of a 5xx or a timeout (MSAL.NET: 1 s).
    public var retryDelaySeconds: Double
    /// Unix seconds (assertion `nbf`/`exp`, token inspection).
    public var now: @Sendable () -> Int64
    public var sleep: @Sendable (Double) async throws -> Void
    public var onEvent: @Sendable (ExchangeEvent) -> Void

    public init(reveal: Bool = false, maxRetryAfterSeconds: Double = 60, retryDelaySeconds: Double = 1,
                now: @escaping @Sendable () -> Int64,
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1_000_000_000)) },
                onEvent: @escaping @Sendable (ExchangeEvent) -> Void = { _ in }) {
        self.reveal = reveal
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
        self.retryDelaySeconds = retryDelaySeconds
        self.now = now
        self.sleep = sleep
        self.onEvent = onEvent
    }
}

/// Progress of an exchange, for a spinner or a stderr line.
public enum ExchangeEvent: Sendable, Equatable {
    case sending(attempt: Int, url: String)
    /// About to wait before retrying (a 429's `Retry-After`, or the 1 s pause after a 5xx).
    case waiting(seconds: Double, reason: String)
    case received(status: Int)
}
