import Foundation
import Glibc
import Testing

/// The explorer end to end: the real `tokenscope` binary in a tmux pane, its embedded sandbox on a
/// loopback port, driven by keys and bracketed pastes (issue 6, "Tests and figures"). Each test has
/// its own tmux server, scratch directory and sandbox state, so they run in parallel.
///
/// Run alone: `swift test --skip-build --filter ExplorerEndToEnd`. Skipped without tmux.
@Suite("ExplorerEndToEnd: the explorer under tmux", .tags(.explorerEndToEnd), .enabled(if: TUITestSupport.tmuxAvailable, TUITestSupport.tmuxMissing))
struct ExplorerEndToEndTests {
    typealias App = ExplorerDriver

    // MARK: Paste

    @Test func bracketedPasteOfA2KBAnd16KBTokenIsInspectedAtOnce() async throws {
        try await App.with { app in
            let tui = app.tui
            let url = try await app.waitForSandbox()
            let middleTier = try await app.app("middle-tier-api")
            let middleTierID = try #require(middleTier["clientId"] as? String)
            for (groups, size) in [(20, 2 * 1024), (290, 16 * 1024)] {
                let token = try await app.mint(groups: groups, baseURL: url)
                #expect(abs(token.utf8.count - size) < size / 4, "minted \(token.utf8.count) bytes, wanted about \(size)")
                #expect(token.contains("q") && token.contains("e"))
                try await tui.paste(token)
                // The status counts what arrived: the paste came in one piece.
                let screen = try await app.waitForSettled("the \(token.utf8.count)-character paste inspected") {
                    App.statusBar($0).contains("Pasted \(token.count) characters: access token (delegated), v2.0")
                }
                let pane = try #require(App.pane("1 Token", in: screen)?.rows)
                #expect(pane[0].hasPrefix("▸ " + token.prefix(40)), "the input row shows the token's beginning")
                #expect(pane[1].hasPrefix("access token (delegated), v2.0, local issuer (loopback"))
                // aud is the middle tier and the sample OBO form expects it: nothing to flag.
                #expect(pane[2].hasPrefix("✔ no findings"), "counts row: \(pane[2])")
                #expect(pane[2].contains("OBO: ✔ ready"), "counts row: \(pane[2])")
                #expect(pane.contains { $0.hasPrefix("  claim ") && $0.contains("value") && $0.contains("meaning") })
                #expect(pane.contains { $0.hasPrefix("  aud ") && $0.contains(String(middleTierID.prefix(16))) })
                let groupsRow = pane.first { $0.hasPrefix("  groups ") }
                #expect(groupsRow?.contains("[\"") == true, "no groups row in the claims table:\n\(pane.joined(separator: "\n"))")
                #expect(pane.contains { $0.hasPrefix("  scp ") && $0.contains("access_as_user") })
                #expect(App.tabBar(screen).contains("3 Result") && !App.tabBar(screen).contains("3 Result ✔"), "a paste must not run anything")
            }
            // The same sizes, expired: the flags must show — the counts, the verdict, the marked claim.
            for groups in [20, 290] {
                let token = try await app.mint(groups: groups, expired: true, baseURL: url)
                try await tui.paste(token)
                let screen = try await app.waitForSettled("the expired \(token.utf8.count)-character paste inspected") {
                    App.statusBar($0).contains("Pasted \(token.count) characters: access token (delegated), v2.0")
                }
                let pane = try #require(App.pane("1 Token", in: screen)?.rows)
                #expect(pane[2].hasPrefix("✖ 1 error"), "counts row: \(pane[2])")
                #expect(pane[2].contains("OBO: ✖ not ready"), "counts row: \(pane[2])")
                #expect(pane[3].hasPrefix("✖ expired: expired 1 h"), "finding row: \(pane[3])")
                #expect(pane.contains { $0.hasPrefix("✖ exp ") }, "exp is not marked:\n\(pane.joined(separator: "\n"))")
            }
            #expect(try await tui.state().isDead == false)
        }
    }

