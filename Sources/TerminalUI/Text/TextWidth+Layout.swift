extension TextWidth {
    /// Shortens `text` to at most `width` columns, ending with `ellipsis` when something was cut.
    /// Never splits a grapheme; a wide character that does not fit is left out whole.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let budget = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// Word-wraps `text` into lines of at most `width` columns. Line breaks in the text are kept
    /// (an empty line stays an empty line); runs of spaces between words collapse at wrap points;
    /// a word longer than a line is broken by grapheme. A wide character is never split, and at
    /// least one grapheme goes on each line so the result is finite even for width 1.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        let paragraphs = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for paragraph in paragraphs {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let w = of(String(word))
                if lineWidth > 0 && lineWidth + 1 + w <= width {
                    line += " " + word
                    lineWidth += 1 + w
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                if w <= width {
                    line = String(word)
                    lineWidth = w
                } else {
                    // Hard-break the long word; the last piece starts the next line.
                    for character in word {
                        let cw = of(character)
                        if lineWidth > 0 && lineWidth + cw > width {
                            lines.append(line)
                            line = ""
                            lineWidth = 0
                        }
                        line.append(character)
                        lineWidth += cw
                    }
                }
            }
            lines.append(line)
        }
        return lines
    }
}
