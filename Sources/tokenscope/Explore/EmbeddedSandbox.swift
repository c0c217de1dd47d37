import Explorer
import Foundation
import Synchronization
import TokenScopeSandbox

/// The explorer's in-process sandbox, started in the background after the first frame (start-up
/// loads keys and mints the samples' tokens: the screen should not wait for that).
final class EmbeddedSandbox: Sendable {
    private let server = Mutex<SandboxServer?>(nil)
    let stateDirectory: String?
    let environment: [String: String]

    init(stateDirectory: String?, environment: [String: String]) {
        self.stateDirectory = stateDirectory
        self.environment = environment
    }

    /// The base URL once it runs (the job runner allows its loopback authority).
    var baseURL: String? { server.withLock { $0?.baseURL } }

    /// Starts it and answers with the message the explorer needs (samples and the default form).
    func start() async -> Msg {
        do {
            let url = stateDirectory.map { URL(fileURLWithPath: $0) } ?? StateDirectory.defaultURL(environment: environment)
            let stateDir: StateDirectory
            do {
                stateDir = try StateDirectory(url)
            } catch {
                return .sandboxFailed(message: "cannot use the state dir \(url.path): \(error) (pick another with --state-dir)")
            }
            let directory = try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>")
            let authority = try SandboxAuthority(directory: directory, stateDirectory: stateDir.url)
            let started = try await SandboxServer.start(authority, port: 0)
            server.withLock { $0 = started }
            let info = SandboxInfo(directory: directory, certificates: authority.certificates.all, server: nil, stateDirectory: stateDir.url.path,
                                   caFile: nil, directoryFile: nil, baseURLForPlaceholders: started.baseURL)
            let presets = SandboxPresets.make(authority: authority, info: info, baseURL: started.baseURL, now: Int64(Date().timeIntervalSince1970))
            let form = presets.first?.form ?? ExchangeForm(values: [.authority: started.baseURL])
            return .sandboxStarted(baseURL: started.baseURL, form: form, presets: presets)
        } catch {
            return .sandboxFailed(message: "\(error)")
        }
    }

    func stop() async {
        let running = server.withLock { current -> SandboxServer? in
            defer { current = nil }
            return current
        }
        await running?.stop()
    }
}
