import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `/bin/sh -c COMMAND` started with posix_spawn: in a process group of its own (so a timeout can
/// kill everything it started), with an empty signal mask and default signal actions (inherited
/// blocked or ignored signals would survive exec), stdin from /dev/null, stdout and stderr on pipes
/// this process reads, and no other descriptor of ours.
///
/// Why not Foundation's `Process`: on Linux its child did not get a group of its own, so a killed
/// `sh` left its `sleep` holding the pipes for as long as it slept.
final class SpawnedShell {
    let pid: pid_t
    let stdout: Int32
    let stderr: Int32
    private var reaped = false

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(_ command: String) throws {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // Our read ends must not leak into children spawned concurrently on other threads.
        _ = fcntl(outPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(errPipe[0], F_SETFD, FD_CLOEXEC)
        defer { close(outPipe[1]); close(errPipe[1]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environment)
        guard result == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw Failure(description: "posix_spawn /bin/sh: \(String(cString: strerror(result)))")
        }
        self.pid = pid
        stdout = outPipe[0]
        stderr = errPipe[0]
    }

    /// The exit status (128 + N for signal N) once the shell has ended; nil while it runs.
    func reap(blocking: Bool = false) -> Int32? {
        guard !reaped else { return nil }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == -1, errno == EINTR { continue }
            guard result == pid else { return nil }
            reaped = true
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }

    /// SIGKILL to the shell's whole process group (the shell and everything it started).
    func killGroup() {
        kill(-pid, SIGKILL)
    }

    func closePipes() {
        close(stdout)
        close(stderr)
    }

    deinit {
        if !reaped { killGroup(); _ = reap(blocking: true) }
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), looked up at run time: Swift's
    /// Glibc module does not import GNU extensions. Without it, descriptors marked close-on-exec
    /// still close; others would leak to the command.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }
}
