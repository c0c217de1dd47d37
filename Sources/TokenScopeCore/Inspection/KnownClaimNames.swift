/// Every name the claims catalogue documents (payload and header) and every `WellKnownClaim`, in an
/// open-addressing table keyed by `ClaimKeys.fingerprint`.
///
/// The parser asks it about each member name of a token's top-level object, straight from the
/// bytes: when the name is one of these, the member keeps the table's copy of the name instead of
/// a new String made and checked from the bytes (most of a token's names are catalogue names), and
/// the same lookup says which well-known claim it is.
///
/// `@unchecked Sendable`: the storage is written once, in `init`, and only read afterwards.
final class KnownClaimNames: @unchecked Sendable {
    static let shared = KnownClaimNames(
        WellKnownClaim.names + ClaimCatalogue.entries.map(\.name),
        wellKnown: { name in WellKnownClaim.allCases.first { $0.name == name } })

    /// The table proper: plain pointers into storage this object owns, so that reading it (once
    /// per member name of every token) never retains or releases anything.
    let table: Table

    /// `names` must be ASCII (every catalogue name is; a test holds it so).
    init(_ names: [String], wellKnown: (String) -> WellKnownClaim?) {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        table = Table(unique, wellKnown: wellKnown)
    }

    deinit { table.deallocate() }

    struct Table: @unchecked Sendable {
        /// A power of two, at least twice the number of names: probes stay short.
        static let size = 256
        /// At most this many names, so a set of them fits in `NameSet`'s two words.
        static let maxNames = 128

        /// One slot: a name's fingerprint (0 = empty) and where everything about it is, together
        /// so that a lookup reads one entry.
        private struct Entry {
            var fingerprint: UInt64 = 0
            var start: UInt32 = 0
            var length: UInt16 = 0
            /// The `WellKnownClaim` raw value, or -1.
            var claim: Int8 = -1
            var name: UInt8 = 0
        }

        private let names: UnsafeMutablePointer<String>
        /// Per name: its `WellKnownClaim` raw value, or -1.
        private let claims: UnsafeMutablePointer<Int8>
        /// All the names' bytes, one after another.
        private let bytes: UnsafeMutablePointer<UInt8>
        private let entries: UnsafeMutablePointer<Entry>
        private let count: Int

        fileprivate init(_ unique: [String], wellKnown: (String) -> WellKnownClaim?) {
            precondition(unique.count <= Self.maxNames && unique.count * 2 <= Self.size,
                         "KnownClaimNames.Table holds at most \(Self.maxNames) names, not \(unique.count)")
            count = unique.count
            names = .allocate(capacity: count)
            names.initialize(from: unique, count: count)
            claims = .allocate(capacity: count)
            claims.initialize(from: unique.map { Int8(wellKnown($0)?.rawValue ?? -1) }, count: count)
            let total = unique.reduce(0) { $0 + $1.utf8.count }
            bytes = .allocate(capacity: max(1, total))
            entries = .allocate(capacity: Self.size)
            entries.initialize(repeating: Entry(), count: Self.size)
            var start = 0
            for (i, name) in unique.enumerated() {
                precondition(name.utf8.allSatisfy { $0 < 0x80 }, "\(name) is not ASCII")
                (bytes + start).initialize(from: Array(name.utf8), count: name.utf8.count)
                let fp = ClaimKeys.fingerprint(name)
                var slot = Self.slot(fp)
                while entries[slot].fingerprint != 0 { slot = (slot + 1) & (Self.size - 1) }
                entries[slot] = Entry(fingerprint: fp, start: UInt32(start), length: UInt16(name.utf8.count),
                                      claim: claims[i], name: UInt8(i))
                start += name.utf8.count
            }
        }

        fileprivate func deallocate() {
            names.deinitialize(count: count)
            names.deallocate()
            claims.deallocate()
            bytes.deallocate()
            entries.deallocate()
        }

        @inline(__always)
        private static func slot(_ fingerprint: UInt64) -> Int {
            Int(truncatingIfNeeded: fingerprint ^ fingerprint >> 32) & (size - 1)
        }

        /// The index (below `maxNames`) of the name whose bytes are `raw`, given
        /// `fingerprint == ClaimKeys.fingerprint(bytes: raw)`.
        @inline(__always)
        func index(of raw: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Int? {
            lookup(raw, fingerprint: fingerprint)?.index
        }

        /// The index of the name equal to `name` (an ASCII name is equal only to the same bytes, and
        /// a non-ASCII one to none of these: see `WellKnownClaim.name`).
        func index(of name: String, fingerprint: UInt64) -> Int? {
            guard fingerprint != ClaimKeys.nonASCII else { return nil }
            return name.withUTF8Bytes { index(of: $0, fingerprint: fingerprint) }
        }

        @inline(__always)
        func name(_ index: Int) -> String { names[index] }

        @inline(__always)
        func claim(_ index: Int) -> WellKnownClaim? { WellKnownClaim(rawValue: Int(claims[index])) }

        /// `index(of:fingerprint:)` and that name's well-known claim raw value (-1 for none), from one entry.
        @inline(__always)
        func lookup(_ raw: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> (index: Int, claim: Int)? {
            guard fingerprint != ClaimKeys.nonASCII else { return nil }
            var slot = Self.slot(fingerprint)
            while true {
                let entry = entries[slot]
                if entry.fingerprint == 0 { return nil }
                // A fingerprint match is not proof: a hostile token could collide on purpose.
                if entry.fingerprint == fingerprint {
                    guard Int(entry.length) == raw.count else { return nil }
                    let name = bytes + Int(entry.start)
                    for j in 0..<raw.count where name[j] != raw[j] { return nil }
                    return (Int(entry.name), Int(entry.claim))
                }
                slot = (slot + 1) & (Self.size - 1)
            }
        }
    }

    /// A set of name indexes (below `Table.maxNames`): which known names an object has used.
    struct NameSet {
        private var low: UInt64 = 0, high: UInt64 = 0

        /// Adds `index`; false when it was already in the set.
        @inline(__always)
        mutating func insert(_ index: Int) -> Bool {
            let bit: UInt64 = 1 << UInt64(index & 63)
            if index < 64 {
                defer { low |= bit }
                return low & bit == 0
            }
            defer { high |= bit }
            return high & bit == 0
        }
    }
}
