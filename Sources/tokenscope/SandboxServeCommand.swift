import ArgumentParser
import Foundation
import TokenScopeSandbox

/// `tokenscope sandbox serve`: runs the sandbox until Ctrl-C (SIGINT) or SIGTERM.
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sandbox authority on 127.0.0.1 until Ctrl-C.",
        discussion: """
        Prints the base URL, the tenants, apps and users of the directory and where the demo \
        credentials are (their values: `tokenscope sandbox info`). Signing keys persist in the state \
        dir, so tokens minted before a restart still verify. With --tls it serves HTTPS with a local \
        CA (created once in <state-dir>/tls and reused) and prints how to make clients trust it; \
        Python msal and azure-identity accept only https authorities.

        Examples:
          tokenscope sandbox serve
          tokenscope sandbox serve --tls --port 8443
          tokenscope sandbox serve --port 0 --directory my-directory.yaml --state-dir /tmp/sandbox
        """
    )

    @Option(name: .long, help: "TCP port; 0 picks a free one (printed).")
    var port: Int = 8400

    @Option(name: .long, help: ArgumentHelp("Address to bind. Anything but loopback needs --allow-remote.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("allow-remote"), help: "Allow a non-loopback --host: anyone who can reach it can get tokens the sandbox signs.")
    var allowRemote = false

    @Flag(name: .long, help: "Serve HTTPS with a local CA (created in <state-dir>/tls, reused afterwards).")
    var tls = false

    @OptionGroup var state: SandboxStateOptions

    static let loopback = ["127.0.0.1", "::1", "localhost"]

    func run() async throws {
        guard (0...65535).contains(port) else { throw InputError("--port \(port) is not a TCP port (0-65535; 0 picks a free one)") }
        if !Self.loopback.contains(host) && !host.hasPrefix("127.") {
            guard allowRemote else {
                throw InputError("--host \(host) is not a loopback address: other machines could get tokens from the sandbox. Add --allow-remote if that is what you want")
            }
            printError("tokenscope: warning: serving on \(host): anyone who can reach it can get tokens the sandbox signs (the /_sandbox/ admin endpoints stay loopback-only); use it on trusted networks only")
            if tls { printError("tokenscope: warning: the TLS certificate covers only \(LocalCertificateAuthority.dnsNames + LocalCertificateAuthority.ipAddresses); clients using \(host) will reject it") }
        }
        let stateDir = try state.stateDirectory()
        if let running = stateDir.runningServer() {
            throw InputError("a sandbox already runs with this state dir at \(running.url) (pid \(running.pid)); stop it first, or use another --state-dir")
        }
        let (file, directory) = try state.loadDirectory(running: nil)
        let authority = try state.authority(stateDir, directory: directory)
        let material: TLSMaterial?
        do {
            material = tls ? try LocalCertificateAuthority.material(stateDirectory: stateDir.url) : nil
        } catch {
            throw InputError("cannot create the TLS certificates in \(stateDir.tlsFolder.path): \(error)")
        }
        let signals = SignalWaiter()
        let server: SandboxServer
        do {
            server = try await SandboxServer.start(authority, host: host, port: port, tls: material)
        } catch {
            throw InputError("cannot serve on \(host):\(port): \(error) (is the port in use? --port 0 picks a free one)")
        }
        let pid = getpid()
        try stateDir.writeServerRecord(ServerRecord(url: server.baseURL, pid: pid, directoryFile: file, caFile: material?.caFile))
        print(SandboxBanner.text(server: server, directory: directory, directoryFile: file, state: stateDir, tls: material), terminator: "")
        // stdout may be a pipe (a test, `| tee`): the URL must be visible now, not at exit.
        // fflush(nil) flushes every stream (naming `stdout` is not concurrency-safe in Swift 6).
        fflush(nil)

        let stopper = Task {
            let number = await signals.next()
            printError("tokenscope: \(number == SIGINT ? "interrupted" : "terminated"), stopping the sandbox")
            await server.stop()
        }
        defer { stateDir.removeServerRecord(pid: pid) }
        do {
            try await server.wait()
        } catch is CancellationError {
            // stop() cancels the server task: that is the normal way out.
        }
        stopper.cancel()
        print("Sandbox stopped.")
    }
}
