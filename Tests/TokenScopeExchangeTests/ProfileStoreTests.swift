import Foundation
import Testing
import TokenScopeCore
import TokenScopeCredentials

@Suite struct ProfileStoreTests {
    static let valid = """
        profiles:
          contoso-api:
            cloud: public
            tenant: contoso.onmicrosoft.com
            client_id: 9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64
            scopes: [api://downstream-api/Data.Read, offline_access]
            redirect_uri: http://localhost
            secret: { env: CONTOSO_API_SECRET }
          daemon:
            cloud: usgov
            authority: https://login.microsoftonline.us/contoso.onmicrosoft.com
            client_id: CF6B5D7E-8A9C-4B0D-9E2F-5A6B7C8D9E69
            scopes: "https://graph.microsoft.us/.default"
            certificate: { path: certs/api.pfx, key: ~/certs/api.key, password_env: CERT_PW, send_x5c: true }
          workload:
            tenant: 3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f
            client_id: 7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62
            client_assertion: { file: /var/run/secrets/azure/tokens/azure-identity-token }
          vault:
            client_id: 7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62
            secret: { command: "pass show contoso/api" }

        """

    @Test func aValidProfileLoadsWithEveryField() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", Self.valid)
        let profile = try ProfileStore.load(name: "contoso-api", path: path)
        #expect(profile == Profile(name: "contoso-api", cloud: .public, tenant: "contoso.onmicrosoft.com",
                                   clientId: "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64",
                                   scopes: ["api://downstream-api/Data.Read", "offline_access"], redirectURI: "http://localhost",
                                   secret: .env("CONTOSO_API_SECRET")))
        #expect(try ProfileStore.load(name: "vault", path: path).secret == .command("pass show contoso/api"))
        #expect(try ProfileStore.load(name: "workload", path: path).clientAssertion == .file("/var/run/secrets/azure/tokens/azure-identity-token"))
        #expect(try ProfileStore.names(path: path) == ["contoso-api", "daemon", "workload", "vault"])
    }

    @Test func certificatePathsAreResolved() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", Self.valid)
        let profile = try ProfileStore.load(name: "daemon", path: path)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        #expect(profile.cloud == .usgov)
        #expect(profile.authority == "https://login.microsoftonline.us/contoso.onmicrosoft.com")
        #expect(profile.scopes == ["https://graph.microsoft.us/.default"])
        // Relative to the profiles file, `~/` from HOME.
        let directory = URL(fileURLWithPath: temp.url.path).standardizedFileURL.path
        #expect(profile.certificate == CertificateReference(path: directory + "/certs/api.pfx", keyPath: home + "/certs/api.key",
                                                            passwordEnv: "CERT_PW", sendX5C: true))
    }

    @Test(arguments: ["secret: \"Abc8Q~literal-value\"", "secret: { value: Abc8Q~literal-value }", "secret: Abc8Q~literal-value",
                      "certificate: { path: a.pfx, password: Abc8Q~literal-value }", "client_assertion: eyJhbGciOi.Abc8Q~literal-value"])
    func aLiteralSecretIsRefused(_ line: String) throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", "profiles:\n  app:\n    client_id: 9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64\n    \(line)\n")
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: path) }
        #expect(error?.id == "profile-literal-secret")
        #expect(error?.field == "--profile")
        #expect(error?.message.contains("copied, shared and committed") == true)
        #expect(error?.message.contains("\(path):4: profiles.app.") == true)
        #expect(error?.message.contains("literal-value") == false)
        #expect(error?.fix.contains("literal-value") == false)
    }

    @Test func anUnknownKeyIsRefusedWithItsPath() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", "profiles:\n  app:\n    client_Id: 9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64\n")
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: path) }
        #expect(error?.id == "profile-unknown-key")
        #expect(error?.message.hasPrefix("\(path):3: profiles.app.client_Id: unknown key `client_Id`") == true)

        let nested = try temp.write("nested.yaml", "profiles:\n  app:\n    secret: { env: X, fiel: y }\n")
        let nestedError = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: nested) }
        #expect(nestedError?.id == "profile-unknown-key")
        #expect(nestedError?.message.contains("profiles.app.secret.fiel") == true)

        let top = try temp.write("top.yaml", "profile:\n  app: {}\n")
        let topError = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: top) }
        #expect(topError?.id == "profile-unknown-key")
    }

    @Test func aClientIdThatIsNotAGUIDIsRefused() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", "profiles:\n  app:\n    client_id: my-app\n")
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: path) }
        #expect(error?.id == "profile-client-id-not-guid")
        #expect(error?.message.contains("profiles.app.client_id") == true)
    }

    @Test func wrongTypesAndValuesAreRefused() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let cases: [(String, String)] = [
            ("cloud: mars", "profile-invalid-value"),
            ("scopes: { a: b }", "profile-invalid-value"),
            ("tenant: [a, b]", "profile-invalid-value"),
            ("authority: login.microsoftonline.com/contoso", "profile-invalid-value"),
            ("certificate: { key: a.key }", "profile-missing-key"),
            ("certificate: { path: a.pfx, send_x5c: sometimes }", "profile-invalid-value"),
            ("secret: { env: X, file: y }", "profile-invalid-value"),
            ("secret: {}", "profile-missing-key"),
            ("secret: { env: X }\n    client_assertion: { file: /t }", "profile-conflicting-credentials"),
        ]
        for (line, id) in cases {
            let path = try temp.write("profiles.yaml", "profiles:\n  app:\n    \(line)\n")
            let error = #expect(throws: ExchangeInputError.self, "\(line)") { try ProfileStore.load(name: "app", path: path) }
            #expect(error?.id == id, "\(line)")
        }
    }

    @Test func anUnknownProfileNameListsTheAvailableNames() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", Self.valid)
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "contoso", path: path) }
        #expect(error?.id == "profile-not-found")
        #expect(error?.message == "there is no profile `contoso` in \(path); available: contoso-api, daemon, workload, vault.")
    }

    @Test func aFileReadableByOthersNamingASecretFileIsRefused() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let yaml = "profiles:\n  env-only:\n    secret: { env: X }\n  with-file:\n    secret: { file: ~/.secrets/api }\n"
        let path = try temp.write("profiles.yaml", yaml, mode: 0o644)
        // Refused whichever profile is asked for: the file itself is the exposure.
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "env-only", path: path) }
        #expect(error?.id == "profile-permissions")
        #expect(error?.message.contains("(mode 0644)") == true)
        #expect(error?.message.contains("`with-file` references a secret file") == true)
        #expect(error?.fix.hasPrefix("chmod 600") == true)

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let profile = try ProfileStore.load(name: "with-file", path: path)
        #expect(profile.secret == .file((ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.secrets/api"))
    }

    @Test func aFileReadableByOthersNamingACertificateIsRefused() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let path = try temp.write("profiles.yaml", "profiles:\n  app:\n    certificate: { path: /etc/api.pfx }\n", mode: 0o640)
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: path) }
        #expect(error?.id == "profile-permissions")
    }

    @Test func looseModesAreFineWithOnlyEnvironmentReferences() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let yaml = "profiles:\n  app:\n    client_id: 9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64\n    secret: { env: APP_SECRET }\n"
        let path = try temp.write("profiles.yaml", yaml, mode: 0o644)
        #expect(try ProfileStore.load(name: "app", path: path).secret == .env("APP_SECRET"))
    }

    @Test func missingAndBrokenFilesSaySo() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let missing = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: temp.path("profiles.yaml")) }
        #expect(missing?.id == "profile-file-missing")
        let broken = try temp.write("broken.yaml", "profiles:\n  app: [\n")
        let error = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: broken) }
        #expect(error?.id == "profile-yaml-invalid")
        let empty = try temp.write("empty.yaml", "")
        let none = #expect(throws: ExchangeInputError.self) { try ProfileStore.load(name: "app", path: empty) }
        #expect(none?.id == "profile-not-found")
        #expect(none?.message.contains("the file defines no profiles") == true)
    }

    @Test func theDefaultPathFollowsXDG() {
        #expect(ProfileStore.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"]) == "/cfg/tokenscope/profiles.yaml")
        #expect(ProfileStore.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/tokenscope/profiles.yaml")
        #expect(ProfileStore.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.config/tokenscope/profiles.yaml")
    }
}
