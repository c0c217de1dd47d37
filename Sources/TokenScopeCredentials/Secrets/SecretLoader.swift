import Foundation
public import TokenScopeCore

/// Where a client secret comes from: never the command line itself (it would sit in the shell
/// history and in `ps`), but an environment variable, a file, or a hidden prompt.
public enum SecretLoader {
    /// The value of the variable `name` (`--secret-env NAME`).
    public static func fromEnvironment(_ name: String, environment: [String: String]) throws(ExchangeInputError) -> Secret {
        guard isVariableName(name) else {
            // Not echoed: a value that is not a variable name may be the secret itself, pasted
            // where the name was expected.
            throw ExchangeInputError("secret-env-name-invalid", field: "--secret-env",
                                     "expects the name of an environment variable (letters, digits and _), not a value.",
                                     fix: "Put the secret in a variable (read -rs MY_SECRET; export MY_SECRET) and pass --secret-env MY_SECRET.")
        }
        guard let value = environment[name] else {
            throw ExchangeInputError("secret-env-missing", field: "--secret-env",
                                     "the environment variable \(name) is not set.",
                                     fix: "Export it in this shell (export \(name)=…), or pass --secret-file (or run in a terminal to be prompted).")
        }
        guard !value.isEmpty else {
            throw ExchangeInputError("secret-env-empty", field: "--secret-env",
                                     "the environment variable \(name) is empty.",
                                     fix: "Set it to the client secret's value (not its ID) from the app registration's Certificates & secrets page.")
        }
        return Secret(value)
    }

    /// The content of `path` (`--secret-file`), without one trailing line break (LF or CRLF),
    /// which editors and `echo` add. Other whitespace is kept: it may be part of the secret.
    public static func fromFile(_ path: String) throws(ExchangeInputError) -> (Secret, warnings: [String]) {
        var bytes = try CredentialFile.read(path, what: "secret file", field: "--secret-file", idPrefix: "secret")
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        let shown = CredentialFile.display(path)
        guard !bytes.isEmpty else {
            throw ExchangeInputError("secret-file-empty", field: "--secret-file", "the secret file \(shown) is empty.",
                                     fix: "Write the client secret's value into it (printf '%s' \"$SECRET\" > \(shown)).")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw ExchangeInputError("secret-file-not-text", field: "--secret-file", "the secret file \(shown) is not UTF-8 text.",
                                     fix: "Client secrets are text; check that the file holds the secret's value and nothing else.")
        }
        let warnings = CredentialFile.permissionWarning(path, what: "secret file").map { [$0] } ?? []
        return (Secret(text), warnings)
    }

    /// Asks on the controlling terminal with echo off (the interactive prompt). Reads `/dev/tty`, not
    /// stdin, so a token piped into stdin is not mistaken for the secret.
    public static func prompt(_ label: String) throws(ExchangeInputError) -> Secret {
        let entered: String?
        do {
            entered = try TerminalPrompt.readHidden(label)
        } catch {
            throw ExchangeInputError("no-terminal", field: "client secret prompt",
                                     "no terminal to prompt on; use --secret-env or --secret-file.",
                                     fix: "In scripts and CI, pass the secret through --secret-env VAR or --secret-file PATH.")
        }
        guard let entered, !entered.isEmpty else {
            throw ExchangeInputError("secret-prompt-empty", field: "client secret prompt", "nothing was entered.",
                                     fix: "Paste the client secret's value at the prompt (it is not shown while you type).")
        }
        return Secret(entered)
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }
    }
}
