// Fuzz target: the explorer's byte-level input decoder (`InputDecoder`): keys, CSI/SS3
// sequences, SGR and X10 mouse reports, bracketed paste with broken, nested and split markers.
//
// Input layout: [limit] [mode] [n] [n chunk ops] [bytes...]. `limit` picks `maxPasteBytes`; each
// chunk op feeds the next (op & 63) bytes and then, by its top two bits, calls nothing,
// `flushPending()`, `flushPaste()` or both (the run loop's escape and paste timers). What is left
// is fed at the end, then both flushes. With mode bit 0 set there are no timer calls, and the
// events must equal those of feeding the same bytes in one piece (the decoder's promise that
// sequences may arrive split at any byte).
import TerminalUI

private let limits = [0, 1, 6, 7, 16, 64, 8 << 20]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInputDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(fuzzInput(data, size))
    let limit = limits[Int(reader.byte()) % limits.count]
    let differential = reader.byte() & 1 == 1
    let ops = (0..<Int(reader.byte() % 32)).map { _ in reader.byte() }
    let bytes = reader.rest()

    var checker = EventChecker(maxPasteBytes: limit)
    var decoder = InputDecoder(maxPasteBytes: limit)
    var events: [InputEvent] = []
    var offset = 0
    for op in ops {
        let end = min(bytes.count, offset + Int(op & 63))
        checker.fed += end - offset
        events += checker.check(decoder.feed(Array(bytes[offset..<end])), "feed")
        offset = end
        if differential { continue }
        if op & 0x40 != 0 {
            let flushed = checker.check(decoder.flushPending(), "flushPending")
            // Held input is bounded: at most one over-long sequence's worth of bytes comes back.
            if flushed.count > 300 { violated("flushPending returned \(flushed.count) events: held input is not bounded") }
            if decoder.hasPendingInput { violated("input still pending after flushPending") }
            events += flushed
        }
        if op & 0x80 != 0 {
            events += checker.check(decoder.flushPaste(), "flushPaste")
            if decoder.isInPaste { violated("still in a paste after flushPaste") }
        }
    }
    checker.fed += bytes.count - offset
    events += checker.check(decoder.feed(Array(bytes[offset...])), "feed")
    events += checker.check(decoder.flushPending(), "flushPending")
    events += checker.check(decoder.flushPaste(), "flushPaste")
    if decoder.isInPaste || decoder.hasPendingInput { violated("state left after both flushes") }

    if differential {
        var whole = InputDecoder(maxPasteBytes: limit)
        let reference = whole.feed(bytes) + whole.flushPending() + whole.flushPaste()
        if reference != events {
            violated("split feeding changed the events", "whole: \(reference.prefix(20)) split: \(events.prefix(20))")
        }
    }
    return 0
}

/// The invariants every event must meet, whatever the bytes.
private struct EventChecker {
    let maxPasteBytes: Int
    /// Bytes fed so far, and events produced: every event consumes at least one byte.
    var fed = 0
    var produced = 0

    init(maxPasteBytes: Int) { self.maxPasteBytes = maxPasteBytes }

    mutating func check(_ events: [InputEvent], _ call: String) -> [InputEvent] {
        produced += events.count
        if produced > fed { violated("\(call): \(produced) events from \(fed) bytes") }
        for event in events {
            switch event {
            case .key(.character(let c)):
                requirePrintable(c, "\(call): .character")
            case .key(.alt(let c)):
                requirePrintable(c, "\(call): .alt")
            case .key(.control(let c)):
                guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value,
                      (0x61...0x7A).contains(v) || [0x40, 0x5C, 0x5D, 0x5E, 0x5F].contains(v) else {
                    violated("\(call): .control(\(c.unicodeScalars.map { $0.value }))")
                }
            case .key(.function(let n)):
                if !(1...12).contains(n) { violated("\(call): .function(\(n))") }
            case .key:
                break
            case .mouse(let m):
                if m.x < 0 || m.y < 0 { violated("\(call): mouse at \(m.x),\(m.y)") }
                if case .press(let button) = m.kind, !(0...3).contains(button) { violated("\(call): mouse button \(button)") }
            case .paste(let text):
                // Each kept byte gives at most one scalar (invalid bytes one U+FFFD each).
                let scalars = text.unicodeScalars.count
                if scalars > maxPasteBytes { violated("\(call): paste of \(scalars) scalars, limit \(maxPasteBytes) bytes") }
                if text.unicodeScalars.contains("\r") { violated("\(call): paste with a raw CR") }
            }
        }
        return events
    }

    private func requirePrintable(_ c: Character, _ what: String) {
        guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value else {
            violated("\(what) of \(c.unicodeScalars.count) scalars")
        }
        if v < 0x20 || (0x7F...0x9F).contains(v) { violated("\(what) with control U+\(String(v, radix: 16))") }
    }
}
