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
        guard let claim = Self.lookup(name, fingerprint: ClaimKeys.fingerprint(name)) else { return nil }
        self = claim
    }

    // MARK: - Lookup table

    /// Open addressing on the names' fingerprints: a fingerprint, and the case whose name has it.
    struct Table: Sendable {
        static let size = 128
        var fingerprints = [UInt64](repeating: 0, count: size)
        var claims = [WellKnownClaim?](repeating: nil, count: size)
        let names = WellKnownClaim.names

        @inline(__always)
        static func slot(_ fingerprint: UInt64) -> Int {
            Int(truncatingIfNeeded: fingerprint ^ fingerprint >> 32) & (size - 1)
        }

        /// The case whose name equals `key`; `fingerprint` is `ClaimKeys.fingerprint(key)`.
        @inline(__always)
        func lookup(_ key: String, fingerprint: UInt64) -> WellKnownClaim? {
            guard fingerprint != ClaimKeys.nonASCII else { return nil }  // see `name`
            var i = Self.slot(fingerprint)
            while let claim = claims[i] {
                // A fingerprint match is not proof: a hostile token could collide on purpose.
                if fingerprints[i] == fingerprint { return names[claim.rawValue] == key ? claim : nil }
                i = (i + 1) & (Self.size - 1)
            }
            return nil
        }
    }

    static let table: Table = {
        precondition(allCases.count == names.count)
        var table = Table()
        for claim in allCases {
            let fp = ClaimKeys.fingerprint(claim.name)
            var i = Table.slot(fp)
            while table.claims[i] != nil { i = (i + 1) & (Table.size - 1) }
            table.fingerprints[i] = fp
            table.claims[i] = claim
        }
        return table
    }()

    /// The case whose name equals `key`; `fingerprint` is `ClaimKeys.fingerprint(key)`.
    static func lookup(_ key: String, fingerprint: UInt64) -> WellKnownClaim? {
        table.lookup(key, fingerprint: fingerprint)
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
        self = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Builder.setSize) { set in
            var builder = Builder(set: set)
            for member in members { builder.topLevelKey(member.key, raw: nil) }
            return builder.finish(members)
        }
    }

    /// Resolves names one at a time, in member order, as `JSONParser` reads them.
    struct Builder: JSONTopLevelKeyObserver {
        /// Fingerprints seen so far go into a small open-addressing set. When no two fingerprints are
        /// equal and every name is ASCII, no name can repeat (equal ASCII names have equal
        /// fingerprints), so the exact search for duplicates runs only when one might exist: after
        /// a collision, a non-ASCII name, or more members than the set is sized for.
        static let setSize = 128
        private static let setLimit = 64
        private let set: UnsafeMutableBufferPointer<UInt64>
        private let table = WellKnownClaim.table
        private let slots = ClaimSlots()
        private var count = 0
        private var mightRepeat = false

        /// `set`: scratch space of `setSize` fingerprints, valid while the builder is used.
        init(set: UnsafeMutableBufferPointer<UInt64>) {
            set.initialize(repeating: 0)  // 0 = empty (`nonASCII` is never stored)
            self.set = set
        }

        mutating func topLevelKey(_ key: String, raw: UnsafeBufferPointer<UInt8>?) {
            let i = count
            count += 1
            let fp = raw.map(ClaimKeys.fingerprint(bytes:)) ?? ClaimKeys.fingerprint(key)
            if fp != ClaimKeys.nonASCII {
                if let claim = table.lookup(key, fingerprint: fp), slots[claim] < 0 { slots[claim] = i }
            } else if let claim = ClaimKeys.wellKnown(key, fingerprint: fp), slots[claim] < 0 {
                slots[claim] = i
            }
            guard !mightRepeat else { return }
            guard fp != ClaimKeys.nonASCII, i < Self.setLimit else { mightRepeat = true; return }
            let mask = Self.setSize - 1
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
        if fingerprint != nonASCII { return WellKnownClaim.lookup(key, fingerprint: fingerprint) }
        return WellKnownClaim.allCases.first { $0.name == key }
    }
}
