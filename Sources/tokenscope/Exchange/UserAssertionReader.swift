import Foundation
import TokenScopeCore

/// Reads OBO's user assertion from `--user-assertion TOKEN|-|@FILE`: pasted text is messy, so the
/// token is extracted as `decode` does; from a token response, the `access_token` is taken.
enum UserAssertionReader {
    static func read(_ value: String) throws -> String {
        let text: String
        if value == "-" {
            text = try InputReader.read(argument: "-", file: nil, env: nil, stdinIsTerminal: isatty(STDIN_FILENO) == 1)
        } else if value.hasPrefix("@") {
            text = try InputReader.readFile(String(value.dropFirst()))
        } else {
            text = value
        }
        let tokens: [ExtractedToken]
        do {
            tokens = try TokenExtractor.extract(from: text)
        } catch {
            throw InputError("--user-assertion: \(error.description)")
        }
        guard let token = tokens.first(where: { $0.source == .field("access_token") }) ?? tokens.first else {
            throw InputError("--user-assertion holds no token: pass the access token your API received (Authorization: Bearer …)")
        }
        return token.text
    }
}

/// Reads a secret-bearing file (a refresh token): trimmed, not empty, and a warning when other
/// users can read it.
enum SecretFileReader {
    static func read(_ path: String, what: String, flag: String) throws -> (String, [String]) {
        let text = try InputReader.readFile(path).trimmedWhitespace
        guard !text.isEmpty else { throw InputError("\(flag) \(path) is empty: it should hold the \(what)") }
        var warnings: [String] = []
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            warnings.append("\(path) holds a \(what) and is readable by other users (mode \(String(mode & 0o777, radix: 8))); chmod 600 it.")
        }
        return (text, warnings)
    }
}
