import TerminalUI
import TokenScopeCore

/// The token pane: input, summary, findings, the claims table and the selected claim's details.
enum TokenView {
    static let placeholder = "paste a token — or a Bearer header, a token response, a curl line (i to type)"

    static func draw(_ state: AppState, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        guard rect.height > 4, rect.width > 10 else { return }
        var y = rect.y
        let editing = state.focus == .token && state.token.editing && state.overlay == nil
        canvas.write("▸ ", x: rect.x, y: y, style: theme.style(editing ? .inputFocused : .paneMuted))
        var input = state.token.input
        if !editing { input.cursor = 0 }
        input.render(into: &canvas, at: Rect(x: rect.x + 2, y: y, width: rect.width - 2, height: 1),
                                 style: theme.style(editing ? .inputFocused : .inputText), focused: editing,
                                 placeholder: placeholder, placeholderStyle: theme.style(.inputPlaceholder), reveal: true)
        y += 1
        guard let inspected = state.token.inspected else {
            y += 1
            var b = LineBuilder(width: rect.width - 1)
            for paragraph in intro(state) { paragraph.isEmpty ? b.blank() : b.text(paragraph, .paneMuted) }
            for line in b.lines {
                guard y < rect.maxY else { break }
                canvas.write(line.first?.text ?? "", x: rect.x + 1, y: y, style: theme.style(.paneMuted), maxWidth: rect.width - 1)
                y += 1
            }
            return
        }
        guard let report = TokenRows.report(state) else {
            canvas.write("✖ " + (inspected.problem ?? "nothing to inspect"), x: rect.x, y: y, style: theme.style(.severityError), maxWidth: rect.width)
            return
        }
        canvas.write(report.summary, x: rect.x, y: y, style: theme.style(.paneHeading), maxWidth: rect.width)
        y += 1
        counts(report, state, theme, rect, y, &canvas)
        y += 1
        for finding in report.findings.prefix(5) {
            let text = "\(finding.severity.symbol) \(finding.id.rawValue): \(finding.message)"
            canvas.write(text, x: rect.x, y: y, style: theme.style(finding.severity.role), maxWidth: rect.width)
            y += 1
        }
        y += 1
        table(state, theme, Rect(x: rect.x, y: y, width: rect.width, height: Layout.tokenTableHeight(state) + 1), &canvas)
        detail(state, report, theme, Rect(x: rect.x, y: rect.maxY - Layout.detailRows, width: rect.width, height: Layout.detailRows), &canvas)
    }

    static func intro(_ state: AppState) -> [String] {
        var lines = ["Paste anything that holds a token (a bare token, a Bearer header, a token response, a curl line): "
                     + "it is decoded, every claim explained, and what is wrong for the chosen flow is flagged. "
                     + "Nothing leaves this machine until you run an exchange (Enter)."]
        if !state.presets.isEmpty { lines += ["", "No token at hand? Press s: the embedded sandbox mints one for each sample."] }
        return lines
    }

    static func counts(_ report: TokenReport, _ state: AppState, _ theme: Theme, _ rect: Rect, _ y: Int, _ canvas: inout Canvas) {
        var x = rect.x
        for severity in Severity.allCases {
            let n = report.findings.filter { $0.severity == severity }.count
            guard n > 0 else { continue }
            let word = severity == .info ? "info" : severity.rawValue + (n == 1 ? "" : "s")
            x += canvas.write("\(severity.symbol) \(n) \(word)   ", x: x, y: y, style: theme.style(severity.role))
        }
        if report.findings.isEmpty { x += canvas.write("✔ no findings   ", x: x, y: y, style: theme.style(.severityOk)) }
        if let obo = report.oboReadiness {
            let text = obo.ready ? "OBO: ✔ ready" : "OBO: ✖ not ready (\(obo.checks.filter { $0.status == .fail }.map(\.check).joined(separator: ", ")))"
            canvas.write(text, x: x, y: y, style: theme.style(obo.ready ? .severityOk : .severityError), maxWidth: rect.maxX - x)
        }
    }

