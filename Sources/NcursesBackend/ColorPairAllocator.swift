/// Hands out ncurses colour pairs lazily, one per (foreground, background) combination in use,
/// instead of pre-declaring a pair per theme role: themes can change at run time and the
/// allocator neither knows nor cares about roles.
struct ColorPairAllocator {
    struct Key: Hashable {
        let foreground: Int16
        let background: Int16
    }

    /// Highest pair number usable through the `short`-typed API (`init_pair`, `attr_set`).
    let limit: Int
    private(set) var pairs: [Key: Int16] = [:]

    /// - Parameter colorPairs: ncurses' COLOR_PAIRS (pair 0 is reserved for the default colours).
    init(colorPairs: Int) {
        limit = max(0, min(colorPairs - 1, Int(Int16.max)))
    }

    /// The pair for the combination, defining it through `define(pair, fg, bg)` the first time.
    /// (-1, -1) is pair 0. When the terminal has no pairs left, 0: the text stays readable and
    /// keeps its attributes, only the colour is lost.
    mutating func pair(foreground: Int16, background: Int16, define: (Int16, Int16, Int16) -> Bool) -> Int16 {
        if foreground == -1 && background == -1 { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        guard pairs.count < limit else { return 0 }
        let number = Int16(pairs.count + 1)
        guard define(number, foreground, background) else { return 0 }
        pairs[key] = number
        return number
    }
}
