/// Renders ranked advice for people: the most likely causes first, with the evidence of this case,
/// how to confirm, how to fix, who fixes it. The first `detailed` items are shown in full, the
/// rest as one line each. Text from the case (evidence) was escaped when it was built; the
/// knowledge base's own text is escaped again here, so nothing raw reaches the terminal.
public struct AdviceHumanReport {
    public var colour: Bool
    /// How many items get their confirm and fix steps.
    public var detailed: Int

    public init(colour: Bool, detailed: Int = 3) {
        self.colour = colour
        self.detailed = detailed
    }

    var base: HumanReport { HumanReport(colour: colour) }

    public func render(_ advice: [Advice], heading: String = "Most likely causes") -> String {
        guard !advice.isEmpty else { return "" }
        var out = base.style(heading, .bold) + "\n"
        for (index, a) in advice.enumerated() {
            let marker = "\(index + 1). "
            let confidence = "[\(a.confidence.rawValue)]"
            let tone: HumanReport.Style = a.confidence == .high ? .green : a.confidence == .medium ? .yellow : .dim
            out += "\n" + marker + base.style(confidence, tone) + " " + base.style(safe(a.title), .bold)
                + base.style("  \(a.id) · fix: \(a.owner.rawValue)", .dim) + "\n"
            guard index < detailed else { continue }
            out += wrap(safe(a.cause), indent: 4)
            if !a.evidence.isEmpty {
                out += "    " + base.style("Why this case points here", .cyan) + "\n"
                for e in a.evidence { out += wrap(safe(e), indent: 6, bullet: "• ") }
            }
            if !a.confirm.isEmpty {
                out += "    " + base.style("Confirm", .cyan) + "\n"
                for c in a.confirm { out += wrap(safe(c), indent: 6, bullet: "• ") }
            }
            if !a.fix.isEmpty {
                out += "    " + base.style("Fix", .cyan) + "\n"
                for (n, f) in a.fix.enumerated() { out += wrap(safe(f), indent: 6, bullet: "\(n + 1). ") }
            }
            if let msal = a.msalNet {
                out += "    " + base.style("MSAL.NET", .cyan) + "\n" + wrap(safe(msal), indent: 6)
            }
            if let link = a.link { out += "    " + base.style("Look up", .cyan) + "  " + safe(link) + "\n" }
        }
        return out
    }

    func safe(_ text: String) -> String { TerminalSafe.escape(text) }

    /// Word-wrapped at 100 columns, with a hanging indent after the bullet.
    func wrap(_ text: String, indent: Int, bullet: String = "", width: Int = 100) -> String {
        let first = String(repeating: " ", count: indent) + bullet
        let rest = String(repeating: " ", count: indent + bullet.count)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let prefix = lines.isEmpty ? first : rest
            if !line.isEmpty, prefix.count + line.count + 1 + word.count > width {
                lines.append(prefix + line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append((lines.isEmpty ? first : rest) + line) }
        return lines.joined(separator: "\n") + "\n"
    }
}
