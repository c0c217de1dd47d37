import Explorer
import Foundation
import TokenScopeCore
import TokenScopeCredentials
import TokenScopeHTTP

/// Turns an explorer `ExchangeJob` into a real request and runs it through the shared core: the
/// same builders, client, retries and redaction as `tokenscope exchange`. Runs off the UI thread;
/// reports progress lines (device code, sign-in URL, retry waits) through `progress`.
struct JobRunner: Sendable {
    /// The embedded sandbox: its loopback authority is allowed, and the auth-code sign-in is done
    /// here (the sandbox signs the `login_hint` user in without a browser).
    let sandbox: EmbeddedSandbox?
    let environment: [String: String]

    struct NotSent: Error {
        let message: String
    }

    func run(_ job: ExchangeJob, progress: @escaping @Sendable (String) -> Void) async -> Result<ExchangeOutcome, NotSent> {
        do {
            let authority = try authority(job)
            let credential = try credential(job)
            let transport = try transport(for: authority)
            let settings = ExchangeSettings(reveal: false, now: { Int64(Date().timeIntervalSince1970) }, onEvent: { event in
                if case let .waiting(seconds, reason) = event { progress("waiting \(Int(seconds.rounded())) s before retrying (\(reason))…") }
            })
            let client = TokenEndpointClient(transport: transport, settings: settings)
            let request = ExchangeRequest(grant: .clientCredentials, authority: authority, clientId: job.clientId, scopes: job.scopes,
                                          credential: credential)
            let outcome: ExchangeOutcome
            switch job.flow {
            case .onBehalfOf:
                outcome = await client.exchange(with(request, grant: .onBehalfOf(userAssertion: job.userAssertion ?? "")))
            case .clientCredentials:
                outcome = await client.exchange(request)
            case .refresh:
                outcome = await client.exchange(with(request, grant: .refreshToken(job.refreshToken ?? "")))
            case .deviceCode:
                outcome = await deviceCode(request, client: client, progress: progress)
            case .authCode:
                outcome = try await authCode(job, request, client: client, transport: transport, progress: progress)
            }
            await transport.shutdown()
            return .success(outcome)
        } catch let error as NotSent {
            return .failure(error)
        } catch let error as ExchangeInputError {
            return .failure(NotSent(message: "\(error.message) \(error.fix)"))
        } catch {
            return .failure(NotSent(message: "\(error)"))
        }
    }

    func with(_ request: ExchangeRequest, grant: ExchangeRequest.Grant) -> ExchangeRequest {
        var copy = request
        copy.grant = grant
        return copy
    }

    func authority(_ job: ExchangeJob) throws -> Authority {
        let selection = AuthoritySelection(authorityURL: job.authorityURL, allowCustomAuthority: isSandbox(job))
        return try AuthorityRules.resolve(selection, defaultTenant: nil)
    }

    func isSandbox(_ job: ExchangeJob) -> Bool {
        guard let base = sandbox?.baseURL else { return false }
        return job.authorityURL.hasPrefix(base + "/")
    }

    func credential(_ job: ExchangeJob) throws -> ClientCredential {
        switch job.credential {
        case let .secret(value):
            return .secret(Secret(value), basic: false)
        case let .certificate(path, keyPath, password):
            let loaded = try CertificateLoader.load(certificatePath: expand(path), keyPath: keyPath.map(expand), password: password)
            return .certificate(loaded.certificate, options: CertificateAssertionOptions())
        case let .assertion(value):
            return value.hasPrefix("@") ? .assertion(AssertionSources.file(expand(String(value.dropFirst())))) : .assertion(.literal(value))
        case .none:
            return .none
        }
    }

    /// `~/x` as the shell would expand it (paths are typed into the form, not through a shell).
    func expand(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }

    func transport(for authority: Authority) throws -> AsyncHTTPTransport {
        let proxy = try ProxySettings.from(environment: environment).proxy(for: authority.host)
        return try AsyncHTTPTransport(additionalTrustRootsPEM: nil, proxy: proxy, connectTimeoutSeconds: 10, requestTimeoutSeconds: 30)
    }

    func deviceCode(_ request: ExchangeRequest, client: TokenEndpointClient, progress: @escaping @Sendable (String) -> Void) async -> ExchangeOutcome {
        switch await DeviceCodeFlow.start(request: with(request, grant: .deviceCode("")), client: client) {
        case let .failure(failure):
            return failure.outcome
        case let .success(session):
            progress(session.authorization.instructions)
            progress("Waiting for the sign-in (code valid \(session.authorization.expiresIn / 60) min; Esc cancels)…")
            return await DeviceCodeFlow.pollResult(session, client: client).outcome
        }
    }
}
