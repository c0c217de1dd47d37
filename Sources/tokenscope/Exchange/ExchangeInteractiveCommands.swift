import ArgumentParser
import Foundation
import TokenScopeCore
import TokenScopeHTTP

/// `exchange auth-code`: build the authorize URL (PKCE S256, state, nonce), let the user sign in
/// in a browser, receive the redirect on a one-shot loopback listener (or take a pasted redirect
/// URL or code), and redeem the code with the same redirect URI and verifier.
struct ExchangeAuthCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth-code",
        abstract: "Authorization code + PKCE: sign in in a browser, then redeem the code.",
        discussion: """
        By default TokenScope listens once on http://localhost:<random port>/ (127.0.0.1 only) and \
        uses that as the redirect URI; register http://localhost for the app (Entra ignores the \
        port). With --redirect-uri naming another address, or with --paste, you paste the URL the \
        browser ends on (or just the code) instead. The browser is opened with xdg-open when one is \
        available; --no-browser only prints the URL.
        """)

    @OptionGroup var options: ExchangeOptions

    @Option(name: .customLong("redirect-uri"), help: ArgumentHelp("The redirect URI (default: a loopback listener on http://localhost:<port>/).", valueName: "uri"))
    var redirectURI: String?

    @Option(name: .customLong("login-hint"), help: ArgumentHelp("Pre-fill the user name (UPN) at sign-in.", valueName: "upn"))
    var loginHint: String?

    @Option(name: .long, help: ArgumentHelp("Prompt behaviour: login, none, consent or select_account.", valueName: "prompt"))
    var prompt: String?

    @Flag(name: .customLong("no-browser"), help: "Do not open a browser; print the sign-in URL only.")
    var noBrowser = false

    @Flag(name: .long, help: "Paste the redirect URL (or code) on stdin instead of listening for it.")
    var paste = false

    @Option(name: .customLong("wait"), help: ArgumentHelp("Seconds to wait for the sign-in (default 300).", valueName: "seconds"))
    var waitSeconds: Double = 300

    func run() async throws {
        if let prompt, !["login", "none", "consent", "select_account"].contains(prompt) {
            throw InputError("--prompt `\(prompt)` is not one of login, none, consent, select_account")
        }
        let runner = ExchangeRunner(options: options, flow: .authorizationCode)
        let prepared = try await runner.prepare(defaultTenant: nil)
        let transport = try runner.makeTransport(for: prepared.authority)
        let client = TokenEndpointClient(transport: transport, settings: runner.settings())
        // Early exits (errors) leave the transport to its deinit, which shuts it down.
        let endpoints: AuthorityEndpoints
        switch await client.endpoints(for: prepared.authority) {
        case let .success(found): endpoints = found
        case let .failure(.input(error)): throw InputError("\(error.field): \(error.message) \(error.fix)")
        case let .failure(.transport(error)):
            Stderr.line("tokenscope: \(error.message). \(ExchangeAdvice.transportHint(error))")
            throw ExitCode(3)
        }

        let chosenURI = redirectURI ?? prepared.redirectURI
        let listen = !paste && (chosenURI.map(Self.isLoopbackHTTP) ?? true)
        var listener: LoopbackRedirectListener?
        if listen {
            do {
                listener = try await LoopbackRedirectListener.start(port: chosenURI.flatMap(Self.port) ?? 0, path: chosenURI.flatMap(Self.path) ?? "/")
            } catch {
                throw InputError("could not listen for the redirect on 127.0.0.1\(chosenURI.flatMap(Self.port).map { ":\($0)" } ?? ""): \(error). Pick another port in --redirect-uri, or use --paste")
            }
        }
        let uri = listener?.redirectURI ?? chosenURI ?? "http://localhost"
        let session = AuthCodeSession.start(redirectURI: uri)
        // The grant is filled in once the code arrives.
        var request = ExchangeRequest(grant: .authorizationCode(code: "", redirectURI: uri, codeVerifier: session.verifier), authority: prepared.authority, clientId: prepared.clientId, scopes: prepared.scopes,
                                      credential: prepared.credential, claimsChallenge: prepared.claims, clientCapabilities: options.clientCapability,
                                      addReservedScopes: !options.noReservedScopes)
        let claims = ClaimsChallenge.merged(challenge: prepared.claims, capabilities: options.clientCapability)
        let url = session.authorizeURL(endpoint: endpoints.authorize, clientId: prepared.clientId, scopes: prepared.scopes,
                                       addReservedScopes: !options.noReservedScopes, loginHint: loginHint, prompt: prompt, claims: claims,
                                       correlationId: request.correlationId).url
        Stderr.line("Sign in with this URL (redirect URI \(uri)):")
        Stderr.line("  \(url)")
        if !noBrowser, BrowserOpener.open(url, environment: ProcessInfo.processInfo.environment) { Stderr.line("(opened in your browser)") }

        let raw: String
        if let listener {
            Stderr.line("Waiting for the redirect on \(uri) (up to \(Int(waitSeconds)) s; Ctrl-C to stop)…")
            do {
                raw = try await listener.waitForRedirect(timeoutSeconds: waitSeconds)
            } catch {
                await listener.close()
                Stderr.line("tokenscope: no redirect arrived within \(Int(waitSeconds)) s; nothing was redeemed")
                throw ExitCode(3)
            }
            await listener.close()
        } else {
            Stderr.line("Paste the URL the browser ended on (or the code), then Enter:")
            guard let line = readLine(strippingNewline: true), !line.trimmedWhitespace.isEmpty else {
                throw InputError("nothing was pasted: paste the redirect URL (…?code=…&state=…) or the code")
            }
            raw = line
        }
        let result: RedirectResult
        do {
            result = try session.parse(raw)
        } catch {
            throw InputError("\(error.message) \(error.fix)")
        }
        let outcome: ExchangeOutcome
        switch result {
        case .error:
            outcome = ExchangeOutcome.authorizeError(result, request: request, authorizeEndpoint: endpoints.authorize)!
        case let .code(code):
            request.grant = session.grant(code: code)
            let redeemed = await client.exchange(request)
            outcome = redeemed.adding(warnings: session.nonceProblem(in: redeemed).map { [$0] } ?? [])
        }
        await transport.shutdown()
        runner.print(outcome)
        throw ExitCode(outcome.exitCode)
    }

    static func isLoopbackHTTP(_ uri: String) -> Bool {
        guard let parts = URLParts(uri) else { return false }
        return parts.scheme == "http" && AuthorityRules.isLoopback(parts.host)
    }

    static func port(_ uri: String) -> Int? { URLParts(uri)?.port }

    static func path(_ uri: String) -> String? {
        guard let parts = URLParts(uri), !parts.path.isEmpty else { return nil }
        return parts.path
    }
}

