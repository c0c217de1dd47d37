/// Makes a String of up to 15 ASCII bytes by writing its two words directly.
///
/// Every claim value, number and member name of a token becomes a String, most of them short.
/// The standard library stores such a string inline ("small": the bytes in order, then one byte
/// of flags and count) but makes it through a general, non-inlined path that costs more than the
/// rest of the member's parse. `make` writes the same two words itself.
///
/// That layout is the standard library's, not a public promise, so it is never assumed:
/// `layoutHolds` compares, once per process, what `make` writes for every length from 0 to 15
/// with the words of a string the standard library made from the same bytes. If a runtime ever
/// lays small strings out differently, `layoutHolds` is false and callers use `String(decoding:as:)`.
enum SmallASCIIString {
    static let maxCount = 15

    static let layoutHolds: Bool = {
        guard MemoryLayout<String>.size == 16, MemoryLayout<(UInt64, UInt64)>.size == 16 else { return false }
        let sample = Array("a0Z~ ._-/:{}\"!q".utf8)
        return sample.withUnsafeBufferPointer { buffer in
            (0...maxCount).allSatisfy { n in
                let expected = String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
                return words(buffer.baseAddress!, n) == unsafeBitCast(expected, to: (UInt64, UInt64).self)
            }
        }
    }()

    /// The words of the small ASCII string of `count` (at most 15) bytes at `bytes`, as a 64-bit
    /// runtime lays it out: the bytes in memory order, then the flags (small, ASCII, immortal:
    /// 0xE0) and the count in the last byte.
    @inline(__always)
    static func words(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (UInt64, UInt64) {
        // Overlapping loads that stay within the `count` bytes (no call to copy them).
        let raw = UnsafeRawPointer(bytes)
        var low: UInt64 = 0, high: UInt64 = 0
        if count >= 8 {
            low = raw.loadUnaligned(as: UInt64.self)
            if count > 8 { high = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (16 - count)) }
        } else if count >= 4 {
            low = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << UInt64(8 * (count - 4))
        } else {
            for i in 0..<count { low |= UInt64(bytes[i]) << UInt64(8 * i) }
        }
        return (UInt64(littleEndian: low), UInt64(littleEndian: high | UInt64(0xE0 | count) << 56))
    }

    /// The String of `count` bytes at `bytes`, all ASCII, `count <= maxCount`: only when `layoutHolds`.
    @inline(__always)
    static func make(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
        unsafeBitCast(words(bytes, count), to: String.self)
    }
}
