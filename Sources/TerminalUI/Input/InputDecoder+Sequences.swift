/// Decoding of one key, escape sequence or character from the byte stream.
extension InputDecoder {
    enum Step: Equatable {
        /// The bytes from the index on are a valid but unfinished sequence.
        case incomplete
        /// `length` bytes were used; the event, if any (unknown sequences are dropped).
        case consumed(Int, InputEvent?)
        /// ESC[200~: `length` bytes were used and a bracketed paste begins.
        case startPaste(Int)
        /// An over-long CSI: `length` bytes were dropped, and so must the rest of it be, up to its
        /// final byte (so its parameters are never typed as text), however it is split.
        case discardSequence(Int)
    }

    /// Longest CSI sequence held; a longer one is garbage, discarded so held input stays bounded.
    static let maxSequenceLength = 256

    static func decodeStep(_ input: [UInt8], at index: Int) -> Step {
        let byte = input[index]
        switch byte {
        case 0x1B: return decodeEscape(input, at: index)
        case 0x0D, 0x0A: return .consumed(1, .key(.enter))
        case 0x09: return .consumed(1, .key(.tab))
        case 0x7F, 0x08: return .consumed(1, .key(.backspace))
        case 0x00: return .consumed(1, .key(.control("@")))
        case 0x01...0x1A: return .consumed(1, .key(.control(Character(Unicode.Scalar(byte + 0x60)))))
        case 0x1C...0x1F: return .consumed(1, .key(.control(Character(Unicode.Scalar(byte + 0x40)))))
        case 0x20...0x7E: return .consumed(1, .key(.character(Character(Unicode.Scalar(byte)))))
        default:
            switch UTF8Scan.decode(input, at: index) {
            case .incomplete: return .incomplete
            case .scalar(let scalar, let length):
                // C1 controls (U+0080–U+009F) are not text; drop them.
                if scalar.value < 0xA0 { return .consumed(length, nil) }
                return .consumed(length, .key(.character(Character(scalar))))
            }
        }
    }

    private static func decodeEscape(_ input: [UInt8], at index: Int) -> Step {
        guard index + 1 < input.count else { return .incomplete }
        let next = input[index + 1]
        switch next {
        case 0x5B: return decodeCSI(input, at: index)
        case 0x4F: return decodeSS3(input, at: index)
        case 0x20...0x7E: return .consumed(2, .key(.alt(Character(Unicode.Scalar(next)))))
        case 0x80...0xFF:
            switch UTF8Scan.decode(input, at: index + 1) {
            case .incomplete: return .incomplete
            case .scalar(let scalar, let length):
                if scalar.value < 0xA0 { return .consumed(1, .key(.escape)) }
                return .consumed(1 + length, .key(.alt(Character(scalar))))
            }
        default:
            // ESC before ESC or a control key: Escape, then that key on its own.
            return .consumed(1, .key(.escape))
        }
    }

    /// ESC O x: the application-cursor-mode arrows, Home/End, F1–F4 and keypad Enter.
    private static func decodeSS3(_ input: [UInt8], at index: Int) -> Step {
        guard index + 2 < input.count else { return .incomplete }
        let final = input[index + 2]
        guard (0x40...0x7E).contains(final) else { return .consumed(2, .key(.alt("O"))) }
        let key: Key? = switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "M"): .enter
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(final) - 0x4F)
        default: nil
        }
        return .consumed(3, key.map { .key($0) })
    }

    /// ESC [ parameters intermediates final.
    private static func decodeCSI(_ input: [UInt8], at index: Int) -> Step {
        var end = index + 2
        while end < input.count {
            let byte = input[end]
            if (0x40...0x7E).contains(byte) {
                let parameters = input[(index + 2)..<end]
                return interpretCSI(parameters, final: byte, input: input, start: index, finalIndex: end)
            }
            guard (0x20...0x3F).contains(byte) else {
                // Broken off by a control, ESC or non-ASCII byte: "ESC [" alone was Alt+[.
                if end == index + 2 { return .consumed(2, .key(.alt("["))) }
                return .consumed(end - index, nil)
            }
            end += 1
            if end - index > maxSequenceLength { return .discardSequence(end - index) }
        }
        return .incomplete
    }

    private static func interpretCSI(
        _ parameters: ArraySlice<UInt8>, final: UInt8, input: [UInt8], start: Int, finalIndex: Int
    ) -> Step {
        let length = finalIndex - start + 1
        if parameters.first == UInt8(ascii: "<") && (final == UInt8(ascii: "M") || final == UInt8(ascii: "m")) {
            return .consumed(length, MouseDecoding.sgr(parameters.dropFirst(), release: final == UInt8(ascii: "m")).map { .mouse($0) })
        }
        if parameters.isEmpty && final == UInt8(ascii: "M") {
            // Legacy X10 report: three raw bytes follow (button, column, row, each + 32).
            guard finalIndex + 3 < input.count else { return .incomplete }
            let event = MouseDecoding.x10(input[finalIndex + 1], input[finalIndex + 2], input[finalIndex + 3])
            return .consumed(length + 3, event.map { .mouse($0) })
        }
        // Private parameters (? > = <) are replies or modes we never asked for: drop.
        if let first = parameters.first, (0x3C...0x3F).contains(first) { return .consumed(length, nil) }
        let numbers = parseParameters(parameters)
        if final == UInt8(ascii: "~") {
            let code = numbers.first ?? 0
            if code == 200 { return .startPaste(length) }
            return .consumed(length, tildeKey(code).map { .key($0) })
        }
        let key: Key? = switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "Z"): .backTab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(final) - 0x4F)   // modified F1–F4
        default: nil
        }
        return .consumed(length, key.map { .key($0) })
    }

    /// ESC [ n ~ keys (modifiers after ";" are ignored: Ctrl+Delete is Delete).
    private static func tildeKey(_ code: Int) -> Key? {
        switch code {
        case 1, 7: .home
        case 4, 8: .end
        case 2: .insert
        case 3: .delete
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(code - 10)
        case 17...21: .function(code - 11)
        case 23, 24: .function(code - 12)
        default: nil   // includes a stray paste end marker (201)
        }
    }

    /// Numbers separated by ";" (or ":" sub-parameters); empty ones are 0; each clamped so huge
    /// digit strings cannot overflow.
    static func parseParameters(_ bytes: ArraySlice<UInt8>) -> [Int] {
        var numbers: [Int] = []
        var current = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                current = min(current * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
            case UInt8(ascii: ";"), UInt8(ascii: ":"):
                numbers.append(current)
                current = 0
            default:
                break   // intermediates
            }
        }
        numbers.append(current)
        return numbers
    }
}
