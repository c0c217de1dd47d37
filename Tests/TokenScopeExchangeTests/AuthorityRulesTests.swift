import Testing
import TokenScopeCore

/// Where credentials may go: refused before sending, with the reason.
@Suite("Authority rules")
struct AuthorityRulesTests {
    func resolve(_ s: AuthoritySelection, defaultTenant: String? = nil) throws(ExchangeInputError) -> Authority {
        try AuthorityRules.resolve(s, defaultTenant: defaultTenant)
    }

    func refusal(_ s: AuthoritySelection) -> String? {
        do { _ = try resolve(s); return nil } catch { return error.id }
    }

    @Test("Clouds by name, tenant by flag, default tenant (OBO: the assertion's tid), common otherwise")
    func clouds() throws {
        #expect(try resolve(.init(cloud: .usgov, tenant: "contoso.onmicrosoft.us")).url == "https://login.microsoftonline.us/contoso.onmicrosoft.us")
        #expect(try resolve(.init(cloud: .china, tenant: "x")).url == "https://login.partner.microsoftonline.cn/x")
        #expect(try resolve(.init(), defaultTenant: "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f").url == "https://login.microsoftonline.com/3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f")
        #expect(try resolve(.init()).tenant == "common")
        #expect(try resolve(.init(authorityHostEnvironment: "login.microsoftonline.us")).cloud == .usgov)
        #expect(try resolve(.init(authorityHostEnvironment: "https://login.chinacloudapi.cn/")).cloud == .china)
    }

