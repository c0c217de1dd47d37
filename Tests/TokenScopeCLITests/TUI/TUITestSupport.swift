import Foundation
import Glibc
import Testing

/// What TUI end-to-end tests need from the machine, and how to skip cleanly without it.
///
///     @Suite("explorer, under tmux", .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
enum TUITestSupport {
    static let tmuxPath = "/usr/bin/tmux"

    /// tmux is installed where the harness looks for it. CI installs it (.ci/run); locally `apt-get install tmux`.
    static let tmuxAvailable: Bool = FileManager.default.isExecutableFile(atPath: tmuxPath)

    static let tmuxMissing: Comment = "tmux not found at /usr/bin/tmux: TUI end-to-end tests skipped (CI installs it in .ci/run; locally: apt-get install tmux)"

    /// The `tokenscope` binary built beside the test bundle (what the TUI tests run).
    static var tokenscope: String { CLIRunner.binary.path }

    /// The real python3 executable (not a pyenv shim, which needs the user's HOME), for stand-in
    /// programs; nil when there is none.
    static let python3: String? = {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let found = path.split(separator: ":").map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
              let output = try? Spawn.run(found, ["-c", "import sys; print(sys.executable)"], environment: environment),
              output.status == 0 else { return nil }
        let executable = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
    }()

    static let python3Missing: Comment = "python3 not found: the harness's stand-in programs need it"
}
