import Foundation
import Glibc

/// Runs a program with `posix_spawn` and a clean signal state, and collects its exit status and output.
///
/// Why not `Foundation.Process`: on Linux it leaves signals blocked in the child, and a tmux server
/// started that way passes the mask on to every pane (SIGWINCH, SIGINT, SIGTERM … blocked, so resize
/// and `kill` are silently ignored); and `waitUntilExit()` on `tmux new-session -d` returns only when the
/// daemonised server exits. See docs in Tests/TokenScopeCLITests/TUI/README.md and
/// tui-architecture.md §B.8.
///
/// The child gets: an empty signal mask, default dispositions for the usual terminal signals, a process
/// group of its own, stdin from /dev/null, stdout and stderr in unlinked temporary files (never pipes: a
/// daemonising tmux server would inherit the write end and keep it open) and no other inherited
/// descriptors.
enum Spawn {
    struct Output: Sendable {
        /// The exit code, or 128 + the signal number when a signal ended the program.
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Signals reset to their default action in the child (an ignored SIGPIPE or SIGINT would survive exec).
    static let defaultedSignals: [Int32] = [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD]

    /// Runs `executable` (an absolute path: no PATH search) with `arguments` (argv[1...]) and exactly
    /// `environment`, blocking the calling thread until it exits.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Output {
        let out = try unlinkedTemporaryFile()
        defer { close(out) }
        let err = try unlinkedTemporaryFile()
        defer { close(err) }

        var actions = posix_spawn_file_actions_t()
        try check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        try check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "addopen /dev/null")
        try check(posix_spawn_file_actions_adddup2(&actions, out, 1), "adddup2 stdout")
        try check(posix_spawn_file_actions_adddup2(&actions, err, 2), "adddup2 stderr")
        // Nothing else of the test process leaks into the child (and from there into a tmux server that
        // outlives this call): `swift test`'s pipes, sockets of in-process servers, …
        if let addCloseFrom = addCloseFrom { try check(addCloseFrom(&actions, 3), "addclosefrom_np") }

        var attributes = posix_spawnattr_t()
        try check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        try check(posix_spawnattr_setsigmask(&attributes, &empty), "setsigmask")
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultedSignals { sigaddset(&defaults, signal) }
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults), "setsigdefault")
        try check(posix_spawnattr_setpgroup(&attributes, 0), "setpgroup")
        let flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)
        try check(posix_spawnattr_setflags(&attributes, flags), "setflags")

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "posix_spawn \(executable): \(String(cString: strerror(spawned)))")
        }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid \(pid): \(String(cString: strerror(errno)))") }
        }
        return Output(status: decode(waitStatus: status), stdout: try readAll(out), stderr: try readAll(err))
    }

    /// `run` on a thread of its own, so a waiting test doesn't hold one of the (few) threads of the
    /// concurrency pool that other tests and in-process servers need.
    static func runDetached(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> Output {
        try await offPool { try run(executable, arguments, environment: environment) }
    }

    /// Runs blocking `work` on a new thread and resumes with its result.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// WIFEXITED / WEXITSTATUS / WTERMSIG (macros Swift doesn't import).
    static func decode(waitStatus status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), looked up at run time: Swift's Glibc
    /// module doesn't import GNU extensions.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    private static func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw Failure(description: "\(what): \(String(cString: strerror(result)))") }
    }

    /// A read-write file that no longer has a name (nothing to clean up), close-on-exec in this process
    /// (set atomically: another thread may be spawning); `adddup2` gives the child a copy without the flag.
    private static func unlinkedTemporaryFile() throws -> Int32 {
        let path = "\(shortTemporaryBase())/tokenscope-spawn-\(UUID().uuidString)"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "open \(path): \(String(cString: strerror(errno)))") }
        unlink(path)
        return fd
    }

    private static func readAll(_ fd: Int32) throws -> String {
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw Failure(description: "lseek: \(String(cString: strerror(errno)))") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw Failure(description: "read: \(String(cString: strerror(errno)))")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `$TMPDIR` when it is short enough to hold a Unix socket path (< 108 bytes with room to spare),
    /// else /tmp.
    static func shortTemporaryBase() -> String {
        var base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base.utf8.count <= 60 && FileManager.default.fileExists(atPath: base) ? base : "/tmp"
    }
}
