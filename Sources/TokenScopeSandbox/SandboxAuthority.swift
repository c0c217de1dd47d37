public import Foundation
import Synchronization
import TokenScopeCore

/// The sandbox's state and services: the directory, signing keys, registered client certificates,
/// outstanding codes and refresh tokens, the clock and the base URL it is reachable at. Grant
/// handlers and routes receive it; nothing else holds state.
public final class SandboxAuthority: Sendable {
    public let directory: SandboxDirectory
    public let keys: SigningKeyStore
    public let certificates: CertificateRegistry
    let grants = GrantStore()
    /// Consents recorded at sign-in and the scopes behind each refresh token.
    let sidecar = AuthoritySidecar()
    let clock: @Sendable () -> Int64
    private let base = Mutex<String>("http://127.0.0.1")
    public let stateDirectory: URL?

    /// - Parameters:
    ///   - stateDirectory: where keys and demo credentials persist; nil keeps everything in memory.
    ///   - clock: Unix seconds (tests pass a fixed clock).
    public init(directory: SandboxDirectory, stateDirectory: URL?, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws {
        self.directory = directory
        self.stateDirectory = stateDirectory
        self.keys = try SigningKeyStore(stateDirectory: stateDirectory)
        self.certificates = try CertificateRegistry(directory: directory, stateDirectory: stateDirectory)
        self.clock = clock
    }

    /// The demo directory, in memory.
    public static func demo(clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws -> SandboxAuthority {
        try SandboxAuthority(directory: DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>"), stateDirectory: nil, clock: clock)
    }

    /// `http://127.0.0.1:PORT` (or https), set once the server knows its port.
    public var baseURL: String {
        get { base.withLock { $0 } }
        set { base.withLock { $0 = newValue } }
    }

    var minter: TokenMinter { TokenMinter(keys: keys, baseURL: baseURL, directory: directory) }

    /// Resolves `{sandbox}` placeholders of the directory file (federation issuers).
    func resolve(_ text: String) -> String {
        text.replacingOccurrences(of: "{sandbox}", with: baseURL)
    }
}
