public import TerminalUI
import TokenScopeCore

/// A span of text and the theme role that colours it.
public struct Span: Equatable, Sendable {
    public let text: String
    public let role: ThemeRole

    public init(_ text: String, _ role: ThemeRole = .paneText) {
        self.text = text
        self.role = role
    }
}

public typealias StyledLine = [Span]

/// Builds the text of a scrolling pane, wrapped to its width. Wrapping happens here (not at draw
/// time) so that scrolling counts the lines the user actually sees.
struct LineBuilder {
    let width: Int
    private(set) var lines: [StyledLine] = []

    init(width: Int) { self.width = max(10, width) }

    mutating func blank() { lines.append([]) }

    /// One paragraph in one role, wrapped with a hanging indent.
    mutating func text(_ text: String, _ role: ThemeRole = .paneText, indent: Int = 0, bullet: String = "") {
        let pad = String(repeating: " ", count: indent)
        let first = pad + bullet
        let rest = pad + String(repeating: " ", count: TextWidth.of(bullet))
        let wrapped = TextWidth.wrap(text, width: max(4, width - TextWidth.of(first)))
        for (index, line) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
            lines.append([Span((index == 0 ? first : rest) + line, role)])
        }
    }

    /// A line of several spans, wrapped at word boundaries when it is wider than the pane; the
    /// continuation lines keep each word's role.
    mutating func spans(_ spans: [Span], indent: Int = 2) {
        guard spans.reduce(0, { $0 + TextWidth.of($1.text) }) > width else {
            lines.append(spans)
            return
        }
        var line: StyledLine = []
        var used = 0
        for span in spans {
            for word in span.text.splitKeepingSpaces() {
                let w = TextWidth.of(word)
                if used + w > width, used > indent {
                    lines.append(line)
                    line = [Span(String(repeating: " ", count: indent), span.role)]
                    used = indent
                    if word.allSatisfy({ $0 == " " }) { continue }
                }
                var piece = word
                while TextWidth.of(piece) > width - used, width - used > 0 {
                    // A word longer than the line (a URL, a GUID list) is cut into line-sized parts.
                    let head = TextWidth.truncate(piece, to: width - used, ellipsis: "")
                    line.append(Span(head, span.role))
                    lines.append(line)
                    piece = String(piece.dropFirst(head.count))
                    line = [Span(String(repeating: " ", count: indent), span.role)]
                    used = indent
                }
                line.append(Span(piece, span.role))
                used += TextWidth.of(piece)
            }
        }
        if !line.isEmpty { lines.append(line) }
    }

    /// `label  value` with the label in a fixed column; the value wraps under itself.
    mutating func field(_ label: String, _ value: String, labelWidth: Int = 16, indent: Int = 2, role: ThemeRole = .paneText) {
        let head = String(repeating: " ", count: indent) + label.padded(to: labelWidth)
        let wrapped = TextWidth.wrap(value, width: max(4, width - TextWidth.of(head)))
        for (index, line) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
            let left = index == 0 ? head : String(repeating: " ", count: TextWidth.of(head))
            lines.append([Span(left, .paneMuted), Span(line, role)])
        }
    }
}

extension String {
    func padded(to width: Int) -> String {
        let w = TextWidth.of(self)
        return w >= width ? self + " " : self + String(repeating: " ", count: width - w)
    }
}

extension String {
    /// "a b  c" → ["a", " ", "b", "  ", "c"]: words and the spaces between them, in order.
    func splitKeepingSpaces() -> [String] {
        var parts: [String] = []
        var current = ""
        var inSpaces = false
        for c in self {
            let isSpace = c == " "
            if !current.isEmpty, isSpace != inSpaces {
                parts.append(current)
                current = ""
            }
            inSpaces = isSpace
            current.append(c)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
