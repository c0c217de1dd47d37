import Synchronization

/// What `RefreshGrant` does not record: the scope a refresh token was first issued for (a refresh
/// request without `scope` gets that resource again) and when it was last used (inactivity is
/// counted from the last use, not from issue, because redeeming a token keeps it alive).
final class RefreshTokenLedger: Sendable {
    struct Entry: Sendable {
        /// nil for refresh tokens another grant issued (On-Behalf-Of) without telling the ledger.
        let scope: ScopeRequest?
        var lastUsed: Int64
    }

    private let entries = Mutex<[String: Entry]>([:])

    func record(_ token: String, scope: ScopeRequest, now: Int64) {
        entries.withLock { $0[token] = Entry(scope: scope, lastUsed: now) }
    }

    func entry(_ token: String) -> Entry? { entries.withLock { $0[token] } }

    func touch(_ token: String, now: Int64) {
        entries.withLock { $0[token, default: Entry(scope: nil, lastUsed: now)].lastUsed = now }
    }
}
