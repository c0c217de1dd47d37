import CNcursesw
import Glibc

/// An ncurses screen with no terminal behind it (output and input on /dev/null), sized by hand:
/// enough to blit into and read the cells back.
final class HeadlessScreen {
    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>

    init(rows: Int32, columns: Int32, term: String = "xterm-256color") throws {
        // UTF-8 for the narrow API and for reading wide characters back.
        setlocale(LC_ALL, "C.UTF-8")
        guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            throw HeadlessError.cannotOpenDevNull
        }
        guard let screen = newterm(term, output, input) else {
            fclose(output)
            fclose(input)
            throw HeadlessError.unknownTerm(term)
        }
        self.screen = screen
        self.output = output
        self.input = input
        set_term(screen)
        resizeterm(rows, columns)
    }

    deinit {
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
    }

    /// The row as ncurses holds it (wide characters once), from column `x`.
    func text(row: Int32, from x: Int32 = 0, count: Int32) -> String {
        var buffer = [wchar_t](repeating: 0, count: Int(count) + 1)
        let read = mvinnwstr(row, x, &buffer, count)
        guard read != ERR else { return "" }
        let scalars = buffer.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return String(String.UnicodeScalarView(scalars))
    }

    struct CellInfo {
        let text: String
        let attributes: attr_t
        let pair: Int16
    }

    /// The character, attributes (colour bits removed) and colour pair at (x, y).
    func cell(x: Int32, y: Int32) -> CellInfo {
        var wide = cchar_t()
        _ = mvin_wch(y, x, &wide)
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&wide, &characters, &attributes, &pair, nil)
        let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return CellInfo(
            text: String(String.UnicodeScalarView(scalars)),
            attributes: attributes & cnc_a_attributes() & ~cnc_a_color(),
            pair: pair
        )
    }

    /// The (foreground, background) a pair was defined with.
    func colors(ofPair pair: Int16) -> (Int16, Int16) {
        var foreground: Int16 = 0
        var background: Int16 = 0
        _ = pair_content(pair, &foreground, &background)
        return (foreground, background)
    }

    enum HeadlessError: Error {
        case cannotOpenDevNull
        case unknownTerm(String)
    }
}
