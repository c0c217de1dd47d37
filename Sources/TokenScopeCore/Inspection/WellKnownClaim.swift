/// The claims and header members the inspector reads, numbered so that reading one is an array
/// index rather than a search by name. Each token's names are resolved to these once, when it is
/// parsed (`ClaimKeys`); the rules then read claims by case, never by string.
enum WellKnownClaim: Int, CaseIterable, Sendable {
    // Payload claims.
    case iss, aud, sub, oid, tid, ver, scp, roles, groups, amr, wids, xmsCC, azp, appid, idtyp
    case nonce, atHash, cHash, upn, uniqueName, preferredUsername, name, givenName, idp, acct
    case claimNames, hasgroups, exp, nbf, iat, authTime, tfp, uti
    // Header members (a header is resolved with the same table; `nonce` is shared).
    case alg, enc, kid, x5t, typ

    /// The name as it appears in a token. Every name is ASCII and none contains `K`, `;` or `` ` ``,
    /// the only characters a non-ASCII string can be canonically equivalent to: so a name equals a
    /// key (`String ==`) exactly when their bytes are equal, and non-ASCII keys are never one of these.
    var name: String { Self.names[rawValue] }

    static let names: [String] = [
        "iss", "aud", "sub", "oid", "tid", "ver", "scp", "roles", "groups", "amr", "wids", "xms_cc", "azp", "appid", "idtyp",
        "nonce", "at_hash", "c_hash", "upn", "unique_name", "preferred_username", "name", "given_name", "idp", "acct",
        "_claim_names", "hasgroups", "exp", "nbf", "iat", "auth_time", "tfp", "uti",
        "alg", "enc", "kid", "x5t", "typ",
    ]

    /// The case named `name`, if any.
    init?(name: String) {
        let known = KnownClaimNames.shared.table
        guard let i = known.index(of: name, fingerprint: ClaimKeys.fingerprint(name)), let claim = known.claim(i) else { return nil }
        self = claim
    }
}

/// For each well-known claim, the index of the first member with its name (-1 when absent).
/// `@unchecked Sendable`: the storage is written only while `ClaimKeys.Builder` builds it (it is
/// not shared then) and only read afterwards.
struct ClaimSlots: @unchecked Sendable {
    private final class Storage: ManagedBuffer<Void, Int32> {}

    // A tail-allocated buffer: an Array of the same size costs a generic-metadata lookup in the
    // runtime on every allocation, a measurable share of a token's decode.
    private let storage: Storage

    init() {
        let count = WellKnownClaim.names.count
        storage = unsafeDowncast(Storage.create(minimumCapacity: count) { _ in }, to: Storage.self)
        storage.withUnsafeMutablePointerToElements { $0.initialize(repeating: -1, count: count) }
    }

    @inline(__always)
    subscript(claim: WellKnownClaim) -> Int {
        get { storage.withUnsafeMutablePointerToElements { Int($0[claim.rawValue]) } }
        nonmutating set { storage.withUnsafeMutablePointerToElements { $0[claim.rawValue] = Int32(truncatingIfNeeded: newValue) } }
    }
}

/// A JSON object's member names resolved once: where each well-known claim is, and which names are
/// written more than once. Built while a token is parsed (as the parser's key observer);
/// `ClaimSet` reads claims through it.
struct ClaimKeys: Sendable {
    let slots: ClaimSlots
    /// Names written more than once, in order of first appearance, with their counts.
    let duplicates: [(String, Int)]

    /// The fingerprint of a non-ASCII name: such names are compared as strings with every other one.
    static let nonASCII: UInt64 = 0

    private init(slots: ClaimSlots, duplicates: [(String, Int)]) {
        self.slots = slots
        self.duplicates = duplicates
    }

    /// A 64-bit hash of an ASCII name's bytes (never 0), or `nonASCII`. Equal ASCII names have
    /// equal fingerprints, and an ASCII name equals (`String ==`) another name only when their
    /// bytes are equal. Not a defence against chosen collisions: a match is always confirmed.
    @inline(__always)
    static func fingerprint(_ name: String) -> UInt64 {
        if let fp = name.utf8.withContiguousStorageIfAvailable(fingerprint(bytes:)) { return fp }
        return Array(name.utf8).withUnsafeBufferPointer(fingerprint(bytes:))
    }

