import Foundation
import TokenScopeCore

/// Reads the text to inspect from exactly one place: an argument, `-` (stdin), a file or an
/// environment variable; refuses more than 1 MiB before reading it all into memory.
enum InputReader {
    static let limit = TokenExtractor.maxInputBytes

    static func read(argument: String?, file: String?, env: String?, stdinIsTerminal: Bool) throws -> String {
        let given = [argument != nil, file != nil, env != nil].filter { $0 }.count
        guard given <= 1 else { throw InputError("give the token in one way only: as an argument, `-` for stdin, --file or --env") }
        if let env {
            guard let value = ProcessInfo.processInfo.environment[env] else {
                throw InputError("environment variable \(env) is not set")
            }
            return try checked(Array(value.utf8), from: "$\(env)")
        }
        if let file { return try readFile(file) }
        if let argument, argument != "-" { return try checked(Array(argument.utf8), from: "the argument") }
        if argument == nil, stdinIsTerminal {
            throw InputError("no token given: pass it as an argument, `-` to read stdin, --file F or --env VAR (see --help)")
        }
        return try readStream(FileHandle.standardInput, name: "stdin")
    }

    static func readFile(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw InputError(isDirectory.boolValue ? "\(path) is a directory, not a file" : "cannot read \(path): permission denied")
            }
            throw InputError("no such file: \(path)")
        }
        defer { try? handle.close() }
        return try readStream(handle, name: path)
    }

    private static func readStream(_ handle: FileHandle, name: String) throws -> String {
        var data = Data()
        while data.count <= limit {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 64 * 1024) ?? Data()
            } catch {
                throw InputError("cannot read \(name): \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        return try checked(Array(data), from: name)
    }

    private static func checked(_ bytes: [UInt8], from name: String) throws -> String {
        guard bytes.count <= limit else {
            throw InputError("\(name) holds more than 1 MiB; TokenScope reads at most \(limit) bytes. Paste only the token or the token response")
        }
        // Invalid UTF-8 is repaired (U+FFFD) rather than refused: the token itself is ASCII.
        return String(decoding: bytes, as: UTF8.self)
    }
}
