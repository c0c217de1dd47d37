import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a URL in the user's browser, as a convenience only: the URL is always printed too, so
/// nothing depends on this working. `xdg-open` on Linux (only with a graphical session:
/// `DISPLAY` or `WAYLAND_DISPLAY`), `open` on macOS. The helper is spawned directly (no shell),
/// in its own session, with stdin/stdout/stderr on /dev/null, and reaped in the background.
enum BrowserOpener {
    /// Whether trying makes sense here: a desktop session on Linux, always on macOS.
    static func canOpen(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        #if os(macOS)
        return true
        #elseif os(Linux)
        let display = environment["DISPLAY"].map { !$0.isEmpty } ?? false
        let wayland = environment["WAYLAND_DISPLAY"].map { !$0.isEmpty } ?? false
        return display || wayland
        #else
        return false
        #endif
    }

    /// Starts the opener for an `http(s)` URL. True when the opener started (not a promise that
    /// a browser showed the page); false when it was not tried or could not start.
    @discardableResult
    static func open(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let lower = url.lowercased()
        // Only web URLs, and never something an opener could take for an option or a file.
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              !url.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else { return false }
        guard canOpen(environment: environment) else { return false }
        #if os(macOS)
        let tool = "open"
        #else
        let tool = "xdg-open"
        #endif
        return spawn([tool, url])
    }

    private static func spawn(_ arguments: [String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { return false }
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawnattr_init(&attributes) == 0 else { return false }
        defer { posix_spawnattr_destroy(&attributes) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // Its own session: Ctrl-C in the terminal does not reach the browser it starts.
        // (POSIX_SPAWN_SETSID: 0x80 in glibc and musl, 0x400 on macOS; Glibc does not export the macro.)
        #if os(Linux)
        posix_spawnattr_setflags(&attributes, 0x80)
        #elseif os(macOS)
        posix_spawnattr_setflags(&attributes, 0x400)
        #endif

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard status == 0 else { return false }
        let child = pid
        // Reap the helper off the cooperative pool (it exits quickly once the browser has the URL).
        DispatchQueue.global(qos: .utility).async {
            var exitStatus: Int32 = 0
            _ = waitpid(child, &exitStatus, 0)
        }
        return true
    }
}
