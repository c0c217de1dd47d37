// Shared by every fuzz target (compiled into each fuzzer; see scripts/fuzz and docs/FUZZING.md).
// No imports beyond the standard library, so targets that link only TerminalUI can use it too.

/// The fuzzer's input as bytes.
func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// A failed invariant: a crash libFuzzer records with the input that caused it.
func violated(_ what: String, _ detail: @autoclosure () -> String = "") -> Never {
    fatalError("fuzz invariant violated: \(what) \(detail())")
}

/// Text meant for a terminal: nothing but `\n` below U+0020, no DEL or C1 controls, no bidi
/// overrides or invisible line separators (what `TerminalSafe.escape` and the canvas sanitiser
/// promise). With `sgr`, well-formed SGR sequences (ESC [ digits/; m) are allowed: colour output.
func requireTerminalSafe(_ text: String, sgr: Bool = false, _ what: String) {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
        let v = scalars[i].value
        if v == 0x1B, sgr, i + 1 < scalars.count, scalars[i + 1] == "[" {
            var j = i + 2
            while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
            if j < scalars.count, scalars[j] == "m" { i = j + 1; continue }
        }
        switch v {
        case 0x0A: break
        case 0x00..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
            violated("\(what): raw U+\(String(v, radix: 16, uppercase: true)) at scalar \(i)")
        default: break
        }
        i += 1
    }
}

/// Reads a fuzzer input as a few control bytes followed by data.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return index < bytes.count ? Array(bytes[index...]) : []
    }
}

/// Splits `bytes` at each `separator` (kept out), at most `limit` parts (the last takes the rest).
func split(_ bytes: [UInt8], on separator: UInt8, limit: Int) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var current: [UInt8] = []
    for b in bytes {
        if b == separator && parts.count < limit - 1 {
            parts.append(current)
            current = []
        } else {
            current.append(b)
        }
    }
    parts.append(current)
    return parts
}