    /// Eight bytes per step (names and GUIDs are short): a multiply and a shift per word; the last
    /// one to seven bytes are read with two overlapping loads (or three single bytes), not one by one.
    /// Inlined: it runs for every member name of every token, and the call cost as much as the hash.
    @inline(__always)
    static func fingerprint(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard let base = bytes.baseAddress, n > 0 else { return h }
        let raw = UnsafeRawPointer(base)
        var high: UInt64 = 0
        var i = 0
        while i &+ 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            high |= word
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i &+= 8
        }
        let rest = n &- i
        if rest > 0 {
            // Every remaining byte is covered, so equal byte strings (of equal length) give equal words.
            let word: UInt64
            if rest >= 4 {
                word = UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    | UInt64(raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)) << 32
            } else {
                word = UInt64(base[i]) | UInt64(base[i &+ rest / 2]) << 8 | UInt64(base[n &- 1]) << 16
            }
            high |= word
            h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        if high & 0x8080_8080_8080_8080 != 0 { return nonASCII }
        return h == nonASCII ? 1 : h
    }

    /// Resolves `members` (an object parsed without a `Builder`).
    init(_ members: [(key: String, value: JSONValue)]) {
        self = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Builder.maxSetSize) { set in
            var builder = Builder(set: set)
            for member in members { builder.topLevelKey(member.key) }
            return builder.finish(members)
        }
    }

    /// Resolves names one at a time, in member order, as `JSONParser` reads them.
    struct Builder: JSONTopLevelKeyObserver {
        /// Known names (`KnownClaimNames`) seen so far go into a bit set of their indexes; the
        /// fingerprints of other names into a small open-addressing set. When no index repeats, no
        /// two fingerprints are equal and every name is ASCII, no name can repeat (equal ASCII names
        /// have equal fingerprints), so the exact search for duplicates runs only when one might
        /// exist: after a repeat or collision, a non-ASCII name, or more members than the set is sized for.
        static let maxSetSize = 128
        private let set: UnsafeMutableBufferPointer<UInt64>
        /// Members past this many are not remembered (`mightRepeat` instead): half the set, so probes stay short.
        private let setLimit: Int
        /// Plain pointers (`shared` lives as long as the process): reading the table per name, and
        /// the parser's copies of its observer, retain nothing.
        private let known = KnownClaimNames.shared.table
        private let slots = ClaimSlots()
        private var count = 0
        private var mightRepeat = false
        private var knownSeen = KnownClaimNames.NameSet()

        /// The set size for an object of `byteCount` bytes: a power of two from 16 to `maxSetSize`,
        /// twice the most members that many bytes can hold (`"":0,` is five bytes), so a small
        /// object (a header) does not clear a set sized for a payload.
        static func setSize(forBytes byteCount: Int) -> Int {
            let most = byteCount / 5 + 1
            var size = 16
            while size < 2 * most, size < maxSetSize { size *= 2 }
            return size
        }

        /// `set`: scratch space of a power-of-two number of fingerprints, valid while the builder is used.
        init(set: UnsafeMutableBufferPointer<UInt64>) {
            precondition(set.count > 0 && set.count & (set.count - 1) == 0, "the set size must be a power of two")
            set.initialize(repeating: 0)  // 0 = empty (`nonASCII` is never stored)
            self.set = set
            setLimit = set.count / 2
        }

        /// A plain ASCII name: resolved from its bytes, and given the catalogue's copy of the name
        /// when it is a known one (no new String to make).
        mutating func topLevelKey(ascii raw: UnsafeBufferPointer<UInt8>) -> String {
            let fp = ClaimKeys.fingerprint(bytes: raw)
            guard let (n, claim) = known.lookup(raw, fingerprint: fp) else {
                remember(fp)
                return JSONParser.asciiString(raw)
            }
            if claim >= 0, let claim = WellKnownClaim(rawValue: claim), slots[claim] < 0 { slots[claim] = count }
            remember(known: n)
            return known.name(n)
        }

        /// Any other name (escaped or non-ASCII), decoded.
        mutating func topLevelKey(_ key: String) {
            let fp = ClaimKeys.fingerprint(key)
            guard let n = known.index(of: key, fingerprint: fp) else {
                if let claim = ClaimKeys.wellKnown(key, fingerprint: fp), slots[claim] < 0 { slots[claim] = count }
                remember(fp)
                return
            }
            if let claim = known.claim(n), slots[claim] < 0 { slots[claim] = count }
            remember(known: n)
        }

        /// Counts a member with a known name: a known name repeats exactly when its index does
        /// (however it was spelled), so these need no fingerprint set.
        @inline(__always)
        private mutating func remember(known index: Int) {
            count += 1
            if !knownSeen.insert(index) { mightRepeat = true }
        }

        /// Counts a member with any other name and notes whether it might repeat an earlier one.
        @inline(__always)
        private mutating func remember(_ fp: UInt64) {
            let i = count
            count += 1
            guard !mightRepeat else { return }
            guard fp != ClaimKeys.nonASCII, i < setLimit else { mightRepeat = true; return }
            let mask = set.count - 1
            var j = Int(truncatingIfNeeded: fp ^ fp >> 29) & mask
            while set[j] != 0 {
                if set[j] == fp { mightRepeat = true; return }
                j = (j + 1) & mask
            }
            set[j] = fp
        }

        /// The keys of `members`, the object whose names were observed.
        func finish(_ members: [(key: String, value: JSONValue)]) -> ClaimKeys {
            ClaimKeys(slots: slots, duplicates: mightRepeat ? TokenParser.duplicates(members) : [])
        }
    }

    /// The well-known claim named `key`. Non-ASCII keys are never one (see `WellKnownClaim.name`),
    /// but they are checked by string comparison anyway, so no claim of Unicode equivalence is relied on.
    @inline(__always)
    static func wellKnown(_ key: String, fingerprint: UInt64) -> WellKnownClaim? {
        if fingerprint != nonASCII {
            let known = KnownClaimNames.shared.table
            return known.index(of: key, fingerprint: fingerprint).flatMap(known.claim)
        }
        return WellKnownClaim.allCases.first { $0.name == key }
    }
}
