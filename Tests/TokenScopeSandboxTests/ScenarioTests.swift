import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeHTTP
@testable import TokenScopeSandbox

@Suite("Sandbox: scenarios")
struct ScenarioTests {
    /// The failures the issue requires the sandbox to reproduce.
    static let requiredCodes = [50013, 500131, 500133, 240002, 65001, 50076, 53003, 70011, 9001023, 500011, 700016, 7000215,
                                7000222, 7000218, 700024, 700027, 50012, 700211, 700213, 70021, 54005, 501481, 50148, 9002327,
                                50011, 90009, 90002, 700082, 7000114, 50020, 900144, 90014, 70000, 700005]
    static let happyPaths = ["cc-secret", "cc-certificate", "cc-federated", "obo-secret", "obo-certificate", "auth-code-pkce", "refresh-token", "device-code"]

    static func run(_ scenario: Scenario) throws -> ScenarioRunner.Outcome {
        try ScenarioRunner.run(scenario, directory: try DirectoryLoader.load(yaml: DemoDirectory.yaml, file: "<demo>"), start: SandboxHarness.now)
    }

    @Test func theCatalogueCoversEveryRequiredCodeAndEveryHappyPath() {
        let codes = Set(ScenarioCatalogue.all.compactMap(\.code))
        #expect(Set(Self.requiredCodes).subtracting(codes).isEmpty, "missing: \(Set(Self.requiredCodes).subtracting(codes).sorted())")
        let ids = ScenarioCatalogue.all.map(\.id)
        #expect(Set(Self.happyPaths).isSubset(of: Set(ids)))
        #expect(ScenarioCatalogue.all.filter { $0.code == nil }.allSatisfy { $0.status == 200 })
    }

