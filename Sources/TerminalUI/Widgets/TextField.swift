/// A single-line text input as a value: the text, a cursor counted in graphemes (so "é" written as
/// e + U+0301 or a flag emoji is one step), and whether the content is a secret to mask.
public struct TextField: Equatable, Sendable {
    public var text: String
    /// Grapheme index in 0...text.count (out-of-range values are clamped by every operation).
    public var cursor: Int
    public var isMasked: Bool

    /// The cursor starts at the end of `text`.
    public init(text: String = "", isMasked: Bool = false) {
        let clean = TextField.singleLine(text)
        self.text = clean
        self.cursor = clean.count
        self.isMasked = isMasked
    }

    /// Inserts typed or pasted text at the cursor, as one edit (a 16 KB paste is one call). The
    /// field is single-line: line breaks are removed (a token wrapped over lines is joined), tabs
    /// become spaces, other control characters and bidi overrides are dropped.
    public mutating func insert(_ s: String) {
        let clean = TextField.singleLine(s)
        guard !clean.isEmpty else { return }
        let position = index(at: cursor)
        // The new cursor counts graphemes of prefix + insertion together: a combining mark typed
        // after "e" merges with it rather than adding a step.
        let prefix = String(text[..<position]) + clean
        cursor = prefix.count
        text = prefix + text[position...]
    }

    /// Editing keys: characters, left/right/home/end, backspace/delete, Ctrl-A/E (home/end),
    /// Ctrl-B/F (left/right), Ctrl-D (delete), Ctrl-U (clear to start), Ctrl-K (clear to end),
    /// Ctrl-W (delete the word before the cursor). Returns true if the key was an editing key
    /// (even when it changed nothing, e.g. Left at the start), so letters never leak to commands.
    public mutating func handle(_ key: Key) -> Bool {
        let count = text.count
        cursor = min(max(0, cursor), count)
        switch key {
        case .character(let character):
            insert(String(character))
        case .left, .control("b"):
            cursor = max(0, cursor - 1)
        case .right, .control("f"):
            cursor = min(count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = count
        case .backspace:
            guard cursor > 0 else { return true }
            let end = index(at: cursor)
            text.removeSubrange(text.index(before: end)..<end)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < count else { return true }
            let start = index(at: cursor)
            text.removeSubrange(start..<text.index(after: start))
        case .control("u"):
            text.removeSubrange(..<index(at: cursor))
            cursor = 0
        case .control("k"):
            text.removeSubrange(index(at: cursor)...)
        case .control("w"):
            deleteWordBackward()
        default:
            return false
        }
        return true
    }

    /// Removes spaces before the cursor, then the word before them.
    private mutating func deleteWordBackward() {
        let end = index(at: cursor)
        var start = end
        while start > text.startIndex, text[text.index(before: start)] == " " { start = text.index(before: start) }
        while start > text.startIndex, text[text.index(before: start)] != " " { start = text.index(before: start) }
        cursor -= text[start..<end].count
        text.removeSubrange(start..<end)
    }

    /// The String.Index of grapheme `offset`, clamped to the text.
    func index(at offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: max(0, offset), limitedBy: text.endIndex) ?? text.endIndex
    }

    static func singleLine(_ s: String) -> String {
        guard TerminalSanitizer.needsCleaning(s) else { return s }
        var scalars = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar == "\t" {
                scalars.append(" ")
            } else if TerminalSanitizer.replacement(for: scalar) == nil {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
