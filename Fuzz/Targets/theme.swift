// Fuzz target: the theme YAML loader (`ThemeParser`, Yams underneath) and what the explorer does
// with its result: adapt it to each colour depth, or report the error with its line.
import TerminalUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let yaml = String(decoding: fuzzInput(data, size), as: UTF8.self)
    do {
        let theme = try ThemeParser.parse(yaml, source: "fuzz.yaml")
        for depth in [ColorDepth.none, .eight, .sixteen, .full] {
            _ = theme.adapted(to: depth)
        }
    } catch let error as ThemeError {
        if let line = error.line, line < 1 { violated("ThemeError line \(line)") }
        _ = error.description
    } catch {
        violated("ThemeParser threw a non-ThemeError", "\(error)")
    }
    return 0
}
