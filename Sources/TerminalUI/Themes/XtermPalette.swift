/// The xterm 256-colour palette, for mapping hex colours to indexes and deeper palettes to
/// shallower ones. (Indexes 0–15 are whatever the user's terminal makes them; xterm's defaults
/// serve as the reference.)
public enum XtermPalette {
    /// Levels of the 6×6×6 cube (indexes 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default ANSI colours 0–15.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of a palette index.
    public static func rgb(_ index: UInt8) -> (red: Int, green: Int, blue: Int) {
        let i = Int(index)
        if i < 16 { return ansi[i] }
        if i >= 232 {
            let level = 8 + 10 * (i - 232)
            return (level, level, level)
        }
        let c = i - 16
        return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
    }

    /// The nearest index among the cube (16–231) and greys (232–255) — not 0–15, whose look
    /// varies by terminal. Same method as tmux's colour_find_rgb.
    public static func nearest(red: Int, green: Int, blue: Int) -> UInt8 {
        func cubeStep(_ v: Int) -> Int { v < 48 ? 0 : v < 114 ? 1 : (v - 35) / 40 }
        let (qr, qg, qb) = (cubeStep(red), cubeStep(green), cubeStep(blue))
        let (cr, cg, cb) = (cubeLevels[qr], cubeLevels[qg], cubeLevels[qb])
        let cubeIndex = 16 + 36 * qr + 6 * qg + qb
        if cr == red && cg == green && cb == blue { return UInt8(cubeIndex) }
        let average = (red + green + blue) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 8 + 10 * greyStep
        let cubeDistance = distance((cr, cg, cb), (red, green, blue))
        let greyDistance = distance((grey, grey, grey), (red, green, blue))
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cubeIndex)
    }

    /// The nearest of the 16 ANSI colours to a palette index (0–15 map to themselves).
    public static func nearestANSI(_ index: UInt8) -> UInt8 {
        if index < 16 { return index }
        let target = rgb(index)
        var best = 0
        var bestDistance = Int.max
        for (i, colour) in ansi.enumerated() {
            let d = distance(colour, (target.red, target.green, target.blue))
            if d < bestDistance {
                best = i
                bestDistance = d
            }
        }
        return UInt8(best)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
