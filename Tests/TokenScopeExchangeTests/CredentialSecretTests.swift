import Foundation
import Testing
import TokenScopeCore
import TokenScopeCredentials

@Suite struct CredentialSecretTests {
    @Test func anEnvironmentVariableGivesTheSecret() throws {
        let secret = try SecretLoader.fromEnvironment("MY_SECRET", environment: ["MY_SECRET": " s3cr3t~value "])
        // Kept exactly: spaces may be part of a secret.
        #expect(secret.value == " s3cr3t~value ")
        #expect("\(secret)" == "«secret»")
    }

    @Test func aMissingOrEmptyVariableIsNamed() {
        let missing = #expect(throws: ExchangeInputError.self) { try SecretLoader.fromEnvironment("MY_SECRET", environment: [:]) }
        #expect(missing?.id == "secret-env-missing")
        #expect(missing?.field == "--secret-env")
        #expect(missing?.message == "the environment variable MY_SECRET is not set.")
        let empty = #expect(throws: ExchangeInputError.self) { try SecretLoader.fromEnvironment("MY_SECRET", environment: ["MY_SECRET": ""]) }
        #expect(empty?.id == "secret-env-empty")
        #expect(empty?.message.contains("MY_SECRET") == true)
    }

    @Test func aValuePassedAsTheVariableNameIsNotEchoed() {
        let pasted = "Abc8Q~x.y_zSECRETVALUE"
        let error = #expect(throws: ExchangeInputError.self) { try SecretLoader.fromEnvironment(pasted, environment: [:]) }
        #expect(error?.id == "secret-env-name-invalid")
        #expect(error?.message.contains(pasted) == false)
        #expect(error?.fix.contains(pasted) == false)
    }

    @Test(arguments: [("secret\n", "secret"), ("secret\r\n", "secret"), ("secret", "secret"), ("secret\n\n", "secret\n"),
                      ("  spaced secret \n", "  spaced secret ")])
    func aFileLosesOneTrailingLineBreak(_ content: String, _ expected: String) throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("secret.txt", content)
        let (secret, warnings) = try SecretLoader.fromFile(path)
        #expect(secret.value == expected)
        #expect(warnings == [])
    }

    @Test func anEmptyFileIsAnError() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        for content in ["", "\n", "\r\n"] {
            let path = try temp.write("secret.txt", content)
            let error = #expect(throws: ExchangeInputError.self) { try SecretLoader.fromFile(path) }
            #expect(error?.id == "secret-file-empty")
            #expect(error?.message.contains(path) == true)
        }
    }

    @Test func aMissingFileIsAnError() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let error = #expect(throws: ExchangeInputError.self) { try SecretLoader.fromFile(temp.path("nope")) }
        #expect(error?.id == "secret-file-missing")
        #expect(error?.field == "--secret-file")
    }

    @Test func aFileReadableByOthersIsAWarning() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("secret.txt", "value\n", mode: 0o644)
        let (secret, warnings) = try SecretLoader.fromFile(path)
        #expect(secret.value == "value")
        #expect(warnings == ["the secret file \(path) is readable by other users (mode 0644); chmod 600 it."])
    }

    @Test func aPipeCanBeTheSecretFile() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let fifo = temp.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        // `--secret-file <(pass show x)`: the writer is another process, as with process substitution.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf 'piped-secret\\n' > \"$0\"", fifo]
        try writer.run()
        let (secret, warnings) = try SecretLoader.fromFile(fifo)
        writer.waitUntilExit()
        #expect(secret.value == "piped-secret")
        #expect(warnings == [])
    }

    @Test func aSymbolicLinkIsJudgedByItsTarget() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let target = try temp.write("secret.txt", "value", mode: 0o600)
        try FileManager.default.createSymbolicLink(atPath: temp.path("link"), withDestinationPath: target)
        let (_, warnings) = try SecretLoader.fromFile(temp.path("link"))
        #expect(warnings == [])
    }

    /// Runs only without a controlling terminal (CI, `swift test` in a pipe): with one, the test
    /// would wait for typing.
    @Test(.enabled(if: !CredentialSecretTests.hasTerminal))
    func withoutATerminalThePromptSaysWhatToUseInstead() {
        let error = #expect(throws: ExchangeInputError.self) { try SecretLoader.prompt("Client secret") }
        #expect(error?.id == "no-terminal")
        #expect(error?.message == "no terminal to prompt on; use --secret-env or --secret-file.")
    }

    static var hasTerminal: Bool {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }
}