    static func table(_ state: AppState, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        let rows = TokenRows.rows(state)
        let nameWidth = state.token.view == .raw ? 0 : min(22, max(6, rows.map { TextWidth.of($0.name) }.max() ?? 6) + 2)
        let valueWidth = state.token.view == .raw ? rect.width - 2 : max(12, (rect.width - 2 - nameWidth) * 45 / 100)
        let title: String
        switch state.token.view {
        case .claims: title = state.token.search.text.isEmpty ? "claim" : "claim (filter: \(state.token.search.text))"
        case .header: title = "header"
        case .raw: title = "raw JSON (header, then claims)"
        }
        let header = "  " + title.padded(to: nameWidth) + (state.token.view == .raw ? "" : "value".padded(to: valueWidth) + "meaning")
        canvas.write(header, x: rect.x, y: rect.y, style: theme.style(.tableHeader), maxWidth: rect.width)
        if state.token.searching {
            let label = "/"
            canvas.write(label, x: rect.x, y: rect.y, style: theme.style(.inputFocused))
        }
        let visible = rect.height - 1
        var scroll = state.token.rows
        scroll.clamp(count: rows.count, visible: visible)
        for row in 0..<visible {
            let index = scroll.offset + row
            guard rows.indices.contains(index) else { break }
            let item = rows[index]
            let y = rect.y + 1 + row
            let selected = index == scroll.selected && state.focus == .token
            let base = theme.style(selected ? .tableSelected : .tableRow)
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
            let gutter = item.severity?.symbol ?? " "
            canvas.write(gutter, x: rect.x, y: y, style: item.severity.map { selected ? base : theme.style($0.role) } ?? base)
            if state.token.view == .raw {
                canvas.write(item.value, x: rect.x + 2, y: y, style: base, maxWidth: rect.width - 2)
                continue
            }
            let nameStyle = item.severity.map { selected ? base : theme.style($0.role) } ?? base
            canvas.write(TextWidth.truncate(item.name, to: nameWidth - 1), x: rect.x + 2, y: y, style: nameStyle)
            canvas.write(TextWidth.truncate(item.value, to: valueWidth - 1), x: rect.x + 2 + nameWidth, y: y, style: base)
            let meaningX = rect.x + 2 + nameWidth + valueWidth
            if meaningX < rect.maxX {
                canvas.write(item.meaning, x: meaningX, y: y, style: selected ? base : theme.style(.paneMuted), maxWidth: rect.maxX - meaningX)
            }
        }
    }

    static func detail(_ state: AppState, _ report: TokenReport, _ theme: Theme, _ rect: Rect, _ canvas: inout Canvas) {
        canvas.write(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: theme.style(.frameBorder))
        guard let claim = TokenRows.selectedClaim(state) else {
            let sig = report.signature
            canvas.write(" signature: \(sig.checked ? (sig.valid == true ? "valid" : "INVALID") : "not checked") — \(sig.reason)", x: rect.x, y: rect.y + 1,
                         style: theme.style(.paneMuted), maxWidth: rect.width)
            return
        }
        canvas.write(" \(claim.name) ", x: rect.x + 2, y: rect.y, style: theme.style(.frameTitleFocused))
        var b = LineBuilder(width: rect.width)
        b.text(ClaimText.short(claim.value), .paneText)
        if let explanation = claim.explanation { b.text("↳ " + explanation, .severityInfo) }
        if let descriptor = claim.descriptor { b.text(descriptor.meaning + (descriptor.reading.isEmpty ? "" : " " + descriptor.reading), .paneMuted) }
        for finding in report.findings where finding.claims.contains(claim.name) {
            b.text("\(finding.id.rawValue): \(finding.detail)", finding.severity.role, bullet: finding.severity.symbol + " ")
        }
        for (row, line) in b.lines.prefix(rect.height - 1).enumerated() {
            var x = rect.x
            for span in line { x += canvas.write(span.text, x: x, y: rect.y + 1 + row, style: theme.style(span.role), maxWidth: rect.maxX - x) }
        }
    }
}
