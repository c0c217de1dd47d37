/// Mouse report decoding (pure; coordinates from 1-based to 0-based, never negative).
enum MouseDecoding {
    /// SGR 1006: "b;x;y" then M (press/drag/wheel) or m (release).
    static func sgr(_ parameters: ArraySlice<UInt8>, release: Bool) -> MouseEvent? {
        let numbers = InputDecoder.parseParameters(parameters)
        guard numbers.count == 3 else { return nil }
        return event(button: numbers[0], x: numbers[1] - 1, y: numbers[2] - 1, release: release)
    }

    /// Legacy X10: three bytes, each offset by 32 (button 3 means release).
    static func x10(_ button: UInt8, _ column: UInt8, _ row: UInt8) -> MouseEvent? {
        let b = Int(button) - 32
        guard b >= 0 else { return nil }
        return event(button: b, x: Int(column) - 33, y: Int(row) - 33, release: b & 0b11 == 3 && b & 64 == 0)
    }

    /// Bits: 0–1 button, 2–4 modifiers (ignored), 5 motion, 6 wheel.
    private static func event(button b: Int, x: Int, y: Int, release: Bool) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if b & 64 != 0 {
            switch b & 0b11 {
            case 0: kind = .scrollUp
            case 1: kind = .scrollDown
            default: return nil   // horizontal wheel
            }
        } else if b & 32 != 0 {
            kind = .drag
        } else if release {
            kind = .release
        } else {
            kind = .press(button: b & 0b11)
        }
        return MouseEvent(kind: kind, x: max(0, x), y: max(0, y))
    }
}
