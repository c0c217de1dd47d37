/// Renders Unix times as UTC text and durations in words, without Foundation's formatters
/// (deterministic, locale-free and fast enough for the decode hot path).
public enum TimeText {
    /// `2026-11-29 03:15:43 UTC`.
    public static func utc(_ seconds: Int64) -> String {
        let (days, secondOfDay) = daysAndSeconds(seconds)
        let (y, m, d) = civilDate(daysSinceEpoch: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2)) UTC"
    }

    /// `2026-11-29T03:15:43Z`, for JSON.
    public static func iso8601(_ seconds: Int64) -> String {
        let (days, secondOfDay) = daysAndSeconds(seconds)
        let (y, m, d) = civilDate(daysSinceEpoch: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Parses `2026-11-29T03:15:43Z`, `2026-11-29T03:15:43+01:00`, `2026-11-29 03:15:43` (UTC) or `2026-11-29`.
    public static func parseISO8601(_ text: String) -> Int64? {
        let s = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= s.count else { return nil }
            var v: Int64 = 0
            for b in s[from..<(from + len)] {
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int64(b - 48)
            }
            return v
        }
        guard s.count >= 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), (1...12).contains(mo), d >= 1, d <= daysInMonth(y, mo) else { return nil }
        var seconds = daysFromCivil(y, mo, d) * 86_400
        guard s.count > 10 else { return seconds }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "), s.count >= 19,
              let h = num(11, 2), let mi = num(14, 2), let se = num(17, 2), h < 24, mi < 60, se < 61 else { return nil }
        seconds += h * 3600 + mi * 60 + se
        var i = 19
        if i < s.count, s[i] == UInt8(ascii: ".") { i += 1; while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 } }
        if i == s.count { return seconds }
        if s[i] == UInt8(ascii: "Z"), i + 1 == s.count { return seconds }
        guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"), i + 6 == s.count,
              let oh = num(i + 1, 2), let om = num(i + 4, 2) else { return nil }
        let offset = oh * 3600 + om * 60
        return s[i] == UInt8(ascii: "+") ? seconds - offset : seconds + offset
    }

    /// `2 h 13 min`, `45 s`, `3 d 4 h`: the two largest units, for a human in a hurry.
    public static func duration(_ seconds: Int64) -> String {
        let s = seconds.magnitude
        if s < 60 { return "\(s) s" }
        if s < 3600 { return s % 60 == 0 || s >= 600 ? "\(s / 60) min" : "\(s / 60) min \(s % 60) s" }
        if s < 86_400 { return s % 3600 / 60 == 0 ? "\(s / 3600) h" : "\(s / 3600) h \(s % 3600 / 60) min" }
        return s % 86_400 / 3600 == 0 ? "\(s / 86_400) d" : "\(s / 86_400) d \(s % 86_400 / 3600) h"
    }

    /// `in 45 min` or `2 h 13 min ago`.
    public static func relative(_ time: Int64, now: Int64) -> String {
        time >= now ? "in \(duration(time - now))" : "\(duration(now - time)) ago"
    }

    /// 2099-02-30 is not a date; refuse it rather than roll over to March.
    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whole days since the epoch (rounded down) and the second of that day, for any `Int64`:
    /// `(a - b + 1) / b` and `days * 86_400` overflow near `Int64.min`.
    private static func daysAndSeconds(_ seconds: Int64) -> (days: Int64, secondOfDay: Int64) {
        let remainder = seconds % 86_400
        return remainder < 0 ? (seconds / 86_400 - 1, remainder + 86_400) : (seconds / 86_400, remainder)
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        // Digits and a sign: bytes are Characters, and counting bytes needs no grapheme breaking.
        let count = s.utf8.count
        return count >= width ? s : String(repeating: "0", count: width - count) + s
    }

    /// Howard Hinnant's days-from-civil and civil-from-days algorithms (proleptic Gregorian).
    private static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
