/// Collects the bytes of one bracketed paste and watches for its end marker, which, like the
/// content, may arrive split across reads.
struct PasteCollector: Sendable, Equatable {
    static let startMarker: [UInt8] = Array("\u{1B}[200~".utf8)
    static let endMarker: [UInt8] = Array("\u{1B}[201~".utf8)

    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// A possible marker in progress (always a proper prefix of the start or end marker).
    private(set) var marker: [UInt8] = []
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Consumes from `start`; returns where it stopped and whether the end marker was seen.
    /// A start marker inside a paste (a duplicated or nested one) is dropped.
    mutating func consume(_ input: [UInt8], from start: Int) -> (index: Int, ended: Bool) {
        var index = start
        while index < input.count {
            if marker.isEmpty {
                // Bulk-copy up to the next ESC: large pastes are mostly this.
                var next = index
                while next < input.count && input[next] != 0x1B { next += 1 }
                if next > index { append(input[index..<next]) }
                index = next
                if index < input.count {
                    marker = [0x1B]
                    index += 1
                }
                continue
            }
            marker.append(input[index])
            index += 1
            if marker == PasteCollector.endMarker {
                marker = []
                return (index, true)
            }
            if marker == PasteCollector.startMarker {
                marker = []
            } else if !PasteCollector.isMarkerPrefix(marker) {
                // Not a marker after all: its bytes are content, except the last, which is looked at again.
                marker.removeLast()
                index -= 1
                append(marker[...])
                marker = []
            }
        }
        return (index, false)
    }

    static func isMarkerPrefix(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= startMarker.count else { return false }
        return bytes.elementsEqual(startMarker.prefix(bytes.count)) || bytes.elementsEqual(endMarker.prefix(bytes.count))
    }

    private mutating func append(_ slice: ArraySlice<UInt8>) {
        let room = limit - bytes.count
        if slice.count <= room {
            bytes.append(contentsOf: slice)
        } else {
            if room > 0 { bytes.append(contentsOf: slice.prefix(room)) }
            truncated = true
        }
    }

    /// The paste as text: a held partial marker is content, CR LF and CR become "\n", invalid UTF-8
    /// becomes U+FFFD, and a truncated paste drops a final cut-off character.
    func finish() -> String {
        var data = bytes
        data.append(contentsOf: marker)
        if truncated || data.count > limit {
            if data.count > limit { data.removeLast(data.count - limit) }
            data.removeLast(UTF8Scan.incompleteSuffixLength(data))
        }
        if data.contains(0x0D) {
            var normalised: [UInt8] = []
            normalised.reserveCapacity(data.count)
            var index = 0
            while index < data.count {
                let byte = data[index]
                if byte == 0x0D {
                    normalised.append(0x0A)
                    if index + 1 < data.count && data[index + 1] == 0x0A { index += 1 }
                } else {
                    normalised.append(byte)
                }
                index += 1
            }
            data = normalised
        }
        return String(decoding: data, as: UTF8.self)
    }
}
