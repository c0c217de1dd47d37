import Foundation
import Testing
@testable import TokenScopeSandbox

@Suite("Sandbox: directory loader")
struct DirectoryLoaderTests {
    /// A small valid directory; each test breaks one thing in it.
    static let base = """
    tenants:
      - name: contoso
        id: 3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f
        domains: [contoso.example]
    apps:
      - name: api
        clientId: ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67
        tenant: contoso
        appIdUris: [api://api]
        scopes: [Data.Read]
        appRoles:
          - value: Data.Read.All
        accessTokenAcceptedVersion: 2
        secrets:
          - id: 0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a63
            value: "s3cret"
            expires: 2099-12-31
        certificates:
          - name: api-cert
            generate: true
      - name: client
        clientId: 7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62
        tenant: contoso
    users:
      - name: alice
        upn: alice@contoso.example
        oid: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c71
        homeTenant: contoso
    delegatedGrants:
      - {client: client, resource: api, scopes: [Data.Read], tenant: contoso}
    appRoleAssignments:
      - {client: client, resource: api, role: Data.Read.All, tenant: contoso}
    conditionalAccess:
      - name: MFA for the API
        id: 4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a75
        users: [alice]
        resource: api
        action: require-mfa
    """

    /// The error loading `yaml` gives (nil when it loads).
    static func error(_ yaml: String) -> DirectoryError? {
        do {
            _ = try DirectoryLoader.load(yaml: yaml, file: "dir.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// `base` with `old` replaced by `new` (which must occur).
    static func edited(_ old: String, _ new: String) -> String {
        if !base.contains(old) { Issue.record("base has no `\(old)`") }
        return base.replacingOccurrences(of: old, with: new)
    }

    /// The 1-based line of the first line of `yaml` containing `text`.
    static func line(of text: String, in yaml: String) -> Int {
        (yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1) + 1
    }

    /// Loads `yaml`, expecting an error at the line holding `marker`, under `key`, saying `saying`.
    func expectError(_ yaml: String, line marker: String, key: String, saying: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = Self.error(yaml) else {
            Issue.record("loaded without error", sourceLocation: sourceLocation)
            return
        }
        let line = Self.line(of: marker, in: yaml)
        #expect(error.file == "dir.yaml", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.key == key, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(saying), "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("dir.yaml:\(line): \(key): "), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func demoDirectoryLoads() throws {
        let d = try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>")
        #expect(d.tenants.map(\.name) == ["contoso", "fabrikam"])
        #expect(d.apps.map(\.name) == ["spa-client", "web-app", "middle-tier-api", "downstream-api", "legacy-api", "daemon", "microsoft-graph"])
        #expect(d.users.map(\.name) == ["alice", "bob", "carol", "dave"])
        let middle = try #require(d.app(named: "middle-tier-api"))
        #expect(middle.clientId == "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64")
        #expect(middle.multiTenant && !middle.publicClient && middle.accessTokenAcceptedVersion == 2)
        #expect(middle.secrets.count == 2 && middle.secrets[1].expires == 1_706_659_200)   // 2024-01-31
        #expect(middle.certificates == [ClientCertificate(name: "middle-tier-demo", pem: nil, generate: true)])
        #expect(middle.federatedCredentials.first?.issuer == "{sandbox}/federation")
        #expect(d.app(named: "legacy-api")?.accessTokenAcceptedVersion == 1)
        #expect(d.app(named: "microsoft-graph")?.nonceHeader == true)
        #expect(d.user(named: "bob")?.guestOf == ["contoso"])
        #expect(d.conditionalAccess.map(\.action) == [.requireMFA, .block])
        #expect(d.delegatedGrants.count == 6 && d.appRoleAssignments.count == 2)
        #expect(Self.error(Self.base) == nil)
    }

    @Test func invalidYAMLNamesFileAndLine() throws {
        let yaml = Self.edited("    domains: [contoso.example]", "    domains: [contoso.example\n    cloud: public")
        let error = try #require(Self.error(yaml))
        #expect(error.file == "dir.yaml")
        #expect(error.line != nil && error.line! >= Self.line(of: "domains:", in: yaml))
        #expect(error.message.hasPrefix("not valid YAML"))
        #expect(error.description.hasPrefix("dir.yaml:\(error.line!): "))
        let tabs = try #require(Self.error("tenants:\n\t- name: contoso\n"))
        #expect(tabs.line == 2, "\(tabs)")
        #expect(Self.error("")?.message == "the file is empty")
    }

    @Test func unknownKeyIsRefused() {
        let yaml = Self.edited("    clientId: 7b2d1f3a", "    clientid: 7b2d1f3a")
        expectError(yaml, line: "clientid:", key: "apps[1].clientid", saying: "unknown key `clientid`")
        expectError(Self.edited("tenants:", "tenant:"), line: "tenant:", key: "tenant", saying: "unknown key")
        expectError(Self.edited("    homeTenant: contoso", "    homeTenant: contoso\n    mfa: true"),
                    line: "mfa: true", key: "users[0].mfa", saying: "expected one of")
    }

    @Test func badGUIDIsRefused() {
        expectError(Self.edited("clientId: ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67", "clientId: ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c6"),
                    line: "clientId: ad4f", key: "apps[0].clientId", saying: "is not a GUID")
        expectError(Self.edited("oid: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c71", "oid: alice"),
                    line: "oid: alice", key: "users[0].oid", saying: "`alice` is not a GUID")
        expectError(Self.edited("    id: 4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a75", "    id: 4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7g75"),
                    line: "7g75", key: "conditionalAccess[0].id", saying: "is not a GUID")
    }

    @Test func missingRequiredFieldIsNamed() {
        expectError(Self.edited("    homeTenant: contoso\n", ""), line: "- name: alice", key: "users[0].homeTenant", saying: "is required")
        expectError(Self.edited("    tenant: contoso\nusers:", "users:"), line: "- name: client", key: "apps[1].tenant", saying: "is required")
    }

    @Test func unquotedHashValueIsRefusedNotEmptied() {
        // `value: #s3cret` is a comment: YAML reads an empty value.
        expectError(Self.edited(#"value: "s3cret""#, "value: #s3cret"),
                    line: "value: #s3cret", key: "apps[0].secrets[0].value", saying: "must be quoted")
        expectError(Self.edited("    upn: alice@contoso.example", "    upn: #alice"),
                    line: "upn: #alice", key: "users[0].upn", saying: "must be quoted")
    }

    @Test func unknownReferencesAreNamedWithTheirLine() {
        expectError(Self.edited("    tenant: contoso\n    appIdUris", "    tenant: contso\n    appIdUris"),
                    line: "tenant: contso", key: "apps[0].tenant", saying: "no tenant named `contso`")
        expectError(Self.edited("{client: client, resource: api, scopes", "{client: clinet, resource: api, scopes"),
                    line: "clinet", key: "delegatedGrants[0].client", saying: "no app named `clinet`")
        expectError(Self.edited("users: [alice]", "users: [alice, bob]"),
                    line: "users: [alice, bob]", key: "conditionalAccess[0].users[1]", saying: "no user named `bob`")
        expectError(Self.edited("scopes: [Data.Read], tenant", "scopes: [Data.Read, Data.Write], tenant"),
                    line: "Data.Write", key: "delegatedGrants[0].scopes[1]", saying: "exposes no scope `Data.Write`")
        expectError(Self.edited("role: Data.Read.All", "role: Data.Write.All"),
                    line: "Data.Write.All", key: "appRoleAssignments[0].role", saying: "has no app role `Data.Write.All`")
        expectError(Self.edited("    resource: api\n", "    resource: nowhere\n"),
                    line: "resource: nowhere", key: "conditionalAccess[0].resource", saying: "no app named `nowhere`")
        expectError(Self.edited("    homeTenant: contoso", "    homeTenant: contoso\n    guestOf: [fabrikam]"),
                    line: "guestOf", key: "users[0].guestOf[0]", saying: "no tenant named `fabrikam`")
    }

    @Test func duplicatesAreNamedAtTheSecondOccurrence() {
        let twoTenants = Self.edited("apps:", """
          - name: Contoso
            id: 5c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f
        apps:
        """)
        // Names compare without regard to case.
        expectError(twoTenants, line: "name: Contoso", key: "tenants[1].name", saying: "`Contoso` is used twice (first at tenants[0].name)")
        // Line of the second entry's `name` (the list item starts on it).
        let twoApps = Self.edited("  - name: client\n", "  - name: API\n")
        expectError(twoApps, line: "- name: API", key: "apps[1].name", saying: "is used twice")
        let sameURI = Self.edited("    tenant: contoso\nusers:", "    tenant: contoso\n    appIdUris: [api://API/]\nusers:")
        expectError(sameURI, line: "api://API/", key: "apps[1].appIdUris[0]", saying: "is used twice (first at apps[0].appIdUris[0])")
    }

    @Test func tokenVersionMustBeOneOrTwo() {
        expectError(Self.edited("accessTokenAcceptedVersion: 2", "accessTokenAcceptedVersion: 3"),
                    line: "accessTokenAcceptedVersion", key: "apps[0].accessTokenAcceptedVersion", saying: "must be 1 or 2")
        expectError(Self.edited("accessTokenAcceptedVersion: 2", "accessTokenAcceptedVersion: two"),
                    line: "accessTokenAcceptedVersion", key: "apps[0].accessTokenAcceptedVersion", saying: "whole number")
    }

    @Test func secretExpiryMustBeADate() {
        for bad in ["2099-13-01", "next year", "31/12/2099", "2099-12-31T25:00:00Z"] {
            expectError(Self.edited("expires: 2099-12-31", "expires: \(bad)"),
                        line: "expires:", key: "apps[0].secrets[0].expires", saying: "is not a date")
        }
        #expect(Self.error(Self.edited("expires: 2099-12-31", "expires: 2099-12-31T23:59:59Z")) == nil)
    }

    @Test func certificateNeedsExactlyOneSource() {
        expectError(Self.edited("        generate: true", "        generate: true\n        pem: \"-----BEGIN CERTIFICATE-----\""),
                    line: "generate: true", key: "apps[0].certificates[0].generate", saying: "not both")
        expectError(Self.edited("        generate: true", "        generate: false"),
                    line: "- name: api-cert", key: "apps[0].certificates[0]", saying: "give the certificate as `pem`")
    }

    @Test func certificatePEMIsCheckedWhenLoading() {
        let cases = [
            ("not a certificate", "is not a PEM certificate"),
            ("-----BEGIN PRIVATE KEY-----", "is a private key"),
            ("-----BEGIN CERTIFICATE----- !!!! -----END CERTIFICATE-----", "not base64"),
            ("-----BEGIN CERTIFICATE----- AAAA -----END CERTIFICATE-----", "not a valid X.509 certificate"),
            ("-----BEGIN CERTIFICATE----- MIIB", "no -----END CERTIFICATE-----"),
        ]
        for (pem, message) in cases {
            expectError(Self.edited("        generate: true", "        pem: \"\(pem)\""),
                        line: "pem:", key: "apps[0].certificates[0].pem", saying: message)
        }
    }

    @Test func certificateNamesAreSafeFileNamesAndUnique() {
        expectError(Self.edited("name: api-cert", "name: ../api-cert"),
                    line: "../api-cert", key: "apps[0].certificates[0].name", saying: "must be letters")
        let twice = Self.edited("    tenant: contoso\nusers:", "    tenant: contoso\n    certificates:\n      - {name: API-cert, generate: true}\nusers:")
        expectError(twice, line: "API-cert", key: "apps[1].certificates[0].name", saying: "is used twice")
    }

    @Test func actionMustBeKnown() {
        expectError(Self.edited("action: require-mfa", "action: require_mfa"),
                    line: "require_mfa", key: "conditionalAccess[0].action", saying: "must be `require-mfa` or `block`")
    }
}
