import Synchronization

/// Faults armed for a client's next token requests (`POST /_sandbox/faults`), so a reliability
/// test can make exactly the first N calls of one app fail while everything else works.
public final class FaultRules: Sendable {
    public struct Rule: Sendable, Equatable {
        public let clientId: String
        public let fault: FaultSpec
        /// Token requests still to fail; nil = until cleared.
        public var remaining: Int?
    }

    private let rules = Mutex<[String: Rule]>([:])

    public init() {}

    /// Arms `fault` for `clientId` (replacing an earlier rule for it).
    public func set(clientId: String, fault: FaultSpec, count: Int?) {
        let id = clientId.lowercased()
        rules.withLock { $0[id] = Rule(clientId: id, fault: fault, remaining: count) }
    }

    /// The fault for this token request of `clientId`, consuming one use of its rule.
    public func take(clientId: String) -> FaultSpec? {
        let id = clientId.lowercased()
        return rules.withLock { rules -> FaultSpec? in
            guard var rule = rules[id] else { return nil }
            if let remaining = rule.remaining {
                rule.remaining = remaining - 1
                rules[id] = remaining - 1 > 0 ? rule : nil
            }
            return rule.fault
        }
    }

    /// Removes the rule for `clientId`, or every rule; returns how many were removed.
    @discardableResult
    public func clear(clientId: String? = nil) -> Int {
        rules.withLock { rules in
            if let clientId { return rules.removeValue(forKey: clientId.lowercased()) == nil ? 0 : 1 }
            defer { rules.removeAll() }
            return rules.count
        }
    }

    public var isEmpty: Bool { rules.withLock { $0.isEmpty } }

    public var all: [Rule] { rules.withLock { $0.values.sorted { $0.clientId < $1.clientId } } }
}