    @Test func idsAreUniqueAndKebabCase() {
        let ids = ScenarioCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" } && !id.hasPrefix("-") && !id.hasSuffix("-"), "\(id)")
        }
    }

    @Test func everyScenarioHasOneCommandForTheRunningSandbox() {
        for scenario in ScenarioCatalogue.all {
            let command = scenario.command(baseURL: "http://127.0.0.1:8400")
            #expect(!command.contains("\n"), "\(scenario.id)")
            if scenario.needsClock {
                #expect(command == "tokenscope sandbox scenarios --run \(scenario.id)")
            } else {
                #expect(command.contains("http://127.0.0.1:8400"), "\(scenario.id)")
                #expect(command.contains("curl -s"), "\(scenario.id)")
            }
        }
    }

    @Test func commandsAreCurlLinesWithMintedTokens() throws {
        let secret = try #require(ScenarioCatalogue.scenario(id: "cc-secret"))
        #expect(secret.command(baseURL: "http://127.0.0.1:8400") == """
            curl -s "http://127.0.0.1:8400/contoso.onmicrosoft.com/oauth2/v2.0/token" --data-urlencode grant_type=client_credentials \
            --data-urlencode client_id=cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69 --data-urlencode 'client_secret=daemon-demo-secret~0123456789abcdef' \
            --data-urlencode scope=api://downstream-api/.default
            """)
        let obo = try #require(ScenarioCatalogue.scenario(id: "obo-id-token-assertion"))
        #expect(obo.command(baseURL: "http://127.0.0.1:8400", mintOptions: ["--state-dir", "/tmp/s"])
            .contains(#""assertion=$(tokenscope sandbox mint --id-token --user alice --client spa-client --state-dir /tmp/s)""#))
        let twice = try #require(ScenarioCatalogue.scenario(id: "auth-code-redeemed-twice"))
        let command = twice.command(baseURL: "http://127.0.0.1:8400")
        #expect(command.hasPrefix("S=http://127.0.0.1:8400; CODE=$(curl -s -o /dev/null -w '%{redirect_url}' \"$S/contoso.onmicrosoft.com/oauth2/v2.0/authorize?"))
        #expect(command.contains(#""code=$CODE""#))
    }

    @Test func demoValuesMatchTheDemoDirectory() throws {
        let h = try SandboxHarness()
        typealias Demo = ScenarioCatalogue.Demo
        #expect(h.app("daemon").clientId == Demo.daemon && h.secret("daemon") == Demo.daemonSecret && h.app("daemon").secrets[0].id == Demo.daemonSecretID)
        #expect(h.app("middle-tier-api").clientId == Demo.middleTier && h.secret("middle-tier-api") == Demo.middleTierSecret)
        #expect(h.app("middle-tier-api").secrets[1].value == Demo.middleTierExpiredSecret)
        #expect(h.app("web-app").clientId == Demo.webApp && h.secret("web-app") == Demo.webAppSecret)
        #expect(h.app("spa-client").clientId == Demo.spaClient)
        #expect(h.user("alice").upn == Demo.alice)
        #expect(h.contoso.domains.contains(Demo.tenant) && h.fabrikam.domains.contains(Demo.fabrikam))
    }

    @Test(arguments: ScenarioCatalogue.all.filter { $0.flow == "client-credentials" }.map(\.id))
    func clientCredentialScenariosEndAsDocumented(id: String) throws {
        let scenario = try #require(ScenarioCatalogue.scenario(id: id))
        let outcome = try Self.run(scenario)
        #expect(outcome.status == scenario.status, "\(id): \(outcome.steps.last?.response ?? "")")
        #expect(outcome.code == scenario.code, "\(id): \(outcome.steps.last?.response ?? "")")
        if scenario.code == nil { #expect(outcome.finalBody?["access_token"] != nil) }
    }

    @Test(arguments: ScenarioCatalogue.all.filter { $0.flow != "client-credentials" }.map(\.id))
    func otherScenariosEndAsDocumented(id: String) throws {
        let scenario = try #require(ScenarioCatalogue.scenario(id: id))
        let outcome = try Self.run(scenario)
        #expect(outcome.matches(scenario), "\(id): \(outcome.steps.map { "\($0.status) \($0.response)" }.joined(separator: " | "))")
    }

    @Test func theMFAChallengeCarriesClaims() throws {
        let outcome = try Self.run(try #require(ScenarioCatalogue.scenario(id: "obo-mfa-required")))
        #expect(outcome.finalBody?["suberror"] == .string("basic_action"))
        #expect(outcome.finalBody?["claims"]?.stringValue?.contains("capolids") == true)
    }

    /// The rendered command itself, run by a shell against a live sandbox (curl-only scenarios).
    @Test func aCurlCommandReproducesItsScenarioLive() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return }
        try await Live.withServer { server, _ in
            for id in ["cc-secret", "cc-secret-id-instead-of-value", "cc-invalid-scope"] {
                let scenario = try #require(ScenarioCatalogue.scenario(id: id))
                let output = try Self.shell(scenario.command(baseURL: server.baseURL))
                let body = try #require(try? JSONParser.parse(output), "\(id): \(output)")
                if let code = scenario.code {
                    #expect(SandboxHarness.code(body) == code, "\(id)")
                } else {
                    #expect(body["access_token"] != nil, "\(id)")
                }
            }
        }
    }

    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func mintRejectsWhatItCannotMake() throws {
        let h = try SandboxHarness()
        let cases: [MintSpec] = [
            MintSpec(.accessToken, user: "nobody", client: "spa-client", scope: "api://middle-tier-api/access_as_user"),
            MintSpec(.accessToken, user: "alice", client: "no-app", scope: "api://middle-tier-api/access_as_user"),
            MintSpec(.accessToken, user: "alice", client: "spa-client", scope: "api://nowhere/x"),
            MintSpec(.accessToken, client: "daemon", scope: "api://downstream-api/Data.Read"),
            MintSpec(.clientAssertion, client: "daemon"),
            MintSpec(.workload),
        ]
        for spec in cases {
            #expect(throws: MintError.self, "\(spec.arguments)") { _ = try SandboxMint.mint(spec, authority: h.authority, now: SandboxHarness.now) }
        }
    }

    @Test func mintedTokensHaveTheRequestedShape() throws {
        let h = try SandboxHarness()
        var v1 = MintSpec(.accessToken, user: "bob", client: "spa-client", scope: "api://middle-tier-api/access_as_user")
        v1.version = 1
        v1.expired = true
        let claims = try #require(SandboxHarness.claims(try SandboxMint.mint(v1, authority: h.authority, now: SandboxHarness.now)))
        #expect(claims["ver"] == .string("1.0"))
        #expect(claims["exp"]?.doubleValue.map { Int64($0) }.map { $0 < SandboxHarness.now - 300 } == true)
        #expect(claims["tid"] == .string(DemoDirectory.contoso))
        #expect(claims["idp"] != nil)   // bob is a guest in contoso

        let assertion = try SandboxMint.mint(MintSpec(.clientAssertion, client: "middle-tier-api", tenant: "contoso.onmicrosoft.com"),
                                             authority: h.authority, now: SandboxHarness.now)
        let parsed = TokenParser.parse(assertion)
        #expect(parsed.claims?["aud"] == .string("http://127.0.0.1:8400/contoso.onmicrosoft.com/oauth2/v2.0/token"))
        #expect(parsed.claims?["iss"] == parsed.claims?["sub"])
        #expect(parsed.header?["x5t"] == .string(h.authority.certificates.certificates(app: "middle-tier-api")[0].sha1Thumbprint))
    }

    @Test func groupsMakeLargeTokensWithStableGroupIDs() throws {
        let h = try SandboxHarness()
        var spec = MintSpec(.accessToken, user: "alice", client: "spa-client", scope: "api://middle-tier-api/access_as_user")
        spec.groups = 290
        let token = try SandboxMint.mint(spec, authority: h.authority, now: SandboxHarness.now)
        let claims = try #require(SandboxHarness.claims(token))
        guard case let .array(groups)? = claims["groups"] else { Issue.record("no groups claim"); return }
        #expect(groups.count == 290)
        #expect(groups.first == .string("9f0e1d2c-3b4a-4c5d-8e6f-000000000000"))
        #expect(groups.last == .string("9f0e1d2c-3b4a-4c5d-8e6f-000000000121"))
        #expect((16_000...18_000).contains(token.utf8.count))
        #expect(spec.arguments.suffix(2) == ["--groups", "290"])
        spec.groups = 0
        #expect(try SandboxHarness.claims(try SandboxMint.mint(spec, authority: h.authority, now: SandboxHarness.now))?["groups"] == nil)
    }
}
