import Synchronization
import TokenScopeCore

/// A transport that answers from a script (a response or a transport error per call) and records
/// the requests: for retry, timeout and body-shape tests that need exact control.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(status: Int, headers: [(name: String, value: String)], body: String)
        case fail(TransportError)
    }

    private let steps: Mutex<[Step]>
    private let log = Mutex<[HTTPRequest]>([])

    init(_ steps: [Step]) { self.steps = Mutex(steps) }

    var requests: [HTTPRequest] { log.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.withLock { $0.append(request) }
        let step = steps.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch step {
        case let .respond(status, headers, body)?: return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
        case let .fail(error)?: throw error
        case nil: throw TransportError(.other, "script exhausted")
        }
    }

    static func json(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Step {
        .respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }
}

/// Records the waits an exchange asks for instead of sleeping.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Double]>([])
    var recorded: [Double] { waits.withLock { $0 } }
    var sleep: @Sendable (Double) async throws -> Void { { [self] seconds in waits.withLock { $0.append(seconds) } } }
}
