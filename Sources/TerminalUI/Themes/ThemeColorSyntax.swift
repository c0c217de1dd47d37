/// The colour syntax of theme files.
public enum ThemeColorSyntax {
    /// ANSI colour names, 0–7 and their bright variants 8–15.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Resolves a colour value: `default`, a palette name (palette names win over ANSI names),
    /// an ANSI name (`red`, `bright-red`), `#rrggbb`/`#rgb` (nearest xterm-256 index), or 0–255.
    public static func resolve(_ text: String, palette: [String: Color] = [:]) -> Color? {
        if text == "default" { return .default }
        if let color = palette[text] { return color }
        let lower = text.lowercased()
        if let index = ansiNames.firstIndex(of: lower) { return .indexed(UInt8(index)) }
        for prefix in ["bright-", "bright_", "bright"] where lower.hasPrefix(prefix) {
            if let index = ansiNames.firstIndex(of: String(lower.dropFirst(prefix.count))) { return .indexed(UInt8(index + 8)) }
        }
        if lower.hasPrefix("#") { return hex(String(lower.dropFirst())) }
        if !text.isEmpty, text.count <= 3, text.allSatisfy(\.isASCII), let value = Int(text), (0...255).contains(value) {
            return .indexed(UInt8(value))
        }
        return nil
    }

    static func hex(_ digits: String) -> Color? {
        guard digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        let values = digits.compactMap { $0.hexDigitValue }
        switch values.count {
        case 6:
            return .indexed(XtermPalette.nearest(red: values[0] * 16 + values[1], green: values[2] * 16 + values[3], blue: values[4] * 16 + values[5]))
        case 3:
            return .indexed(XtermPalette.nearest(red: values[0] * 17, green: values[1] * 17, blue: values[2] * 17))
        default:
            return nil
        }
    }

    static func isValidPaletteName(_ name: String) -> Bool {
        guard name != "default", let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
