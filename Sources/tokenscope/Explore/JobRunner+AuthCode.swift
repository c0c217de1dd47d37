import Explorer
import Foundation
import TokenScopeCore
import TokenScopeHTTP

extension JobRunner {
    /// Authorization code + PKCE. Real Entra: print the URL, open the browser, wait for the
    /// redirect on a one-shot loopback listener. The embedded sandbox with a login hint: request
    /// the authorize URL here and read the code from its redirect, as a browser would.
    func authCode(_ job: ExchangeJob, _ base: ExchangeRequest, client: TokenEndpointClient, transport: AsyncHTTPTransport,
                  progress: @escaping @Sendable (String) -> Void) async throws -> ExchangeOutcome {
        let endpoints: AuthorityEndpoints
        switch await client.endpoints(for: base.authority) {
        case let .success(found): endpoints = found
        case let .failure(.input(error)): throw error
        case let .failure(.transport(error)): throw NotSent(message: "\(error.message). \(ExchangeAdvice.transportHint(error))")
        }
        let headless = isSandbox(job) && job.loginHint != nil
        var listener: LoopbackRedirectListener?
        if job.redirectURI == nil, !headless {
            listener = try await LoopbackRedirectListener.start()
        }
        let uri = listener?.redirectURI ?? job.redirectURI ?? "http://localhost"
        let session = AuthCodeSession.start(redirectURI: uri)
        var request = with(base, grant: .authorizationCode(code: "", redirectURI: uri, codeVerifier: session.verifier))
        let url = session.authorizeURL(endpoint: endpoints.authorize, clientId: job.clientId, scopes: job.scopes, addReservedScopes: true,
                                       loginHint: job.loginHint, prompt: nil, claims: nil, correlationId: request.correlationId).url
        let raw: String
        if headless {
            progress("Signing \(job.loginHint ?? "") in at the sandbox's /authorize (no browser needed)…")
            let response = try await transport.send(HTTPRequest(url: url))
            guard let location = response.header("Location") else {
                throw NotSent(message: "the sandbox's /authorize answered HTTP \(response.status) without a redirect: \(String(decoding: response.body.prefix(300), as: UTF8.self))")
            }
            raw = location
        } else if let listener {
            progress("Sign in with this URL (redirect URI \(uri)):")
            progress(url)
            if BrowserOpener.open(url, environment: environment) { progress("(opened in your browser)") }
            progress("Waiting for the redirect (up to 5 min; Esc cancels)…")
            defer { Task { await listener.close() } }
            do {
                raw = try await listener.waitForRedirect(timeoutSeconds: 300)
            } catch {
                throw NotSent(message: "no redirect arrived on \(uri) within 5 minutes; nothing was redeemed")
            }
        } else {
            throw NotSent(message: "a redirect URI other than a loopback listener needs the CLI: `tokenscope exchange auth-code --paste`")
        }
        switch try session.parse(raw) {
        case let .code(code):
            request.grant = session.grant(code: code)
            let redeemed = await client.exchange(request)
            return redeemed.adding(warnings: session.nonceProblem(in: redeemed).map { [$0] } ?? [])
        case let result:
            guard let outcome = ExchangeOutcome.authorizeError(result, request: request, authorizeEndpoint: endpoints.authorize) else {
                throw NotSent(message: "the sign-in ended without a code")
            }
            return outcome
        }
    }
}
