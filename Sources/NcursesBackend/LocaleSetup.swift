import CNcursesw
import Glibc

/// ncurses decodes the UTF-8 we hand it (and measures wide characters) according to LC_CTYPE.
enum LocaleSetup {
    static func ensureUTF8() {
        setlocale(LC_ALL, "")
        if !isUTF8 {
            // e.g. LANG unset in CI or a container: without this the borders and every non-ASCII
            // claim value come out garbled. C.UTF-8 exists on every modern glibc.
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    static var isUTF8: Bool {
        guard let codeset = cnc_codeset() else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
