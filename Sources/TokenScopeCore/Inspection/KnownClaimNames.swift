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
        /// A power of two, at least four times the number of names: probes stay short.
        static let size = 512

        private let names: UnsafeMutablePointer<String>
        /// Per name: its `WellKnownClaim` raw value, or -1.
        private let claims: UnsafeMutablePointer<Int8>
        /// All the names' bytes, one after another; `offsets[i]..<offsets[i + 1]` are name `i`'s.
        private let bytes: UnsafeMutablePointer<UInt8>
        private let offsets: UnsafeMutablePointer<Int>
        /// Per slot: the fingerprint stored there (0 = empty) and the index of its name.
        private let fingerprints: UnsafeMutablePointer<UInt64>
        private let indexes: UnsafeMutablePointer<Int32>
        private let count: Int

        fileprivate init(_ unique: [String], wellKnown: (String) -> WellKnownClaim?) {
            precondition(unique.count * 4 <= Self.size, "KnownClaimNames.Table.size is too small for \(unique.count) names")
            count = unique.count
            names = .allocate(capacity: count)
            names.initialize(from: unique, count: count)
            claims = .allocate(capacity: count)
            claims.initialize(from: unique.map { Int8(wellKnown($0)?.rawValue ?? -1) }, count: count)
            let starts = unique.reduce(into: [0]) { $0.append($0.last! + $1.utf8.count) }
            offsets = .allocate(capacity: starts.count)
            offsets.initialize(from: starts, count: starts.count)
            bytes = .allocate(capacity: max(1, starts.last!))
            for (i, name) in unique.enumerated() {
                precondition(name.utf8.allSatisfy { $0 < 0x80 }, "\(name) is not ASCII")
                (bytes + starts[i]).initialize(from: Array(name.utf8), count: name.utf8.count)
            }
            fingerprints = .allocate(capacity: Self.size)
            fingerprints.initialize(repeating: 0, count: Self.size)
            indexes = .allocate(capacity: Self.size)
            indexes.initialize(repeating: -1, count: Self.size)
            for (i, name) in unique.enumerated() {
                let fp = ClaimKeys.fingerprint(name)
                var slot = Self.slot(fp)
                while fingerprints[slot] != 0 { slot = (slot + 1) & (Self.size - 1) }
                fingerprints[slot] = fp
                indexes[slot] = Int32(i)
            }
        }

        fileprivate func deallocate() {
            names.deinitialize(count: count)
            names.deallocate()
            claims.deallocate()
            offsets.deallocate()
            bytes.deallocate()
            fingerprints.deallocate()
            indexes.deallocate()
        }

        @inline(__always)
        private static func slot(_ fingerprint: UInt64) -> Int {
            Int(truncatingIfNeeded: fingerprint ^ fingerprint >> 32) & (size - 1)
        }

        /// The index of the name whose bytes are `raw`, given `fingerprint == ClaimKeys.fingerprint(bytes: raw)`.
        @inline(__always)
        func index(of raw: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Int? {
            guard fingerprint != ClaimKeys.nonASCII else { return nil }  // no name here is
            var slot = Self.slot(fingerprint)
            while fingerprints[slot] != 0 {
                // A fingerprint match is not proof: a hostile token could collide on purpose.
                if fingerprints[slot] == fingerprint {
                    let i = Int(indexes[slot]), start = offsets[i]
                    guard offsets[i + 1] - start == raw.count else { return nil }
                    for j in 0..<raw.count where bytes[start + j] != raw[j] { return nil }
                    return i
                }
                slot = (slot + 1) & (Self.size - 1)
            }
            return nil
        }

        /// The index of the name equal to `name` (an ASCII name is equal only to the same bytes, and
        /// a non-ASCII one to none of these: see `WellKnownClaim.name`).
        func index(of name: String, fingerprint: UInt64) -> Int? {
            guard fingerprint != ClaimKeys.nonASCII else { return nil }
            var name = name
            return name.withUTF8 { index(of: $0, fingerprint: fingerprint) }
        }

        @inline(__always)
        func name(_ index: Int) -> String { names[index] }

        @inline(__always)
        func claim(_ index: Int) -> WellKnownClaim? { WellKnownClaim(rawValue: Int(claims[index])) }
    }
}
