import TokenScopeCore

/// Entra writes times in error texts as `2026-11-29T10:00:00.0000000Z`.
enum TimeTextISO {
    static func format(_ t: Int64) -> String {
        String(TimeText.iso8601(t).dropLast()) + ".0000000Z"
    }
}
