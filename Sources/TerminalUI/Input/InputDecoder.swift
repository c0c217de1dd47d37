/// A pure decoder from the terminal's raw input bytes to key, paste and mouse events.
///
/// The backend reads whatever bytes are available and calls `feed`; sequences may arrive split at
/// any byte, so incomplete ones are held until the next feed or until the loop's timers call
/// `flushPending` (escape delay) or `flushPaste` (lost paste end marker). It never traps, whatever
/// the bytes: there are no force unwraps, numeric parameters are clamped, and held input is bounded.
public struct InputDecoder: Sendable {
    /// Bracketed-paste bytes kept; the rest of an oversized paste is dropped (the paste still ends cleanly).
    public let maxPasteBytes: Int
    /// Bytes of an incomplete sequence (outside a paste).
    var pending: [UInt8] = []
    /// The paste being collected, between ESC[200~ and ESC[201~.
    var paste: PasteCollector?
    /// Inside an over-long CSI sequence: parameter bytes are skipped up to the final byte.
    var discarding = false

    public init(maxPasteBytes: Int = 8 << 20) {
        self.maxPasteBytes = max(0, maxPasteBytes)
    }

    /// True when bytes are held back waiting for more: a lone ESC, an incomplete escape sequence or
    /// UTF-8 sequence. (Inside a paste this is false: the paste timeout applies instead.)
    /// Also true while the tail of an over-long sequence is being skipped, so the escape timer runs
    /// and `flushPending` ends the skipping if the tail never comes.
    public var hasPendingInput: Bool { paste == nil && (!pending.isEmpty || discarding) }

    /// True between ESC[200~ and ESC[201~.
    public var isInPaste: Bool { paste != nil }

    /// Decodes `bytes` (appended to anything held back) into events.
    public mutating func feed(_ bytes: [UInt8]) -> [InputEvent] {
        var input = bytes
        if !pending.isEmpty {
            input = pending + bytes
            pending = []
        }
        var events: [InputEvent] = []
        var index = 0
        while index < input.count {
            if paste != nil {
                index = consumePaste(input, from: index, into: &events)
                continue
            }
            if discarding {
                index = skipSequenceTail(input, from: index)
                continue
            }
            switch InputDecoder.decodeStep(input, at: index) {
            case .incomplete:
                pending = Array(input[index...])
                return events
            case .consumed(let length, let event):
                if let event { events.append(event) }
                index += length
            case .startPaste(let length):
                paste = PasteCollector(limit: maxPasteBytes)
                index += length
            case .discardSequence(let length):
                discarding = true
                index += length
            }
        }
        return events
    }

    /// After the escape delay with no new bytes: a held lone ESC becomes .escape, "ESC [" and
    /// "ESC O" become Alt+[ and Alt+O, ESC before a cut UTF-8 sequence becomes .escape, a cut UTF-8
    /// sequence U+FFFD; a cut sequence with parameters (e.g. "ESC[1;5") is dropped, because its
    /// remaining bytes, if late, must not be typed as text. An unterminated paste is not flushed here.
    public mutating func flushPending() -> [InputEvent] {
        discarding = false
        guard paste == nil, !pending.isEmpty else { return [] }
        let input = pending
        pending = []
        var events: [InputEvent] = []
        var index = 0
        while index < input.count {
            switch InputDecoder.decodeStep(input, at: index) {
            case .consumed(let length, let event):
                if let event { events.append(event) }
                index += length
            case .startPaste, .discardSequence:
                // Cannot happen (complete sequences are never held), but never latch a mode here.
                index = input.count
            case .incomplete:
                let remaining = input.count - index
                guard input[index] == 0x1B else {
                    events.append(.key(.character(Character(UTF8Scan.replacement))))
                    index = input.count
                    continue
                }
                if remaining == 1 {
                    events.append(.key(.escape))
                    index += 1
                } else if input[index + 1] == 0x5B || input[index + 1] == 0x4F {
                    if remaining == 2 { events.append(.key(.alt(Character(Unicode.Scalar(input[index + 1]))))) }
                    index = input.count
                } else {
                    events.append(.key(.escape))
                    index += 1
                }
            }
        }
        return events
    }

    /// After the paste timeout with no new bytes while in a paste: delivers what arrived as one
    /// .paste and leaves paste mode, so a lost end marker cannot latch all later input into the paste.
    public mutating func flushPaste() -> [InputEvent] {
        guard let collector = paste else { return [] }
        paste = nil
        return [.paste(collector.finish())]
    }

    /// Skips parameter and intermediate bytes of a discarded sequence, then its final byte.
    private mutating func skipSequenceTail(_ input: [UInt8], from start: Int) -> Int {
        var index = start
        while index < input.count, (0x20...0x3F).contains(input[index]) { index += 1 }
        guard index < input.count else { return index }
        discarding = false
        return (0x40...0x7E).contains(input[index]) ? index + 1 : index
    }

    /// Feeds paste bytes from `start` until the end marker (returns the index after it) or the input ends.
    private mutating func consumePaste(_ input: [UInt8], from start: Int, into events: inout [InputEvent]) -> Int {
        guard var collector = paste else { return start }
        paste = nil   // avoid copy-on-write of the growing buffer while it is mutated locally
        let (index, ended) = collector.consume(input, from: start)
        if ended {
            events.append(.paste(collector.finish()))
        } else {
            paste = collector
        }
        return index
    }
}
