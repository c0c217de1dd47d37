import Foundation
import Yams
import TokenScopeCore

/// Builds one `Profile` from its YAML mapping, checking every key, type and value.
enum ProfileParser {
    static let keys = ["cloud", "tenant", "authority", "client_id", "scopes", "redirect_uri", "secret", "certificate", "client_assertion"]

    /// `directory` resolves relative credential paths: a profile means the same files whatever
    /// the current directory is.
    static func parse(_ r: ProfileYAMLReader, name: String, directory: String) throws(ExchangeInputError) -> Profile {
        try r.checkKeys(keys)
        var profile = Profile(name: name)
        if let text = try r.optionalString("cloud") {
            guard let cloud = Cloud(rawValue: text.lowercased()) else {
                throw r.fail("profile-invalid-value", "`\(TerminalSafe.escape(text))` is not a cloud.", at: "cloud", node: r.child("cloud"),
                             fix: "Use one of: \(Cloud.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            profile.cloud = cloud
        }
        profile.tenant = try r.optionalString("tenant")
        if let authority = try r.optionalString("authority") {
            guard authority.lowercased().hasPrefix("https://") || authority.lowercased().hasPrefix("http://") else {
                throw r.fail("profile-invalid-value", "must be a URL (https://host/tenant).", at: "authority", node: r.child("authority"),
                             fix: "Write the authority as you would pass it to --authority.")
            }
            profile.authority = authority
        }
        if let clientId = try r.optionalString("client_id") {
            guard GUID.isGUID(clientId) else {
                throw r.fail("profile-client-id-not-guid", "`\(TerminalSafe.escape(clientId))` is not a GUID.", at: "client_id", node: r.child("client_id"),
                             fix: "Use the Application (client) ID from the app registration's Overview page (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
            }
            profile.clientId = clientId
        }
        profile.scopes = try r.strings("scopes")
        profile.redirectURI = try r.optionalString("redirect_uri")
        if let s = r.reader("secret") { profile.secret = try secret(s, directory: directory) }
        if let c = r.reader("certificate") { profile.certificate = try certificate(c, directory: directory) }
        if let a = r.reader("client_assertion") { profile.clientAssertion = try assertion(a, directory: directory) }
        let credentials = ["secret", "certificate", "client_assertion"].filter(r.has)
        guard credentials.count <= 1 else {
            throw r.fail("profile-conflicting-credentials", "has \(credentials.joined(separator: " and ")); a client proves itself one way.",
                         fix: "Keep one of them (or split the profile in two).")
        }
        return profile
    }

    private static func secret(_ r: ProfileYAMLReader, directory: String) throws(ExchangeInputError) -> SecretReference {
        try refuseLiteral(r, what: "a client secret", literalKeys: ["value"])
        try r.checkKeys(["env", "file", "command"])
        switch try oneOf(r, ["env", "file", "command"]) {
        case "env": return .env(try variableName(r, "env"))
        case "file": return .file(resolve(try r.string("file"), directory: directory))
        default: return .command(try r.string("command"))
        }
    }

    private static func certificate(_ r: ProfileYAMLReader, directory: String) throws(ExchangeInputError) -> CertificateReference {
        try refuseLiteral(r, what: "a certificate password", literalKeys: ["password"])
        guard r.node.mapping != nil else {
            throw r.fail("profile-invalid-value", "must be a mapping.", fix: "Write certificate: { path: ~/certs/api.pfx, password_env: CERT_PW }.")
        }
        try r.checkKeys(["path", "key", "password_env", "send_x5c"])
        return CertificateReference(path: resolve(try r.string("path"), directory: directory),
                                    keyPath: try r.optionalString("key").map { resolve($0, directory: directory) },
                                    passwordEnv: r.has("password_env") ? try variableName(r, "password_env") : nil,
                                    sendX5C: try r.optionalBool("send_x5c") ?? false)
    }

    private static func assertion(_ r: ProfileYAMLReader, directory: String) throws(ExchangeInputError) -> AssertionReference {
        try refuseLiteral(r, what: "a client assertion", literalKeys: ["value"])
        try r.checkKeys(["file", "command"])
        switch try oneOf(r, ["file", "command"]) {
        case "file": return .file(resolve(try r.string("file"), directory: directory))
        default: return .command(try r.string("command"))
        }
    }

    /// A value written into the profile (`secret: "abc"`, `secret: { value: abc }`) is refused,
    /// and not repeated in the message: the error must not print what it protects.
    private static func refuseLiteral(_ r: ProfileYAMLReader, what: String, literalKeys: [String]) throws(ExchangeInputError) {
        let literal = r.node.scalar != nil || r.node.sequence != nil || literalKeys.contains(where: r.has)
        guard literal else { return }
        throw r.fail("profile-literal-secret",
                     "\(what) is written in the profile. Profiles hold references only: profile files get copied, shared and committed.",
                     node: r.node,
                     fix: "Use { env: VAR }, { file: PATH } or { command: \"…\" } instead, and rotate the value if this file was ever shared.")
    }

    private static func oneOf(_ r: ProfileYAMLReader, _ options: [String]) throws(ExchangeInputError) -> String {
        let present = options.filter(r.has)
        guard present.count == 1 else {
            let message = present.isEmpty ? "needs one of: \(options.joined(separator: ", "))." : "has \(present.joined(separator: " and ")); give only one."
            throw r.fail(present.isEmpty ? "profile-missing-key" : "profile-invalid-value", message, fix: "See docs/PROFILES.md.")
        }
        return present[0]
    }

    private static func variableName(_ r: ProfileYAMLReader, _ key: String) throws(ExchangeInputError) -> String {
        let name = try r.string(key)
        // Not echoed: a value that is not a variable name may be the secret itself.
        guard SecretLoader.isVariableName(name) else {
            throw r.fail("profile-invalid-value", "must be the name of an environment variable (letters, digits and _), not a value.",
                         at: key, node: r.child(key), fix: "Put the value in a variable and write its name here.")
        }
        return name
    }

    /// `~/x` expanded; relative paths taken from the profiles file's directory.
    static func resolve(_ path: String, directory: String) -> String {
        let expanded = CredentialFile.expandTilde(path)
        guard !expanded.hasPrefix("/") else { return expanded }
        return URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }
}
