import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeSandbox

/// Plants a client secret, a private key, a user token and a refresh token in every path the
/// exchange command takes them (flags, environment, files, profiles), runs successes and failures
/// in human and JSON form, and searches everything the process wrote — stdout, stderr, and any
/// file under its HOME and config dirs — for any of them.
@Suite("CLI: secrets never leak", .serialized)
struct SecretHygieneCLITests {
    static let planted = "planted-secret-Qz8w~xV3nL0pK7rT2yU5"

    /// Every 64-character base64 line of a PEM body: a leaked key shows at least one of them.
    static func pemLines(_ pem: String) -> [String] {
        pem.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count >= 40 }
    }

    @Test("No planted secret, key, token or refresh token in any output of any exchange command")
    func nothingLeaks() async throws {
        try await ExchangeCLITests.withSandbox { sandbox in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("tokenscope-home-\(UUID().uuidString)")
            let config = home.appendingPathComponent(".config")
            try FileManager.default.createDirectory(at: config.appendingPathComponent("tokenscope"), withIntermediateDirectories: true)
            let files = try sandbox.certificateFiles()
            let keyPEM = try String(contentsOfFile: files.key, encoding: .utf8)
            let secretFile = try CLIRunner.temporaryFile(Self.planted + "\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile)
            let userToken = try sandbox.userToken(), mfaToken = try sandbox.userToken("carol")
            let profile = """
            profiles:
              planted:
                authority: \(sandbox.url)
                client_id: \(ExchangeCLITests.daemon)
                scopes: [api://downstream-api/.default]
                secret: { file: \(secretFile) }
            """
            let profileFile = config.appendingPathComponent("tokenscope/profiles.yaml")
            try Data(profile.utf8).write(to: profileFile)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: profileFile.path)
            let env = ["HOME": home.path, "XDG_CONFIG_HOME": config.path, "XDG_STATE_HOME": home.appendingPathComponent(".state").path,
                       "PLANTED": Self.planted, "MT_SECRET": sandbox.secret("middle-tier-api")]

            let cc = ["exchange", "client-credentials", "--authority", sandbox.url, "--client-id", ExchangeCLITests.daemon, "--scope", "api://downstream-api/.default"]
            let obo = ["exchange", "obo", "--authority", sandbox.url, "--client-id", ExchangeCLITests.middleTier, "--scope", "api://downstream-api/Data.Read"]
            var runs: [[String]] = [
                cc + ["--secret-value", Self.planted], cc + ["--secret-env", "PLANTED"], cc + ["--secret-file", secretFile],
                cc + ["--secret-env", "PLANTED", "--secret-basic"], ["exchange", "client-credentials", "--profile", "planted"],
                obo + ["--cert", files.cert, "--key", files.key, "--user-assertion", userToken],
                obo + ["--cert", files.cert, "--key", files.key, "--user-assertion", mfaToken, "--claims", #"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#],
                obo + ["--secret-value", Self.planted, "--user-assertion", userToken],
                obo + ["--secret-env", "MT_SECRET", "--user-assertion", "@" + (try CLIRunner.temporaryFile(userToken))],
            ]
            runs += runs.map { $0 + ["--json"] }

            // A refresh token obtained with --reveal, then used without it.
            let revealed = try await CLIRunner.runDetached(obo + ["--secret-env", "MT_SECRET", "--user-assertion", userToken, "--json", "--reveal"], environment: env)
            let refreshToken = try #require(try JSONParser.parse(revealed.stdout)["response"]?["body"]?["refresh_token"]?.stringValue)
            let rtFile = try CLIRunner.temporaryFile(refreshToken)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: rtFile)
            let refresh = ["exchange", "refresh", "--authority", sandbox.url, "--client-id", ExchangeCLITests.middleTier, "--secret-env", "MT_SECRET",
                           "--scope", "api://downstream-api/Data.Read", "--refresh-token-file", rtFile]
            runs += [refresh, refresh + ["--json"]]

            let signature = { (token: String) in String(token.split(separator: ".").last!) }
            let needles = [Self.planted, userToken, signature(userToken), mfaToken, signature(mfaToken), refreshToken] + Self.pemLines(keyPEM)
            var outputs = 0
            for arguments in runs {
                let r = try await CLIRunner.runDetached(arguments, environment: env)
                #expect([0, 1].contains(r.status), "\(arguments.prefix(3)): exit \(r.status) \(r.stderr)")
                for needle in needles {
                    #expect(!r.stdout.contains(needle) && !r.stderr.contains(needle), "leak in \(arguments.joined(separator: " ").prefix(120))")
                }
                outputs += 1
            }
            #expect(outputs == runs.count)
            // Nothing was saved under the process's home, config or state dirs, other than what we put there.
            let written = FileManager.default.enumerator(atPath: home.path)?.compactMap { $0 as? String } ?? []
            #expect(written.sorted() == [".config", ".config/tokenscope", ".config/tokenscope/profiles.yaml"])
        }
    }
}
