import CNcursesw
import Glibc
public import TerminalUI

/// The terminal while the explorer runs: ncurses screen, raw input mode, colours, terminal modes.
/// Not Sendable: every ncurses call happens on the thread that created it (the main thread).
public final class TerminalSession {
    public let colorDepth: ColorDepth
    private let options: TerminalOptions
    private var screen: OpaquePointer?
    private var blitter: Blitter

    /// - Throws: `TerminalError` when stdin/stdout is not a terminal or TERM is unusable. Never
    ///   exits the process (newterm is used instead of initscr for that reason).
    public init(options: TerminalOptions = TerminalOptions()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError.notATerminal
        }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw TerminalError("TERM is not set; set it to your terminal's type (e.g. TERM=xterm-256color)")
        }
        LocaleSetup.ensureUTF8()
        guard let screen = newterm(nil, cnc_stdout(), cnc_stdin()) else {
            throw TerminalError(
                "TERM `\(term)` is unknown to terminfo or cannot run a full-screen program; try TERM=xterm-256color"
            )
        }
        self.screen = screen
        self.options = options
        set_term(screen)
        // Raw: Ctrl-C, Ctrl-Z, Ctrl-S/Q arrive as bytes and the app decides what they mean.
        // Input is read from fd 0 by RunLoop, never with getch, so keypad/escdelay do not apply.
        raw()
        noecho()
        nonl()
        // ncurses would otherwise abandon a refresh half-way whenever input is pending (typeahead
        // optimisation); the loop drains input before drawing, so a frame must always complete.
        typeahead(-1)
        colorDepth = options.colorDepth ?? ColorDepthDetection.detect(
            noColor: getenv("NO_COLOR").map { String(cString: $0) },
            hasColors: has_colors(),
            // COLORS is only set by start_color(), which depends on this answer: ask terminfo.
            colors: Int(tigetnum("colors"))
        )
        blitter = Blitter(colorDepth: colorDepth)
        // Flush the alternate-screen switch ncurses queued before turning modes on.
        wrefresh(cnc_stdscr())
        TTYWriter.write(TerminalModes.bracketedPasteOn)
        if options.mouse { TTYWriter.write(TerminalModes.mouseOn) }
        StderrCapture.begin()
        CrashHandler.install()
    }

    deinit {
        end()
    }

    public var size: Size {
        guard screen != nil else { return Size(columns: 0, rows: 0) }
        let window = cnc_stdscr()
        return Size(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
    }

    public func draw(_ canvas: Canvas) {
        guard screen != nil else { return }
        blitter.draw(canvas)
    }

    /// OSC 52 (terminals without it ignore it). Inside tmux it needs `set-clipboard on` or
    /// `allow-passthrough on`; see OSC52 for why both forms are sent.
    public func copyToClipboard(_ text: String) {
        let inTmux = getenv("TMUX").map { $0.pointee != 0 } ?? false
        TTYWriter.write(OSC52.sequence(copying: text, inTmux: inTmux))
    }

    /// Restores the terminal: modes off, normal screen, cooked tty, cursor visible. Idempotent.
    public func end() {
        guard let screen else { return }
        self.screen = nil
        CrashHandler.uninstall()
        TTYWriter.write(options.mouse ? TerminalModes.allOff : TerminalModes.bracketedPasteOff)
        endwin()
        delscreen(screen)
        StderrCapture.end()
    }

    /// After SIGWINCH: reads the real size from the tty (ncurses' own SIGWINCH handler is not
    /// installed because SignalPipe's is) and resizes ncurses' screen to it.
    func applyResize() -> Size {
        guard screen != nil else { return size }
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0 {
            resize_term(Int32(window.ws_row), Int32(window.ws_col))
        }
        // The terminal may have reflowed or cleared what ncurses thinks is on screen: repaint all.
        clearok(cnc_curscr(), true)
        return size
    }
}
