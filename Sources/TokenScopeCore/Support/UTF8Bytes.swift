extension String {
    /// `body` over the string's UTF-8 bytes. A native string (every string the parser makes, and
    /// the usual pasted text) is read in place; only a foreign one is copied first.
    ///
    /// `withUTF8` is a mutating method, so calling it on a value needs a `var` copy: a retain and a
    /// release each time, which add up on the inspector's per-claim reads.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
