public import TokenScopeCore

/// Client assertions made by something else: a projected token file (workload identity) or a
/// command (a CI provider's OIDC token, a vault CLI). Both are read again for every token request,
/// because the token behind them rotates (the `AZURE_FEDERATED_TOKEN_FILE` convention).
public enum AssertionSources {
    /// The trimmed content of `path`, read on every fetch (`--client-assertion @FILE`).
    public static func file(_ path: String) -> ClientAssertionSource {
        ClientAssertionSource(origin: "file \(CredentialFile.display(path))") {
            let bytes = try CredentialFile.read(path, what: "client assertion file", field: "--client-assertion @FILE", idPrefix: "assertion")
            let text = String(decoding: bytes, as: UTF8.self).trimmedWhitespace
            guard !text.isEmpty else {
                throw ExchangeInputError("assertion-file-empty", field: "--client-assertion @FILE",
                                         "the client assertion file \(CredentialFile.display(path)) is empty.",
                                         fix: "Check that the token is projected into it (AZURE_FEDERATED_TOKEN_FILE names the file the workload identity webhook writes).")
            }
            return text
        }
    }

    /// The trimmed standard output of `/bin/sh -c command`, run on every fetch
    /// (`--client-assertion-cmd`). The origin names only the program: the rest of the command
    /// line may carry a secret.
    public static func command(_ command: String, timeoutSeconds: Double = 30) -> ClientAssertionSource {
        let program = programName(command)
        return ClientAssertionSource(origin: "command \(program)") {
            try await CommandRunner.run(command, program: program, timeoutSeconds: timeoutSeconds)
        }
    }

    /// The first word that is not a `NAME=value` assignment (`TOKEN=… gh auth token` → `gh`).
    static func programName(_ command: String) -> String {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        let word = words.first(where: { !$0.contains("=") }).map(String.init) ?? "sh"
        return TerminalSafe.escape(word)
    }
}