    @Test("Entra endpoint templates for Entra and Entra-shaped custom authorities")
    func templates() throws {
        let sandbox = try resolve(.init(authorityURL: "http://127.0.0.1:8400/contoso"))
        #expect(sandbox.kind == .custom)
        #expect(sandbox.entraEndpoints == AuthorityEndpoints(token: "http://127.0.0.1:8400/contoso/oauth2/v2.0/token",
                                                            authorize: "http://127.0.0.1:8400/contoso/oauth2/v2.0/authorize",
                                                            deviceCode: "http://127.0.0.1:8400/contoso/oauth2/v2.0/devicecode"))
        #expect(try resolve(.init(authorityURL: "https://login.microsoftonline.com/contoso.onmicrosoft.com/")).kind == .entra(.public))
        #expect(try resolve(.init(authorityURL: "http://127.0.0.1:8400"), defaultTenant: "fab0c1d2-e3f4-4a5b-8c6d-7e8f9a0b1c2d").tenant == "fab0c1d2-e3f4-4a5b-8c6d-7e8f9a0b1c2d")
    }

    @Test("Refused before sending: plain http to a remote host, credentials in the URL, look-alike and unknown hosts, odd ports, extra path")
    func refusals() {
        #expect(refusal(.init(authorityURL: "http://login.microsoftonline.com/contoso")) == "authority-not-https")
        #expect(refusal(.init(authorityURL: "https://user:pw@login.microsoftonline.com/contoso")) == "authority-credentials")
        #expect(refusal(.init(authorityURL: "https://login.microsoftonIine.com/contoso")) == "authority-unknown-host")
        #expect(refusal(.init(authorityURL: "https://xn--lgin-microsoftonline-b0b.com/contoso")) == "authority-unknown-host")
        #expect(refusal(.init(authorityURL: "https://lоgin.microsoftonline.com/contoso")) == "authority-idn")   // Cyrillic о
        #expect(refusal(.init(authorityURL: "https://login.microsoftonline.com:8443/contoso")) == "authority-unknown-host")
        #expect(refusal(.init(authorityURL: "https://login.microsoftonline.com/contoso/oauth2/v2.0/token")) == "authority-path")
        #expect(refusal(.init(authorityURL: "ftp://127.0.0.1/contoso")) == "authority-not-https")
        #expect(refusal(.init(authorityURL: "not a url")) == "authority-invalid")
        #expect(refusal(.init(tenant: "contoso; rm -rf")) == "tenant-invalid")
        #expect(refusal(.init(tenant: "a", authorityURL: "https://login.microsoftonline.com/b")) == "tenant-conflict")
        #expect(refusal(.init(authorityURL: "https://login.microsoftonline.com/a", oidcAuthorityURL: "https://x/y")) == "authority-conflict")
        #expect(refusal(.init(authorityHostEnvironment: "evil.example")) == "authority-unknown-host")
    }

    @Test("--allow-custom-authority admits a custom https host; loopback needs no flag")
    func customAllowed() throws {
        #expect(try resolve(.init(authorityURL: "https://idp.example:8443/tenant-a", allowCustomAuthority: true)).kind == .custom)
        #expect(try resolve(.init(authorityURL: "http://localhost:9000/contoso")).isLoopback)
        #expect(try resolve(.init(authorityURL: "http://[::1]:9000/contoso")).isLoopback)
        let oidc = try resolve(.init(oidcAuthorityURL: "https://idp.example/realms/demo/", allowCustomAuthority: true))
        #expect(oidc.kind == .oidc && oidc.url == "https://idp.example/realms/demo" && oidc.entraEndpoints == nil && !oidc.supportsSHA2Assertions)
    }

    @Test("Scope rules refuse what Entra would refuse")
    func scopes() {
        func id(_ flow: ExchangeFlow, _ scopes: [String]) -> String? {
            do { try ScopeRules.check(flow, requested: scopes); return nil } catch { return error.id }
        }
        #expect(id(.clientCredentials, []) == "scope-missing")
        #expect(id(.clientCredentials, ["api://x/Data.Read"]) == "scope-not-default")
        #expect(id(.clientCredentials, ["api://x/.default", "https://graph.microsoft.com/.default"]) == "scope-multiple-resources")
        #expect(id(.clientCredentials, ["https://management.azure.com//.default"]) == nil)
        #expect(id(.onBehalfOf, ["openid", "profile"]) == "scope-missing")
        #expect(id(.onBehalfOf, ["https://graph.microsoft.com/.default", "User.Read"]) == "scope-default-mixed")
        #expect(id(.onBehalfOf, ["api://downstream-api/Data.Read"]) == nil)
        #expect(ScopeRules.scopes(for: .onBehalfOf, requested: ["a b", "OPENID"], addReserved: true) == ["a", "b", "OPENID", "profile", "offline_access"])
        #expect(ScopeRules.resourceOf("User.Read") == "https://graph.microsoft.com")
    }

    @Test("Claims challenges in every form people paste")
    func claimsForms() throws {
        let json = #"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#
        let b64 = Base64Standard.encode(Array(json.utf8))
        #expect(try ClaimsChallenge.parse(json)["access_token"]?["nbf"]?["value"]?.stringValue == "1604106651")
        #expect(try ClaimsChallenge.parse(b64) == (try ClaimsChallenge.parse(json)))
        let header = #"WWW-Authenticate: Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="\#(b64)""#
        #expect(try ClaimsChallenge.parse(header) == (try ClaimsChallenge.parse(json)))
        let errorBody = #"{"error":"interaction_required","claims":"{\"access_token\":{\"polids\":{\"essential\":true,\"values\":[\"p\"]}}}"}"#
        #expect(try ClaimsChallenge.parse(errorBody)["access_token"]?["polids"] != nil)
        #expect(throws: ExchangeInputError.self) { try ClaimsChallenge.parse("not claims") }
        #expect(ClaimsChallenge.merged(challenge: nil, capabilities: ["cp1"]) == #"{"access_token":{"xms_cc":{"values":["cp1"]}}}"#)
    }

    @Test("Proxy settings: HTTPS_PROXY with credentials, NO_PROXY suffixes, loopback always direct")
    func proxies() throws {
        let p = try ProxySettings.from(environment: ["HTTPS_PROXY": "http://u%40x:p@proxy.corp:3128", "NO_PROXY": ".internal.example, graph.microsoft.com"])
        #expect(p.proxy(for: "login.microsoftonline.com") == .init(host: "proxy.corp", port: 3128, credentials: "u@x:p"))
        #expect(p.proxy(for: "sts.internal.example") == nil && p.proxy(for: "graph.microsoft.com") == nil && p.proxy(for: "127.0.0.1") == nil)
        #expect(try ProxySettings.from(environment: ["https_proxy": "proxy:8080"]).proxy(for: "x.example")?.port == 8080)
        #expect(try ProxySettings.from(environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"]).proxy(for: "x.example") == nil)
        #expect(throws: ExchangeInputError.self) { try ProxySettings.from(environment: ["HTTPS_PROXY": "https://p:1"]) }
    }
}
