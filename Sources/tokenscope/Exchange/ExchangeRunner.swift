import ArgumentParser
import Foundation
import TokenScopeCore
import TokenScopeCredentials
import TokenScopeHTTP

/// Turns the shared options (plus a profile and the azure-identity variables, in that order of
/// precedence) into an `ExchangeRequest`, runs it, prints the outcome and exits with its code.
struct ExchangeRunner {
    let options: ExchangeOptions
    let flow: ExchangeFlow
    var extraWarnings: [String] = []
    var environment: [String: String] = ProcessInfo.processInfo.environment

    init(options: ExchangeOptions, flow: ExchangeFlow, extraWarnings: [String] = []) {
        self.options = options
        self.flow = flow
        self.extraWarnings = extraWarnings
    }

    /// Everything resolved before anything is sent.
    struct Prepared {
        let authority: Authority
        let clientId: String
        let scopes: [String]
        let credential: ClientCredential
        let claims: JSONValue?
        let warnings: [String]
        let redirectURI: String?
    }

    func run(defaultTenant: String?, grant: (Prepared) async throws -> ExchangeRequest.Grant) async throws {
        let prepared = try await prepare(defaultTenant: defaultTenant)
        let request = ExchangeRequest(grant: try await grant(prepared), authority: prepared.authority, clientId: prepared.clientId,
                                      scopes: prepared.scopes, credential: prepared.credential, claimsChallenge: prepared.claims,
                                      clientCapabilities: options.clientCapability, addReservedScopes: !options.noReservedScopes)
        let outcome = try await execute(request, prepared: prepared)
        throw ExitCode(outcome.exitCode)
    }

    /// Sends the request and prints the outcome; returns it for the caller's exit code.
    func execute(_ request: ExchangeRequest, prepared: Prepared) async throws -> ExchangeOutcome {
        for warning in prepared.warnings { Stderr.line("warning: \(warning)") }
        let transport = try makeTransport(for: prepared.authority)
        let client = TokenEndpointClient(transport: transport, settings: settings())
        if !options.json { Stderr.line("client-request-id \(request.correlationId)") }
        let outcome = await client.exchange(request)
        await transport.shutdown()
        print(outcome)
        return outcome
    }

    func settings() -> ExchangeSettings {
        ExchangeSettings(reveal: options.reveal, now: { Int64(Date().timeIntervalSince1970) }, onEvent: { event in
            if case let .waiting(seconds, reason) = event {
                Stderr.line("waiting \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s before retrying (\(reason))…")
            }
        })
    }

    func print(_ outcome: ExchangeOutcome) {
        if options.json {
            Swift.print(JSONWriter.write(ExchangeJSON.document(outcome, revealTokens: options.reveal)))
        } else {
            let colour = !options.noColor && environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
            Swift.print(ExchangeHumanReport(colour: colour, showTrace: !options.noTrace).render(outcome), terminator: "")
        }
    }

    // MARK: - Resolution

    func prepare(defaultTenant: String?) async throws -> Prepared {
        var warnings = extraWarnings
        let profile = try options.profile.map { name in try rethrowingInput { try ProfileStore.load(name: name, path: ProfileStore.defaultPath(environment: environment)) } }
        let cloud: Cloud?
        if let name = options.cloud ?? profile?.cloud?.rawValue {
            guard let c = Cloud(rawValue: name.lowercased()) else {
                throw InputError("--cloud `\(name)` is not a cloud: use public, usgov, china, govfr, govde or govsg")
            }
            cloud = c
        } else {
            cloud = nil
        }
        let selection = AuthoritySelection(
            cloud: cloud, tenant: options.tenant ?? profile?.tenant ?? (options.authority == nil ? environment["AZURE_TENANT_ID"].nonEmpty : nil),
            authorityURL: options.authority ?? profile?.authority, oidcAuthorityURL: options.oidcAuthority,
            authorityHostEnvironment: environment["AZURE_AUTHORITY_HOST"].nonEmpty, allowCustomAuthority: options.allowCustomAuthority)
        let authority = try rethrowingInput { try AuthorityRules.resolve(selection, defaultTenant: defaultTenant) }

        guard let clientId = (options.clientId ?? profile?.clientId ?? environment["AZURE_CLIENT_ID"].nonEmpty)?.trimmedWhitespace else {
            throw InputError("--client-id is required (or AZURE_CLIENT_ID, or a --profile with client_id): the application ID of the app registration")
        }
        guard GUID.isGUID(clientId) || authority.kind == .oidc else {
            throw InputError("--client-id `\(TerminalSafe.escape(clientId))` is not a GUID: use the Application (client) ID from the app registration's overview, not its name or object ID")
        }
        let scopes = options.scope.isEmpty ? (profile?.scopes ?? []) : options.scope
        try rethrowingInput { try ScopeRules.check(flow, requested: scopes) }
        let claims = try options.claims.map { text in try rethrowingInput { try ClaimsChallenge.parse(text) } }
        let (credential, credentialWarnings) = try await CredentialResolver(options: options, profile: profile, environment: environment, flow: flow).resolve()
        warnings += credentialWarnings
        return Prepared(authority: authority, clientId: clientId.lowercased(), scopes: scopes, credential: credential, claims: claims,
                        warnings: warnings, redirectURI: profile?.redirectURI)
    }

    func makeTransport(for authority: Authority) throws -> AsyncHTTPTransport {
        guard options.timeout > 0, options.connectTimeout > 0 else { throw InputError("--timeout and --connect-timeout must be positive seconds") }
        let proxy = try rethrowingInput { try ProxySettings.from(environment: environment) }.proxy(for: authority.host)
        var pem: String?
        if let caFile = options.caFile {
            let text = try InputReader.readFile(caFile)
            guard text.contains("-----BEGIN CERTIFICATE-----") else { throw InputError("--ca-file \(caFile) holds no PEM certificate") }
            pem = text
        }
        do {
            return try AsyncHTTPTransport(additionalTrustRootsPEM: pem, proxy: proxy, connectTimeoutSeconds: min(options.connectTimeout, options.timeout),
                                          requestTimeoutSeconds: options.timeout)
        } catch {
            throw InputError("--ca-file \(options.caFile ?? "") could not be read as PEM certificates")
        }
    }
}

/// Runs `body`, turning an `ExchangeInputError` into the CLI's usage error (exit 2).
func rethrowingInput<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExchangeInputError {
        throw InputError("\(error.field): \(error.message) \(error.fix)")
    }
}

enum Stderr {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((TerminalSafe.escape(text) + "\n").utf8))
    }
}

extension Optional where Wrapped == String {
    /// nil for an unset or empty (whitespace-only) variable.
    var nonEmpty: String? {
        guard let value = self?.trimmedWhitespace, !value.isEmpty else { return nil }
        return value
    }
}
