/// One injected fault, as written in the `x-sandbox-fault` header or a rule's `fault` field:
/// `;`-separated items, e.g. `latency=500ms`, `status=429;retry-after=30`, `status=503`, `html`,
/// `truncate`, `reset`, or combinations such as `latency=2s;status=503`.
public struct FaultSpec: Sendable, Equatable, CustomStringConvertible {
    /// Delay before anything else happens.
    public var latencyMilliseconds = 0
    /// Answer with this status instead of the real response (Entra-shaped JSON unless `html`).
    public var status: Int?
    /// `Retry-After` header in seconds (sent only when given, so 429 can be tested with and without).
    public var retryAfter: Int?
    /// An HTML error page, as a proxy or gateway in front of the authority would send.
    public var html = false
    /// Cut the (real or injected) body in half: a complete HTTP message whose JSON does not parse.
    public var truncate = false
    /// Close the connection without answering.
    public var reset = false

    public init() {}

    public static func parse(_ text: String) throws(FaultSpecError) -> FaultSpec {
        var spec = FaultSpec()
        let items = text.split(separator: ";").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw FaultSpecError("the fault is empty; use e.g. status=503, latency=500ms, html, truncate or reset") }
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].lowercased(), value = parts.count > 1 ? parts[1] : nil
            switch (name, value) {
            case ("latency", let v?):
                guard let ms = milliseconds(v), ms <= 120_000 else { throw FaultSpecError("latency `\(v)` must be a duration up to 120s (500ms, 2s or milliseconds)") }
                spec.latencyMilliseconds = ms
            case ("status", let v?):
                guard let code = Int(v), (400...599).contains(code) else { throw FaultSpecError("status `\(v)` must be an HTTP error status, 400-599") }
                spec.status = code
            case ("retry-after", let v?):
                guard let seconds = Int(v), (0...86_400).contains(seconds) else { throw FaultSpecError("retry-after `\(v)` must be seconds, 0-86400") }
                spec.retryAfter = seconds
            case ("html", nil): spec.html = true
            case ("truncate", nil): spec.truncate = true
            case ("reset", nil): spec.reset = true
            default:
                throw FaultSpecError("unknown fault item `\(item)`; use latency=500ms, status=429, retry-after=30, html, truncate or reset")
            }
        }
        if spec.retryAfter != nil, spec.status == nil { throw FaultSpecError("retry-after needs a status (e.g. status=429;retry-after=30)") }
        return spec
    }

    /// `500ms`, `2s`, `250` (milliseconds).
    static func milliseconds(_ text: String) -> Int? {
        let t = text.lowercased()
        if t.hasSuffix("ms") { return Int(t.dropLast(2)).flatMap { $0 >= 0 ? $0 : nil } }
        if t.hasSuffix("s") { return Int(t.dropLast()).flatMap { $0 >= 0 ? $0 * 1000 : nil } }
        return Int(t).flatMap { $0 >= 0 ? $0 : nil }
    }

    public var description: String {
        var items: [String] = []
        if latencyMilliseconds > 0 { items.append("latency=\(latencyMilliseconds)ms") }
        if let status { items.append("status=\(status)") }
        if let retryAfter { items.append("retry-after=\(retryAfter)") }
        if html { items.append("html") }
        if truncate { items.append("truncate") }
        if reset { items.append("reset") }
        return items.joined(separator: ";")
    }
}

public struct FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
