import ArgumentParser
import Foundation
import TokenScopeSandbox

/// `--state-dir` and `--directory`, shared by the sandbox subcommands, and how they resolve: the
/// state dir defaults to the XDG location; the directory to the file the running sandbox serves,
/// else the built-in demo, so `info` and `mint` describe what `serve` is serving.
struct SandboxStateOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Where keys, demo credentials and TLS files live (default: $XDG_STATE_HOME/tokenscope/sandbox or ~/.local/state/tokenscope/sandbox).", valueName: "dir"))
    var stateDir: String?

    @Option(name: .long, help: ArgumentHelp("A directory YAML file (default: the built-in demo; info and mint use the running sandbox's).", valueName: "file"))
    var directory: String?

    /// The state dir, created with mode 0700.
    func stateDirectory() throws -> StateDirectory {
        let url = stateDir.map { URL(fileURLWithPath: $0) } ?? StateDirectory.defaultURL(environment: ProcessInfo.processInfo.environment)
        do {
            return try StateDirectory(url)
        } catch let error as StateDirectoryError {
            throw InputError("--state-dir: \(error.message)")
        } catch {
            throw InputError("cannot create the state dir \(url.path): \(error.localizedDescription)")
        }
    }

    /// The directory file to use and the directory in it (`nil` file: the demo).
    func loadDirectory(running: ServerRecord?) throws -> (file: String?, directory: SandboxDirectory) {
        guard let path = directory ?? running?.directoryFile else {
            return (nil, try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>"))
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let text = try InputReader.readFile(path)
        do {
            return (absolute, try DirectoryLoader.load(yaml: text, file: path))
        } catch {
            // file:line: key: message, as DirectoryError describes itself.
            throw InputError(error.description)
        }
    }

    /// The authority over that directory and state dir: keys and demo certificates are loaded
    /// from the state dir (or created there on first use).
    func authority(_ state: StateDirectory, directory: SandboxDirectory) throws -> SandboxAuthority {
        do {
            return try SandboxAuthority(directory: directory, stateDirectory: state.url)
        } catch let error as DirectoryError {
            throw InputError(error.description)
        } catch {
            throw InputError("cannot load the sandbox's keys from \(state.url.path): \(error)")
        }
    }
}

/// Writes to stderr (warnings must not mix with tokens or JSON on stdout).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