    /// A pasted token is data: its letters (q quits, e exports, t themes, s samples, ? help, h history)
    /// never act, whichever pane has focus.
    @Test func lettersInAPastedTokenNeverAct() async throws {
        try await App.with { app in
            let tui = app.tui
            let url = try await app.waitForSandbox()
            let token = try await app.mint(baseURL: url)
            for letter in ["q", "e", "t", "s", "h"] { #expect(token.contains(letter), "the token has no \(letter)") }
            // From the Result pane, where q and e are live keys.
            try await tui.sendKeys("3")
            try await app.waitForSettled("the Result pane focused") { $0.contains("No exchange yet.") && App.frameTitles($0).first == "3 Result" }
            // With ? and a Ctrl-C byte inside the paste too: only the paste brackets decide.
            for text in [token, "?q e t\u{03}" + token] {
                try await tui.paste(text)
                let screen = try await app.waitForSettled("the paste inspected in the Token pane") {
                    App.statusBar($0).contains("Pasted \(text.count) characters") && App.frameTitles($0).first == "1 Token"
                }
                #expect(try await tui.state().isDead == false, "a pasted q quit the explorer")
                #expect(App.titleBar(screen).contains("theme default"), "a pasted t switched the theme")
                #expect(!screen.contains("Samples (embedded sandbox)") && !screen.contains("Help — "), "a pasted letter opened a dialog")
                #expect(!screen.contains("No runs yet"), "a pasted h asked for the history")
            }
            // e would have written the report by now (the second paste's status came after it).
            #expect(App.exports(in: tui.workingDirectory).isEmpty, "a pasted e exported: \(App.exports(in: tui.workingDirectory))")
            // The explorer still answers keys: a real q quits.
            try await tui.sendKeys("q")
            let status = try await tui.waitForExit()
            #expect(status == 0)
        }
    }

    // MARK: Exchanges against the embedded sandbox

    @Test func onBehalfOfWithASecretIssuesATokenAndNeverShowsTheSecret() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            let middleTier = try await app.app("middle-tier-api")
            let secret = try #require((middleTier["secrets"] as? [[String: Any]])?.first?["value"] as? String)
            #expect(secret.count > 20)
            let alice = try #require((try await app.sandboxInfo()["users"] as? [[String: Any]])?.first { $0["name"] as? String == "alice" })
            let oid = try #require(alice["oid"] as? String)

            try await app.loadSample(0)
            try await app.waitForSettled("the secret masked in the form") { screen in
                App.pane("2 Exchange", in: screen).map { App.flat($0.rows).contains("Secret •••••••• (\(secret.count) chars, r reveals)") } ?? false
            }
            try await tui.sendKeys("Enter")
            let screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✔"))
            #expect(App.statusBar(screen).contains("Run 1: token issued in"))
            #expect(App.pane("4 Advice", in: screen).map { App.flat($0.rows).contains("✔ The exchange worked: nothing to fix.") } == true)

            let result = App.flat(try await app.wholePane(3, "Result"))
            #expect(result.contains("Run 1 · On-Behalf-Of · "))
            #expect(result.contains("✔ Token issued · "))
            #expect(result.contains("access_token access token (delegated), v2.0"))
            #expect(result.contains("Input token → result"))
            #expect(result.contains("✔ oid same \(oid)"), "no oid in the diff:\n\(result)")
            #expect(result.contains("✔ tid same "))
            #expect(result.contains("Changed as expected"))

            let traceRows = try await app.wholePane(5, "Trace")
            let trace = App.flat(traceRows)
            #expect(trace.contains("HTTP trace of run 1 (secrets redacted)"))
            #expect(trace.contains("→ POST "))
            #expect(App.compact(traceRows).contains("/oauth2/v2.0/token"))
            #expect(trace.contains("client_secret = «redacted client secret: \(secret.count) chars"))
            #expect(trace.contains("requested_token_use = on_behalf_of"))
            #expect(trace.contains("assertion = «redacted user assertion: "))
            #expect(trace.contains("← HTTP 200"))

            // The copy (OSC 52) is redacted too.
            try await tui.sendKeys("c")
            let output = try await tui.waitForRawOutput("the OSC 52 copy") { Self.clipboard(in: $0) != nil && $0.contains("Copied the redacted") }
            let copied = try #require(Self.clipboard(in: output))
            #expect(copied.hasPrefix("On-Behalf-Of · http://127.0.0.1:"), "the copy:\n\(copied.prefix(500))")
            #expect(copied.contains("✔ Token issued: HTTP 200"))
            #expect(copied.contains("identity preserved: name, oid, preferred_username, tid"))
            #expect(copied.range(of: "\n  oid +\(oid) ", options: .regularExpression) != nil, "no oid row in the copy")
            let secrets = try await app.allSecrets()
            #expect(secrets.contains(secret))
            #expect(App.leaks(secrets, in: copied).isEmpty, "the copy holds a secret")
            #expect(!App.containsJWT(copied), "the copy holds a token")

            // Not once, in anything the explorer drew during the whole session.
            #expect(App.leaks(secrets, in: output).isEmpty, "a client secret reached the terminal: \(App.leaks(secrets, in: output))")
            #expect(!App.containsJWT(output), "a whole token reached the terminal")
        }
    }

    @Test func onBehalfOfWithACertificateSignsARedactedClientAssertion() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            let middleTier = try await app.app("middle-tier-api")
            let clientID = try #require(middleTier["clientId"] as? String)
            let certificate = try #require((middleTier["certificates"] as? [[String: Any]])?.first?["certificatePath"] as? String)
            try await app.loadSample(1)
            try await app.waitForSettled("the certificate credential in the form") { screen in
                App.pane("2 Exchange", in: screen).map { App.flat($0.rows).contains("Credential ◂ Certificate") } ?? false
            }
            try await tui.sendKeys("Enter")
            let screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✔"))
            let resultRows = try await app.wholePane(3, "Result")
            let result = App.flat(resultRows)
            #expect(result.contains("✔ Token issued · "))
            #expect(App.compact(resultRows).contains("·certificate\(certificate)·"), "the run line names the certificate:\n\(result.prefix(400))")
            #expect(result.contains("Input token → result"))

            let traceRows = try await app.wholePane(5, "Trace")
            let trace = App.flat(traceRows), compact = App.compact(traceRows)
            #expect(trace.contains("← HTTP 200"))
            #expect(!trace.contains("client_secret"))
            // The assertion: header and claims readable, the signature redacted.
            #expect(trace.contains("client_assertion = eyJ"))
            #expect(trace.contains("«redacted signature»"))
            #expect(compact.contains("client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
            #expect(compact.range(of: #"clientassertionheader\{"alg":"PS256","typ":"JWT","x5t#S256":"[A-Za-z0-9_-]{43}"\}"#, options: .regularExpression) != nil,
                    "no PS256 header with x5t#S256 in:\n\(trace)")
            #expect(compact.contains(#"clientassertionclaims{"aud":""#))
            #expect(compact.contains(#""iss":"\#(clientID)","sub":"\#(clientID)""#))
            #expect(!App.containsJWT(compact), "a signed assertion or token is in the trace")
            let output = try tui.rawOutput()
            #expect(!output.contains("PRIVATE KEY"))
            #expect(!App.containsJWT(output), "a whole token or assertion reached the terminal")
        }
    }

    @Test func onBehalfOfWithATokenForAnotherAPIFailsWithTheRightAdviceFirst() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            try await app.loadSample(5)
            // Flagged before anything is sent.
            let before = try await app.waitForSettled("the audience finding") { App.pane("1 Token", in: $0).map { App.flat($0.rows).contains("✖ audience-mismatch: ") } ?? false }
            let token = try #require(App.pane("1 Token", in: before)?.rows)
            #expect(token[2].hasPrefix("✖ 1 error"), "counts row: \(token[2])")
            #expect(token[2].contains("OBO: ✖ not ready (audience)"))

            try await tui.sendKeys("Enter")
            let screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✖"))
            #expect(App.tabBar(screen).range(of: #"4 Advice \([1-9][0-9]*\)"#, options: .regularExpression) != nil, "tabs: \(App.tabBar(screen))")
            #expect(App.statusBar(screen).contains("Run 1: HTTP 400 invalid_grant AADSTS500131 — advice in pane 4"))

            let resultRows = try await app.wholePane(3, "Result")
            let result = App.flat(resultRows)
            #expect(result.contains("✖ The authority refused · HTTP 400 invalid_grant · AADSTS500131"))
            #expect(result.contains("AADSTS500131: Assertion audience does not match the Client app presenting the assertion."))
            #expect(result.range(of: #"correlation ID [0-9a-f-]{36}"#, options: .regularExpression) != nil)
            #expect(result.range(of: #"trace ID [0-9a-f-]{36}"#, options: .regularExpression) != nil)
            #expect(App.compact(resultRows).contains("lookuphttps://login.microsoftonline.com/error?code=500131"))

            let advice = App.flat(try await app.wholePane(4, "Advice"))
            #expect(advice.hasPrefix("Most likely causes for run 1, most likely first 1. The assertion is an access token issued for a different API obo-assertion-for-other-api · confidence high"),
                    "advice:\n\(advice.prefix(600))")
            #expect(advice.contains("the error is AADSTS500131"))
        }
    }

    @Test func clientCredentialsIssuesAnAppOnlyTokenWithRoles() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            let downstream = try await app.app("downstream-api")
            let roles = try #require(downstream["roles"] as? [String])
            try #require(!roles.isEmpty)
            try await app.loadSample(2)
            // The sample has no token: the Exchange pane has focus. F5 runs from anywhere (Enter: see
            // `enterRunsASampleWithoutAToken`).
            try await app.waitForSettled("the client credentials form") { App.pane("2 Exchange", in: $0).map { App.flat($0.rows).contains("Flow ◂ Client credentials ▸") } ?? false }
            try await tui.sendKeys("F5")
            let screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✔"))
            let result = App.flat(try await app.wholePane(3, "Result"))
            #expect(result.contains("Run 1 · Client credentials · "))
            #expect(result.contains("✔ Token issued · "))
            #expect(result.contains("scope api://downstream-api/.default"))
            #expect(result.contains("access_token access token (app-only), v2.0"))
            let rolesJSON = "[" + roles.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            #expect(result.contains("roles \(rolesJSON)"), "no roles \(rolesJSON) in:\n\(result)")
            #expect(!result.contains("Input token → result"), "client credentials has no input token to diff")
            let trace = App.flat(try await app.wholePane(5, "Trace"))
            #expect(trace.contains("grant_type = client_credentials"))
            #expect(trace.contains("← HTTP 200"))
        }
    }

    @Test func authorizationCodeWithTheSandboxLoginHintIssuesTokens() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            let alice = try #require((try await app.sandboxInfo()["users"] as? [[String: Any]])?.first { $0["name"] as? String == "alice" })
            let upn = try #require(alice["upn"] as? String), oid = try #require(alice["oid"] as? String)
            try await app.loadSample(3)
            try await app.waitForSettled("the login hint in the form") { App.pane("2 Exchange", in: $0).map { App.flat($0.rows).contains(upn) } ?? false }
            try await tui.sendKeys("F5")
            let screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✔"), "tabs: \(App.tabBar(screen))")
            let result = App.flat(try await app.wholePane(3, "Result"))
            #expect(result.contains("Run 1 · Authorization code + PKCE · "))
            #expect(result.contains("✔ Token issued · "))
            #expect(result.contains("access_token access token (delegated), v2.0"))
            #expect(result.contains("id_token ID token, v2.0"))
            #expect(result.contains("oid \(oid)"))
            #expect(result.contains("refresh_token received (kept masked"))
            let trace = App.flat(try await app.wholePane(5, "Trace"))
            #expect(trace.contains("grant_type = authorization_code"))
            #expect(trace.contains("code_verifier = «redacted"), "the PKCE verifier is redacted:\n\(trace)")
            #expect(trace.contains("← HTTP 200"))
        }
    }

    /// The status after loading any sample says "Enter runs it". For a sample without a token the
    /// Exchange pane gets focus with its Run row selected (not Flow, where Enter would cycle the flow).
    @Test func enterRunsASampleWithoutAToken() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            try await app.loadSample(2)
            try await tui.sendKeys("Enter")
            let screen = try await app.waitForSettled("a run, or the form changed instead") { screen in
                screen.contains("Run 1 · ") || App.pane("2 Exchange", in: screen).map { !App.flat($0.rows).contains("Flow ◂ Client credentials ▸") } == true
            }
            #expect(screen.contains("Run 1 · Client credentials"), "Enter did not run the sample:\n\(screen)")
        }
    }

    // MARK: Themes and size

    @Test func tCyclesEveryThemeAndRestyleTheScreen() async throws {
        try await App.with { app in
            let tui = app.tui
            try await app.waitForSandbox()
            let names = ["default", "light", "high-contrast", "solarized-dark", "mono", "colorblind"]
            let before = try await tui.styledScreen()
            #expect(App.titleBar(try await tui.screen()).contains("theme default · ? help"))
            var seen: [String] = []
            var styled: [String: String] = [:]
            for _ in names {
                let previous = seen.last ?? "default"
                try await tui.sendKeys("t")
                let screen = try await app.waitForSettled("the next theme after \(previous)") { screen in
                    guard let name = App.statusBar(screen).firstMatch(of: #/^ Theme: (\S+)$/#)?.1 else { return false }
                    return String(name) != previous && App.titleBar(screen).contains("theme \(name) · ? help")
                }
                let name = String(App.statusBar(screen).firstMatch(of: #/^ Theme: (\S+)$/#)!.1)
                seen.append(name)
                styled[name] = try await tui.styledScreen()
            }
            // Every built-in once, then back to the default.
            #expect(Set(seen) == Set(names), "themes seen: \(seen)")
            #expect(seen.last == "default", "themes seen: \(seen)")
            // The panes (rows between the title and status bars, whose texts name the theme) are
            // restyled: each theme its own way.
            func body(_ styled: String) -> [String] { Array(App.rows(styled).dropFirst().dropLast(2)) }
            let first = try #require(seen.first)
            #expect(body(styled[first] ?? "") != body(before), "the panes kept their style after t")
            #expect(Set(styled.values.map(body)).count == names.count, "two themes styled the panes alike")
            // mono: attributes only, no colour (the default theme does use 256-colour SGRs).
            let colour = #"\x1b\[[0-9;]*(38;5;|48;5;|38;2;|48;2;)"#
            #expect(before.range(of: colour, options: .regularExpression) != nil, "the default theme drew no colour")
            #expect(styled["mono"]?.range(of: colour, options: .regularExpression) == nil, "mono drew colours")
            // Back on the default: everything but the status row looks exactly as at the start.
            #expect(Array(App.rows(before).dropLast(2)) == Array(App.rows(styled["default"] ?? "").dropLast(2)),
                    "the default theme looks different the second time")
        }
    }

    @Test func resizeSwitchesLayoutsAndShowsTheSizeMessage() async throws {
        try await App.with(width: 120, height: 40) { app in
            let tui = app.tui
            try await app.waitForSandbox()
            var screen = try await app.waitForSettled("two panes side by side") { App.frameTitles($0) == ["1 Token", "2 Exchange"] }
            #expect(App.rows(screen).count >= 40 && App.rows(screen)[2].count == 120)

            try await tui.resize(width: 90, height: 30)
            screen = try await app.waitForSettled("one pane at 90×30") { App.frameTitles($0) == ["1 Token"] && App.rows($0)[2].count == 90 }
            #expect(App.rows(screen)[28].hasPrefix("└") && App.rows(screen)[28].hasSuffix("┘"), "the frame ends above the status bar")
            #expect(App.tabBar(screen).contains("2 Exchange"), "the tabs still list every pane")

            try await tui.resize(width: 80, height: 24)
            screen = try await app.waitForSettled("one pane at the minimum, 80×24") { App.frameTitles($0) == ["1 Token"] && App.rows($0)[2].count == 80 }

            try await tui.resize(width: 70, height: 20)
            screen = try await app.waitForSettled("the size message") { $0.contains("TokenScope needs at least 80×24") }
            #expect(screen.contains("this terminal is 70×20"))
            #expect(screen.contains("enlarge it, or press q to quit"))
            #expect(App.frameTitles(screen).isEmpty)
            // Keys other than q do nothing while it is too small.
            try await tui.sendKeys("2", "s")

            try await tui.resize(width: 120, height: 40)
            screen = try await app.waitForSettled("two panes again at 120×40") { App.frameTitles($0) == ["1 Token", "2 Exchange"] && App.rows($0)[2].count == 120 }
            #expect(!screen.contains("Samples (embedded sandbox)"), "s acted while the terminal was too small")
            #expect(try await tui.state().isDead == false)

            // Too small again: q still quits, and cleanly.
            try await tui.resize(width: 70, height: 20)
            try await app.waitForSettled("the size message again") { $0.contains("this terminal is 70×20") }
            try await tui.sendKeys("q")
            let status = try await tui.waitForExit()
            #expect(status == 0)
            try await app.expectTerminalRestored()
        }
    }

    // MARK: Export

    @Test func exportWritesARedactedReportOfTheRun() async throws {
        try await App.with { app in
            let tui = app.tui
            let url = try await app.waitForSandbox()
            let secrets = try await app.allSecrets()
            // A token for the downstream API, pasted: the sample OBO form refuses it (AADSTS500131).
            let token = try await app.mint(scope: "api://downstream-api/Data.Read", baseURL: url)
            try await tui.paste(token)
            try await app.waitForSettled("the pasted token flagged") { App.statusBar($0).contains("Pasted \(token.count) characters") && $0.contains("✖ audience-mismatch") }
            try await tui.sendKeys("Enter")
            let screen = try await app.waitForRunToFinish(1)
            #expect(App.tabBar(screen).contains("3 Result ✖"))
            let result = App.flat(try await app.wholePane(3, "Result"))
            let correlation = try #require(result.firstMatch(of: #/correlation ID ([0-9a-f-]{36})/#)?.1)
            let traceID = try #require(result.firstMatch(of: #/trace ID ([0-9a-f-]{36})/#)?.1)

            try await tui.sendKeys("e")
            let exported = try await app.waitForSettled("the export's status") { App.statusBar($0).contains("Exported the redacted incident report: ") && App.statusBar($0).contains(" in ") }
            let status = App.statusBar(exported)
            let directory = URL(fileURLWithPath: tui.workingDirectory).resolvingSymlinksInPath().path
            #expect(status.contains(directory), "the status names the working directory: \(status)")

            let files = App.exports(in: tui.workingDirectory)
            #expect(files.count == 2, "files: \(files)")
            let markdown = try #require(files.first { $0.hasSuffix(".md") }), json = try #require(files.first { $0.hasSuffix(".json") })
            #expect(markdown.dropLast(3) == json.dropLast(5), "the two files share a name")
            #expect(markdown.range(of: #"^tokenscope-incident-[0-9]{8}T?[0-9]{6}Z?\.md$"#, options: .regularExpression) != nil, "name: \(markdown)")
            #expect(status.contains(markdown), "status: \(status)")
            #expect(status.contains(markdown + " + .json in "), "status: \(status)")

            for file in [markdown, json] {
                let path = "\(tui.workingDirectory)/\(file)"
                #expect(try App.mode(path) == 0o600, "\(file) is not owner-only")
                let text = try String(contentsOfFile: path, encoding: .utf8)
                #expect(text.contains("500131"), "\(file) lacks the error code")
                #expect(text.contains(String(correlation)), "\(file) lacks the correlation ID")
                #expect(text.contains(String(traceID)), "\(file) lacks the trace ID")
                #expect(App.leaks(secrets, in: text).isEmpty, "\(file) holds a client secret")
                #expect(!text.contains(token), "\(file) holds the raw token")
                let signature = String(token.split(separator: ".")[2])
                #expect(!text.contains(signature), "\(file) holds the token's signature")
                #expect(!App.containsJWT(text), "\(file) holds a token")
            }
            let md = try String(contentsOfFile: "\(tui.workingDirectory)/\(markdown)", encoding: .utf8)
            #expect(md.hasPrefix("# TokenScope incident report"))
            #expect(md.contains("AADSTS500131"))
            #expect(md.contains("audience-mismatch"))
            let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(tui.workingDirectory)/\(json)")))
            #expect(parsed is [String: Any], "the .json is not a JSON object")
        }
    }

    // MARK: Leaving

    enum Exit: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case q, ctrlC = "C-c", f10 = "F10", sigterm = "SIGTERM", sigint = "SIGINT", sighup = "SIGHUP"
        var testDescription: String { rawValue }
        var signal: Int32? {
            switch self {
            case .sigterm: return SIGTERM
            case .sigint: return SIGINT
            case .sighup: return SIGHUP
            case .q, .ctrlC, .f10: return nil
            }
        }
    }

    /// Whichever way it ends, the terminal is handed back: normal screen, bracketed paste off.
    @Test(arguments: Exit.allCases)
    func quittingLeavesTheTerminalSane(_ exit: Exit) async throws {
        try await App.with { app in
            let tui = app.tui
            // The first frame comes before the sandbox is up.
            try await tui.waitForRawOutput("the first frame, before the sandbox") { $0.contains("sandbox starting") }
            try await app.waitForSandbox()
            #expect(try await tui.state().alternateScreen)
            if let signal = exit.signal {
                try await tui.signal(signal)
            } else {
                try await tui.sendKeys(exit.rawValue)
            }
            let status = try await tui.waitForExit()
            if let signal = exit.signal {
                // The explorer catches SIGTERM, SIGINT and SIGHUP, restores the terminal and stops its
                // sandbox, then exits 128 + the signal so a parent knows why it stopped.
                #expect(status == 128 + signal, "exit status \(status)")
            } else {
                #expect(status == 0)
            }
            try await app.expectTerminalRestored()
            let output = try tui.rawOutput()
            // ncurses' rmcup after its smcup.
            if let on = output.range(of: "\u{1b}[?1049h", options: .backwards) {
                #expect(output.range(of: "\u{1b}[?1049l", options: .backwards).map { $0.lowerBound > on.lowerBound } == true, "the alternate screen was not left")
            }
        }
    }
}

extension ExplorerEndToEndTests {
    /// The text of the first OSC 52 copy (`ESC ] 52 ; c ; base64 BEL`) in `output`.
    static func clipboard(in output: String) -> String? {
        guard let start = output.range(of: "\u{1b}]52;c;") else { return nil }
        let rest = output[start.upperBound...]
        guard let end = rest.firstIndex(of: "\u{07}"), let data = Data(base64Encoded: String(rest[..<end])) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
