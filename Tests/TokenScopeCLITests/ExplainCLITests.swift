import Foundation
import Testing
import TokenScopeCore
import TokenScopeTestSupport

/// `tokenscope explain`: input forms, exit codes, the `--json` shape, the flow chooser.
@Suite("CLI: explain")
struct ExplainCLITests {
    let now = "--now=2026-11-29T10:00:00Z"

    static let oboClaimsPaste = #"""
    Microsoft.Identity.Client.MsalUiRequiredException: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.
    Trace ID: fa9d1369-853f-423f-b624-b78cd3da0e00
    Correlation ID: 70fee1b3-4ec2-4bcd-8637-471686d69b2e
    Timestamp: 2022-09-10 16:43:36Z
       at Microsoft.Identity.Client.Internal.Requests.OnBehalfOfRequest.ExecuteAsync(CancellationToken cancellationToken)
    {"error":"interaction_required","error_codes":[50076],"suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"59866338-815e-41e6-9613-0ec6218e5c3d\"]}}}"}
    """#

    @Test func aCodeAsArgumentJSON() async throws {
        let r = try await CLIRunner.runDetached(["explain", "AADSTS50013", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["codes"]?.arrayValue?.count == 1)
        #expect(doc["recognised"]?.boolValue == true)
        #expect(doc["advice"]?.arrayValue?.first?["id"]?.stringValue == "obo-assertion-for-other-api")
        for member in ["codes", "error", "traceId", "correlationId", "timestamp", "suberror", "claimsChallenge", "tokens", "errors", "advice"] {
            #expect(doc[member] != nil, "\(member)")
        }
        try Golden.check(r.stdout, "explain-50013.json")
    }

    @Test func aPasteOnStdinHuman() async throws {
        let r = try await CLIRunner.runDetached(["explain", "-", "--no-color"], stdin: Self.oboClaimsPaste)
        #expect(r.status == 0)
        #expect(r.stdout.contains("fa9d1369-853f-423f-b624-b78cd3da0e00"))
        #expect(r.stdout.contains("obo-mfa-claims-challenge"))
        #expect(!r.stdout.contains("\u{1B}["))
        try Golden.check(r.stdout, "explain-obo-claims.txt")
    }

    @Test func aPasteWithATokenJSON() async throws {
        let paste = "AADSTS50013: Assertion failed signature validation.\nThe middle tier passed: " + TestToken.v2IDToken().signed()
        let path = try CLIRunner.temporaryFile(paste)
        let r = try await CLIRunner.runDetached(["explain", "--file", path, "--json", now])
        #expect(r.status == 0)
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["tokens"]?.arrayValue?.first?["kind"]?.stringValue == "id_token")
        #expect(doc["advice"]?.arrayValue?.first?["id"]?.stringValue == "obo-assertion-is-id-token")
        #expect(doc["advice"]?.arrayValue?.first?["confidence"]?.stringValue == "high")
        try Golden.check(r.stdout, "explain-id-token-assertion.json")
    }

    @Test func theStatedFlowRanks() async throws {
        let text = "AADSTS65001: The user or administrator has not consented to use the application."
        let obo = try await CLIRunner.runDetached(["explain", text, "--flow", "obo", "--json"])
        let code = try await CLIRunner.runDetached(["explain", text, "--flow", "auth-code", "--json"])
        #expect(try JSONParser.parse(obo.stdout)["advice"]?.arrayValue?.first?["id"]?.stringValue == "obo-downstream-consent-missing")
        #expect(try JSONParser.parse(code.stdout)["advice"]?.arrayValue?.first?["id"]?.stringValue == "client-consent-missing")
        #expect(try JSONParser.parse(obo.stdout)["flowSource"]?.stringValue == "option")
    }

    @Test func nothingRecognisedExitsOne() async throws {
        let r = try await CLIRunner.runDetached(["explain", "the app just says something went wrong", "--json"])
        #expect(r.status == 1)
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["recognised"]?.boolValue == false)
        #expect(doc["advice"]?.arrayValue?.first?["id"]?.stringValue == "nothing-recognised")
    }

    @Test func usageAndUnreadableInputExitTwo() async throws {
        let cases: [[String]] = [
            ["explain", "AADSTS50013", "--flow", "implicit"],
            ["explain", "--file", "/nonexistent/paste.txt"],
            ["explain", "AADSTS50013", "--caller", "daemon"],
            ["explain", "--choose-flow", "--caller", "robot"],
        ]
        for arguments in cases {
            let r = try await CLIRunner.runDetached(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(!r.stderr.isEmpty)
        }
        let empty = try await CLIRunner.runDetached(["explain", "-"], stdin: "  \n")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("empty"))
    }

    @Test func theFlowChooserTakesItsAnswersAsFlags() async throws {
        let r = try await CLIRunner.runDetached(["explain", "--choose-flow", "--caller", "web-api", "--user-present", "yes", "--b2c", "no",
                                                 "--long-running", "no", "--on-azure", "yes", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["flow"]?.stringValue == "obo")
        try Golden.check(r.stdout, "explain-choose-flow.json")

        let human = try await CLIRunner.runDetached(["explain", "--choose-flow", "--caller", "spa", "--no-color"])
        #expect(human.status == 0)
        #expect(human.stdout.contains("Recommended: Authorization code with PKCE in the browser"))
        #expect(human.stdout.contains("cannot do On-Behalf-Of"))
    }

    @Test func theFlowChooserNamesTheMissingAnswerWhenNotOnATerminal() async throws {
        let r = try await CLIRunner.runDetached(["explain", "--choose-flow", "--caller", "web-api"], stdin: "")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--user-present"))
    }

    @Test func hostileTextIsEscaped() async throws {
        let r = try await CLIRunner.runDetached(["explain", "-", "--no-color"],
                                                stdin: "AADSTS7000215: Invalid client secret \u{1B}]0;pwned\u{07}\u{1B}[2J provided.\u{202E} Trace ID: 6f6c4645-0202-4486-b625-fa957dfc4700")
        #expect(r.status == 0)
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("\u{202E}"))
        #expect(r.stdout.contains("\\e"))
    }
}
