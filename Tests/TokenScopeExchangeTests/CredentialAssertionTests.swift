import Foundation
import Testing
import TokenScopeCore
import TokenScopeCredentials

@Suite struct CredentialAssertionTests {
    @Test func aFileIsReadAgainOnEveryFetch() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("token", "first.jwt.value\n")
        let source = AssertionSources.file(path)
        #expect(source.origin == "file \(path)")
        #expect(try await source.fetch() == "first.jwt.value")
        try temp.write("token", "second.jwt.value")
        #expect(try await source.fetch() == "second.jwt.value")
    }

    @Test func aMissingOrEmptyFileFailsAtFetchTime() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let source = AssertionSources.file(temp.path("token"))
        let missing = await #expect(throws: ExchangeInputError.self) { try await source.fetch() }
        #expect(missing?.id == "assertion-file-missing")
        try temp.write("token", "  \n")
        let empty = await #expect(throws: ExchangeInputError.self) { try await source.fetch() }
        #expect(empty?.id == "assertion-file-empty")
    }

    @Test func aCommandsOutputIsTheAssertion() async throws {
        let source = AssertionSources.command("printf '  header.payload.sig\\n'")
        #expect(source.origin == "command printf")
        #expect(try await source.fetch() == "header.payload.sig")
    }

    @Test func theOriginNeverShowsTheRestOfTheCommand() {
        let source = AssertionSources.command("VAULT_TOKEN=hunter2 vault read -field=token secret/x")
        #expect(source.origin == "command vault")
    }

    @Test func aFailingCommandReportsItsStatusAndFirstErrorLine() async {
        let source = AssertionSources.command("echo 'not logged in' >&2; echo 'second line' >&2; exit 3")
        let error = await #expect(throws: ExchangeInputError.self) { try await source.fetch() }
        #expect(error?.id == "assertion-command-failed")
        #expect(error?.message == "the command echo exited with status 3: not logged in.")
    }

    @Test func errorTextIsMadeTerminalSafe() async {
        let source = AssertionSources.command("printf 'bad \\033[31mred\\n' >&2; exit 1")
        let error = await #expect(throws: ExchangeInputError.self) { try await source.fetch() }
        #expect(error?.message.contains("\u{1B}") == false)
        #expect(error?.message.contains("\\e[31mred") == true)
    }

    @Test func aSlowCommandIsStoppedAtTheTimeout() async {
        // `sh -c "sleep 600; …"` keeps a child `sleep` holding the pipes: the timeout must kill the
        // shell's whole process group, or the fetch would last ten minutes. The bound is far from
        // both: in the full parallel suite, tests that block the concurrency pool's (two) threads
        // can delay this task's resumption by a minute or more on their own.
        let source = AssertionSources.command("sleep 600; echo late", timeoutSeconds: 0.5)
        let start = Date()
        let error = await #expect(throws: ExchangeInputError.self) { try await source.fetch() }
        #expect(error?.id == "assertion-command-timeout")
        #expect(error?.message == "the command sleep did not finish within 0.5 s; it was stopped.")
        #expect(Date().timeIntervalSince(start) < 300)
    }

    @Test func aBackgroundedChildDoesNotHoldTheResult() async throws {
        // The command prints the token and exits, but leaves a child that inherited stdout.
        let source = AssertionSources.command("(sleep 600 &) ; echo eyJ.token.sig", timeoutSeconds: 10)
        let start = Date()
        #expect(try await source.fetch() == "eyJ.token.sig")
        #expect(Date().timeIntervalSince(start) < 300)   // not the child's 600 s (see above for the margin)
    }

    @Test func aCommandPrintingNothingIsAnError() async {
        let error = await #expect(throws: ExchangeInputError.self) { try await AssertionSources.command("true").fetch() }
        #expect(error?.id == "assertion-command-empty")
    }
}
