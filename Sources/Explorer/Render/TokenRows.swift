import TerminalUI
import TokenScopeCore

/// The rows of the token pane's table for the current view (claims, header, or raw JSON lines),
/// filtered by the search text.
struct TokenRow: Equatable {
    let name: String
    let value: String
    let meaning: String
    /// The most severe finding naming this claim.
    let severity: Severity?
}

enum TokenRows {
    static func report(_ state: AppState) -> TokenReport? {
        guard let reports = state.token.inspected?.reports, !reports.isEmpty else { return nil }
        return reports[min(state.token.selectedToken, reports.count - 1)]
    }

    static func rows(_ state: AppState) -> [TokenRow] {
        guard let report = report(state) else { return [] }
        switch state.token.view {
        case .raw:
            let json = [report.token.header.map { JSONWriter.write($0) }, report.token.claims.map { JSONWriter.write($0) }]
                .compactMap { $0 }.joined(separator: "\n")
            return json.split(separator: "\n", omittingEmptySubsequences: false).map {
                TokenRow(name: "", value: String($0), meaning: "", severity: nil)
            }
        case .header, .claims:
            let source = state.token.view == .header ? report.header : report.claims
            let filter = state.token.search.text.lowercased()
            return source.compactMap { claim in
                let value = ClaimText.short(claim.value)
                let meaning = claim.descriptor?.meaning ?? ""
                if !filter.isEmpty, !(claim.name.lowercased().contains(filter) || value.lowercased().contains(filter) || meaning.lowercased().contains(filter)) {
                    return nil
                }
                let severity = report.findings.filter { $0.claims.contains(claim.name) }.map(\.severity).min()
                return TokenRow(name: claim.name, value: value, meaning: meaning, severity: severity)
            }
        }
    }

    /// The claim behind the selected row (claims and header views).
    static func selectedClaim(_ state: AppState) -> ClaimReport? {
        guard let report = report(state), state.token.view != .raw else { return nil }
        let rows = rows(state)
        guard rows.indices.contains(state.token.rows.selected) else { return nil }
        let name = rows[state.token.rows.selected].name
        return (state.token.view == .header ? report.header : report.claims).first { $0.name == name }
    }
}

/// Claim values as one line of text.
enum ClaimText {
    static func short(_ value: JSONValue) -> String {
        switch value {
        case let .string(s): return s
        case let .number(n): return n
        case .array, .object: return JSONWriter.write(value, pretty: false)
        default: return JSONWriter.write(value, pretty: false)
        }
    }
}
