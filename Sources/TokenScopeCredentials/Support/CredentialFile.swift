import Foundation
import TokenScopeCore
// `stat` and `S_IFMT` come from the C library; release builds (with MemberImportVisibility)
// insist on the defining modules being imported explicitly.
#if canImport(Glibc)
import Glibc
import CoreFoundation
#endif

/// Reading a file that holds credential material: precise errors for a missing or unreadable file,
/// and the permission check shared by keys, secrets, bundles and profiles.
enum CredentialFile {
    /// `~/x` → `$HOME/x`. Only a leading `~/` (or a bare `~`): `~user/` is not expanded, as a shell
    /// would, because profiles are read without a shell.
    static func expandTilde(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// The bytes of `path`. `what` names the file in messages ("certificate file", "key file").
    static func read(_ path: String, what: String, field: String, idPrefix: String) throws(ExchangeInputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ExchangeInputError("\(idPrefix)-file-missing", field: field, "the \(what) \(display(path)) does not exist.",
                                     fix: "Check the path (relative paths are taken from the current directory).")
        }
        guard !isDirectory.boolValue else {
            throw ExchangeInputError("\(idPrefix)-file-unreadable", field: field, "the \(what) \(display(path)) is a directory.",
                                     fix: "Pass the path of the file itself.")
        }
        // FileHandle rather than FileManager.contents: the latter returns nil for pipes, and
        // `--secret-file <(pass show x)` or /dev/stdin are good ways to pass a secret.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ExchangeInputError("\(idPrefix)-file-unreadable", field: field, "the \(what) \(display(path)) cannot be read.",
                                     fix: "Check that your user may read it (ls -l \(display(path))).")
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            data = try handle.read(upToCount: maximumSize + 1)
        } catch {
            throw ExchangeInputError("\(idPrefix)-file-unreadable", field: field, "the \(what) \(display(path)) cannot be read.",
                                     fix: "Check that your user may read it (ls -l \(display(path))).")
        }
        let bytes = data.map(Array.init) ?? []
        guard bytes.count <= maximumSize else {
            throw ExchangeInputError("\(idPrefix)-file-unreadable", field: field, "the \(what) \(display(path)) is larger than 1 MiB; it is not a credential file.",
                                     fix: "Check the path.")
        }
        return bytes
    }

    /// Credentials are a few kilobytes; the limit keeps `/dev/zero` or a wrong path from filling memory.
    static let maximumSize = 1 << 20

    /// The permission bits (`0o644`) of a regular file, following symbolic links (a link's own
    /// mode is always 0777), or nil for pipes, devices and files that cannot be stat'ed: those are
    /// not credentials at rest.
    static func mode(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_mode & 0o7777)
    }

    /// The warning for a file that group or others may read or write (its key material is then
    /// not private to its owner), or nil. Not an error: the token request still works, and
    /// shared CI runners often have no choice; the user should still hear about it.
    static func permissionWarning(_ path: String, what: String) -> String? {
        guard let mode = mode(path), mode & 0o077 != 0 else { return nil }
        return "the \(what) \(display(path)) is readable by other users (mode \(octal(mode))); chmod 600 it."
    }

    static func octal(_ mode: Int) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A path as shown in messages: terminal-safe (a file name can contain escape sequences).
    static func display(_ path: String) -> String {
        TerminalSafe.escape(path)
    }
}