/// `exchange device-code`: ask for a device code, tell the user where to enter it, and poll the
/// token endpoint at the interval Entra gives until they finish, decline, or the code expires.
/// Ctrl-C stops polling cleanly.
struct ExchangeDeviceCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device-code",
        abstract: "Device code: sign in on another device with a short code while TokenScope polls.")

    @OptionGroup var options: ExchangeOptions

    func run() async throws {
        let runner = ExchangeRunner(options: options, flow: .deviceCode)
        let prepared = try await runner.prepare(defaultTenant: nil)
        for warning in prepared.warnings { Stderr.line("warning: \(warning)") }
        let transport = try runner.makeTransport(for: prepared.authority)
        let client = TokenEndpointClient(transport: transport, settings: runner.settings())
        let request = ExchangeRequest(grant: .deviceCode(""), authority: prepared.authority, clientId: prepared.clientId, scopes: prepared.scopes,
                                      credential: prepared.credential, claimsChallenge: prepared.claims, clientCapabilities: options.clientCapability,
                                      addReservedScopes: !options.noReservedScopes)
        let outcome: ExchangeOutcome
        switch await DeviceCodeFlow.start(request: request, client: client) {
        case let .failure(failure):
            outcome = failure.outcome
        case let .success(session):
            Stderr.line(session.authorization.instructions)
            Stderr.line("Waiting for the sign-in (code valid \(session.authorization.expiresIn / 60) min; Ctrl-C to stop)…")
            let polling = Task { await DeviceCodeFlow.pollResult(session, client: client) }
            let interrupt = InterruptWatcher { polling.cancel() }
            let result = await polling.value
            interrupt.stop()
            if result.ending == .cancelled { Stderr.line("stopped: the device code was not redeemed") }
            outcome = result.outcome
        }
        await transport.shutdown()
        runner.print(outcome)
        throw ExitCode(outcome.exitCode)
    }
}
