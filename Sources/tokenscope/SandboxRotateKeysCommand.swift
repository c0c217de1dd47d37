import ArgumentParser
import Foundation
import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// `tokenscope sandbox rotate-keys`: a new signing key; the previous one stays in the JWKS until
/// the next rotation, as during Entra's overlap. A running sandbox holds its keys in memory, so it
/// is asked to rotate (loopback admin endpoint) and stores the key itself; otherwise the key is
/// added to the state dir directly.
struct SandboxRotateKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-keys",
        abstract: "Add a new signing key (the previous one stays published during the overlap).",
        discussion: """
        Examples:
          tokenscope sandbox rotate-keys
          tokenscope sandbox rotate-keys --state-dir /tmp/sandbox
        """
    )

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The sandbox's state dir (default: the XDG location).", valueName: "dir"))
    var stateDir: String?

    func run() async throws {
        let state = try SandboxStateOptions.parse(stateDir.map { ["--state-dir", $0] } ?? []).stateDirectory()
        if let running = state.runningServer() {
            let (kid, published) = try await rotateRunning(running)
            print("New signing key \(kid) (sandbox at \(running.url)); published keys: \(published.joined(separator: ", "))")
            return
        }
        do {
            let store = try SigningKeyStore(stateDirectory: state.url)
            let key = try store.rotate()
            print("New signing key \(key.kid) in \(state.url.path)/keys; published keys: \(store.published.map(\.kid).joined(separator: ", "))")
        } catch {
            throw InputError("cannot rotate the keys in \(state.url.path)/keys: \(error)")
        }
    }

    private func rotateRunning(_ running: ServerRecord) async throws -> (String, [String]) {
        let transport: AsyncHTTPTransport
        if let caFile = running.caFile {
            transport = try AsyncHTTPTransport(additionalTrustRootsPEM: try InputReader.readFile(caFile))
        } else {
            transport = AsyncHTTPTransport()
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "POST", url: running.url + "/_sandbox/keys/rotate"))
            // AsyncHTTPClient must be shut down before it is released.
            await transport.shutdown()
        } catch {
            await transport.shutdown()
            throw InputError("the sandbox at \(running.url) did not answer: \(error)")
        }
        guard response.status == 200, let body = try? JSONParser.parse(response.body), let kid = body["kid"]?.stringValue else {
            throw InputError("the sandbox at \(running.url) refused to rotate its keys (HTTP \(response.status)): \(String(decoding: response.body, as: UTF8.self))")
        }
        return (kid, body["published"]?.stringArray ?? [])
    }
}
