import Foundation
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// Pins the public output contracts: the `--json` shape and the human report.
@Suite("Golden output")
struct GoldenOutputTests {
    let now = "--now=2026-11-29T10:00:00Z"

    func b64(_ s: String) -> String { Base64URL.encode(Array(s.utf8)) }

    @Test func oboReadyAccessTokenJSON() async throws {
        let r = try await CLIRunner.runDetached(["decode", TestToken.v2AccessToken().signed(), now, "--json", "--flow", "obo",
                                   "--expect-audience", TestToken.middleTier, "--expect-scope", "access_as_user"])
        #expect(r.status == 0)
        try Golden.check(r.stdout, "obo-ready-access-token.json")
    }

    @Test func idTokenForOBOHuman() async throws {
        let r = try await CLIRunner.runDetached(["decode", TestToken.v2IDToken().signed(), now, "--flow", "obo", "--expect-audience", "api://middle-tier"])
        #expect(r.status == 1)
        try Golden.check(r.stdout, "id-token-for-obo.txt")
    }

    @Test func v1AccessTokenHuman() async throws {
        let r = try await CLIRunner.runDetached(["decode", TestToken.v1AccessToken().signed(), now])
        #expect(r.status == 0)
        try Golden.check(r.stdout, "v1-access-token.txt")
    }

    @Test func tokenResponseJSONHasOneObjectPerToken() async throws {
        let jwe = "\(b64(#"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"enc-key"}"#)).a2V5.aXY.Y2lwaGVy.dGFn"
        let response = """
        {"token_type":"Bearer","access_token":"\(TestToken.appOnlyToken().signed())","id_token":"\(jwe)","refresh_token":"0.AXYZabcdefghijklmnopqrstuvwxyz0123456789"}
        """
        let r = try await CLIRunner.runDetached(["decode", "-", now, "--json"], stdin: response)
        #expect(r.status == 0)
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["tokens"]?.arrayValue?.count == 3)
        try Golden.check(r.stdout, "token-response.json")
    }

    @Test func opaqueMSATokenHuman() async throws {
        let r = try await CLIRunner.runDetached(["decode", "EwB" + String(repeating: "Qk9Y", count: 40), now])
        #expect(r.status == 0)
        try Golden.check(r.stdout, "opaque-msa.txt")
    }
}
