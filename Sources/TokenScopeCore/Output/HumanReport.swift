/// Renders token reports for people: a summary line, the header and claims tables (name, value,
/// meaning, and the value read aloud), findings by severity, the signature and OBO verdicts.
/// Every value from the token passes through `TerminalSafe` before it is written.
public struct HumanReport {
    public var colour: Bool
    /// Longest value shown in the table before it is cut (the full value is in `--json`).
    public var maxValueWidth = 40

    public init(colour: Bool) { self.colour = colour }

    public func render(_ reports: [TokenReport]) -> String {
        var out = ""
        for (i, report) in reports.enumerated() {
            if reports.count > 1 {
                if i > 0 { out += "\n" }
                out += style("━━ token \(i + 1) of \(reports.count): \(report.source) ━━", .bold) + "\n"
            }
            out += render(report)
        }
        return out
    }

    public func render(_ r: TokenReport) -> String {
        var out = style(TerminalSafe.escape(r.summary), .bold) + "\n"
        if let opaque = r.opaqueDescription { out += wrap(opaque, indent: 2) }
        if !r.header.isEmpty { out += "\n" + style("Header", .bold) + "\n" + table(r.header) }
        if !r.claims.isEmpty { out += "\n" + style("Claims", .bold) + "\n" + table(r.claims) }
        out += "\n" + style("Signature", .bold) + "  " + signatureLine(r.signature) + "\n"
        out += findings(r.findings)
        if let obo = r.oboReadiness { out += oboVerdict(obo) }
        return out
    }

    // MARK: - Tables

    private func table(_ rows: ClaimReports) -> String {
        let nameWidth = min(24, rows.map { TerminalSafe.escape($0.name).count }.max() ?? 4)
        let values = rows.map { shortValue($0.value) }
        let valueWidth = min(maxValueWidth, values.map(\.count).max() ?? 0)
        var out = ""
        for (row, value) in zip(rows, values) {
            let name = TerminalSafe.escape(row.name)
            var line = "  " + pad(name, nameWidth) + "  " + pad(value, valueWidth)
            if let meaning = row.descriptor?.meaning { line += "  " + style(meaning, .dim) }
            out += line + "\n"
            if let explanation = row.explanation {
                out += "  " + String(repeating: " ", count: nameWidth) + "  " + style("↳ " + TerminalSafe.escape(explanation), .cyan) + "\n"
            }
        }
        return out
    }

    /// One line, escaped, cut to `maxValueWidth` with the item count of long arrays.
    func shortValue(_ value: JSONValue) -> String {
        let text: String
        switch value {
        case let .string(s): text = TerminalSafe.escape(s)
        case let .number(n): text = n
        case let .bool(b): text = b ? "true" : "false"
        case .null: text = "null"
        case let .array(items):
            let inner = items.map { item -> String in
                if case let .string(s) = item { return TerminalSafe.escape(s) }
                return TerminalSafe.escape(JSONWriter.write(item, pretty: false))
            }.joined(separator: ", ")
            text = items.count > 3 && inner.count > maxValueWidth ? "[\(items.count) items] " + inner : inner
        case .object:
            text = TerminalSafe.escape(JSONWriter.write(value, pretty: false))
        }
        guard text.count > maxValueWidth else { return text }
        return String(text.prefix(maxValueWidth - 1)) + "…"
    }

    // MARK: - Verdicts

    private func signatureLine(_ s: SignatureStatus) -> String {
        let mark: String
        switch s.valid {
        case true?: mark = style("✔ valid", .green)
        case false?: mark = style("✖ INVALID", .red)
        case nil: mark = style("– not checked", .dim)
        }
        return mark + "  " + TerminalSafe.escape(s.reason)
    }

    private func findings(_ list: [Finding]) -> String {
        guard !list.isEmpty else { return "\n" + style("Findings", .bold) + "  none\n" }
        var out = "\n" + style("Findings", .bold) + "\n"
        for f in list {
            let (symbol, colour): (String, Style) = switch f.severity {
            case .error: ("✖ error  ", .red)
            case .warning: ("▲ warning", .yellow)
            case .info: ("ℹ info   ", .cyan)
            }
            out += "  " + style(symbol, colour) + " " + style(f.id.rawValue, .bold) + ": " + TerminalSafe.escape(f.message) + "\n"
            out += wrap(f.detail, indent: 14, dim: true)
        }
        return out
    }

    private func oboVerdict(_ obo: OBOReadiness) -> String {
        var out = "\n" + style("On-Behalf-Of readiness", .bold) + "  "
            + (obo.ready ? style("READY", .green) : style("NOT READY", .red)) + "\n"
        for check in obo.checks {
            let mark = switch check.status {
            case .pass: style("✔", .green)
            case .fail: style("✖", .red)
            case .unknown: style("?", .yellow)
            }
            out += "  \(mark) \(pad(check.check, 12)) \(TerminalSafe.escape(check.message))\n"
        }
        return out
    }

    // MARK: - Text helpers

    private func wrap(_ text: String, indent: Int, width: Int = 100, dim: Bool = false) -> String {
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in TerminalSafe.escape(text).split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width - indent {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { prefix + (dim ? style($0, .dim) : $0) }.joined(separator: "\n") + "\n"
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    func style(_ text: String, _ s: Style) -> String {
        colour ? "\u{1B}[\(s.rawValue)m\(text)\u{1B}[0m" : text
    }
}
