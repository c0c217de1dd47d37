import Foundation
import TokenScopeCore
import TokenScopeCredentials

/// Chooses the client credential: flags first, then the profile, then the azure-identity
/// variables; for confidential flows with nothing given, a no-echo prompt on a terminal. Two
/// kinds of credential at once is a usage error rather than a guess.
struct CredentialResolver {
    let options: ExchangeOptions
    let profile: Profile?
    let environment: [String: String]
    let flow: ExchangeFlow

    func resolve() async throws -> (ClientCredential, [String]) {
        let secretFlags = [options.secretEnv != nil, options.secretFile != nil, options.secretValue != nil].filter { $0 }.count
        let kinds = [secretFlags > 0, options.cert != nil, options.clientAssertion != nil || options.clientAssertionCommand != nil].filter { $0 }.count
        guard secretFlags <= 1, kinds <= 1, !(options.clientAssertion != nil && options.clientAssertionCommand != nil) else {
            throw InputError("give one client credential: a secret (--secret-env, --secret-file or --secret-value), a certificate (--cert) or a client assertion (--client-assertion or --client-assertion-cmd)")
        }
        if options.key != nil, options.cert == nil { throw InputError("--key needs --cert (the certificate the key belongs to)") }
        if (options.sendX5C || options.legacySHA1), options.cert == nil, profile?.certificate == nil, environment["AZURE_CLIENT_CERTIFICATE_PATH"].nonEmpty == nil {
            throw InputError("--send-x5c and --legacy-sha1 shape a certificate assertion: add --cert")
        }
        if let name = options.secretEnv { return (.secret(try input { try SecretLoader.fromEnvironment(name, environment: environment) }, basic: options.secretBasic), []) }
        if let path = options.secretFile {
            let (secret, warnings) = try input { try SecretLoader.fromFile(path) }
            return (.secret(secret, basic: options.secretBasic), warnings)
        }
        if let value = options.secretValue {
            return (.secret(Secret(value), basic: options.secretBasic),
                    ["--secret-value puts the secret in your shell history and the process list; prefer --secret-env or --secret-file."])
        }
        if let path = options.cert {
            let password = try options.certPasswordEnv.map { name in try input { try SecretLoader.fromEnvironment(name, environment: environment) }.value }
            return try certificate(path: path, key: options.key, password: password)
        }
        if let value = options.clientAssertion {
            if value.hasPrefix("@") { return (.assertion(AssertionSources.file(String(value.dropFirst()))), []) }
            return (.assertion(.literal(value)), ["--client-assertion with a literal token puts it in your shell history; prefer @FILE."])
        }
        if let command = options.clientAssertionCommand { return (.assertion(AssertionSources.command(command)), []) }
        if let profile, let fromProfile = try await profileCredential(profile) { return fromProfile }
        if let fromEnvironment = try environmentCredential() { return fromEnvironment }
        switch flow {
        case .onBehalfOf, .clientCredentials:
            guard isatty(STDIN_FILENO) == 1 else {
                throw InputError("\(flow.displayName) needs a client credential: --secret-env VAR, --secret-file F, --cert F, --client-assertion @F, a --profile, or AZURE_CLIENT_SECRET")
            }
            return (.secret(try input { try SecretLoader.prompt("Client secret for \(options.clientId ?? "the app")") }, basic: options.secretBasic), [])
        default:
            return (.none, [])
        }
    }

    func certificate(path: String, key: String?, password: String?) throws -> (ClientCredential, [String]) {
        let loaded = try input { try CertificateLoader.load(certificatePath: path, keyPath: key, password: password) }
        let assertionOptions = CertificateAssertionOptions(sendX5C: options.sendX5C || (profile?.certificate?.sendX5C ?? false), legacySHA1: options.legacySHA1)
        return (.certificate(loaded.certificate, options: assertionOptions), loaded.warnings)
    }

    func profileCredential(_ profile: Profile) async throws -> (ClientCredential, [String])? {
        if let secret = profile.secret {
            switch secret {
            case let .env(name): return (.secret(try input { try SecretLoader.fromEnvironment(name, environment: environment) }, basic: options.secretBasic), [])
            case let .file(path):
                let (value, warnings) = try input { try SecretLoader.fromFile(path) }
                return (.secret(value, basic: options.secretBasic), warnings)
            case let .command(command):
                // Run once, before the exchange: a secret does not change per request.
                do {
                    return (.secret(Secret(try await AssertionSources.command(command).fetch()), basic: options.secretBasic), [])
                } catch let error as ExchangeInputError {
                    throw InputError("the profile's secret command: \(error.message) \(error.fix)")
                }
            }
        }
        if let cert = profile.certificate {
            let password = try cert.passwordEnv.map { name in try input { try SecretLoader.fromEnvironment(name, environment: environment) }.value }
            return try certificate(path: cert.path, key: cert.keyPath, password: password)
        }
        if let assertion = profile.clientAssertion {
            switch assertion {
            case let .file(path): return (.assertion(AssertionSources.file(path)), [])
            case let .command(command): return (.assertion(AssertionSources.command(command)), [])
            }
        }
        return nil
    }

    /// azure-identity's EnvironmentCredential order: secret, certificate, federated token file.
    func environmentCredential() throws -> (ClientCredential, [String])? {
        if let secret = environment["AZURE_CLIENT_SECRET"].nonEmpty { return (.secret(Secret(secret), basic: options.secretBasic), []) }
        if let path = environment["AZURE_CLIENT_CERTIFICATE_PATH"].nonEmpty {
            return try certificate(path: path, key: nil, password: environment["AZURE_CLIENT_CERTIFICATE_PASSWORD"].nonEmpty)
        }
        if let path = environment["AZURE_FEDERATED_TOKEN_FILE"].nonEmpty { return (.assertion(AssertionSources.file(path)), []) }
        return nil
    }

    func input<T>(_ body: () throws -> T) throws -> T { try rethrowingInput(body) }
}
