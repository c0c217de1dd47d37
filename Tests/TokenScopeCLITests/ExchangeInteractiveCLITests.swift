import Foundation
import Testing
@testable import TokenScopeCore
import TokenScopeHTTP
import TokenScopeSandbox

/// The interactive flows end to end: `exchange auth-code` prints the sign-in URL and listens on a
/// loopback port; the test plays the browser (signs in at the sandbox, follows the redirect to the
/// listener). `exchange device-code` prints the code; the test approves it at /devicelogin.
@Suite("CLI: interactive exchanges", .serialized)
struct ExchangeInteractiveCLITests {
    static let webApp = "7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62"
    static let spaClient = "5a1c0e6f-2b3d-4c8e-9f1a-0b2c3d4e5f61"

    @Test("auth-code: sign-in URL, redirect caught by the loopback listener, code redeemed with PKCE")
    func authCodeWithListener() async throws {
        try await ExchangeCLITests.withSandbox { sandbox in
            let browser = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
            let cli = try InteractiveProcess(["exchange", "auth-code", "--authority", sandbox.url, "--client-id", Self.webApp,
                                              "--secret-env", "WEB_SECRET", "--scope", "api://middle-tier-api/access_as_user",
                                              "--login-hint", "alice@contoso.onmicrosoft.com", "--json"],
                                             environment: ["WEB_SECRET": sandbox.secret("web-app")])
            let printed = await cli.waitForStderr { $0.contains("Waiting for the redirect") }
            let url = try #require(printed.flatMap { line(in: $0, startingWith: "http") }, "no sign-in URL: \(cli.stderr)")
            #expect(url.contains("code_challenge_method=S256") && url.contains("state=") && url.contains("nonce="))
            // The browser: sign in (the sandbox answers 302 to the redirect URI), then follow it to the listener.
            let signIn = try await browser.send(HTTPRequest(method: "GET", url: url))
            #expect(signIn.status == 302)
            let location = try #require(signIn.header("location"))
            #expect(location.hasPrefix("http://localhost:"))
            let landing = try await browser.send(HTTPRequest(method: "GET", url: location.replacingOccurrences(of: "http://localhost:", with: "http://127.0.0.1:")))
            #expect(landing.status == 200 && String(decoding: landing.body, as: UTF8.self).contains("close this window"))
            let status = await cli.finish()
            #expect(status == 0, "\(cli.stderr)\n\(cli.stdout)")
            let doc = try JSONParser.parse(cli.stdout)
            #expect(doc["flow"] == .string("auth-code") && doc["ok"] == .bool(true))
            let form = doc["request"]?["form"]
            #expect(form?["code_verifier"]?.stringValue?.hasPrefix("«redacted PKCE verifier") == true)
            #expect(form?["code"]?.stringValue?.hasPrefix("«redacted authorization code") == true)
            #expect(form?["redirect_uri"]?.stringValue == location.split(separator: "?").first.map(String.init))
            let access = doc["tokens"]?.arrayValue?.first { $0["field"] == .string("access_token") }
            #expect(access?["report"]?["claims"]?["scp"]?.stringValue?.contains("access_as_user") == true)
            #expect(doc["warnings"]?.arrayValue?.isEmpty == true)   // the ID token's nonce matched
            let secret = sandbox.secret("web-app")
            #expect(!cli.stdout.contains(secret) && !cli.stderr.contains(secret))
            let code = try #require(location.split(separator: "code=").last?.split(separator: "&").first.map(String.init))
            #expect(!cli.stdout.contains(code) && !cli.stderr.contains(code))
            await browser.shutdown()
        }
    }

    @Test("auth-code --paste: the redirect URL pasted on stdin; a wrong state is refused (exit 2)")
    func authCodePasted() async throws {
        try await ExchangeCLITests.withSandbox { sandbox in
            let browser = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
            for tamper in [false, true] {
                let cli = try InteractiveProcess(["exchange", "auth-code", "--authority", sandbox.url, "--client-id", Self.webApp,
                                                  "--secret-env", "WEB_SECRET", "--scope", "User.Read", "--paste", "--redirect-uri", "http://localhost:5999/",
                                                  "--login-hint", "alice@contoso.onmicrosoft.com"],
                                                 environment: ["WEB_SECRET": sandbox.secret("web-app")])
                let printed = await cli.waitForStderr { $0.contains("Paste the URL") }
                let url = try #require(printed.flatMap { line(in: $0, startingWith: "http") })
                let location = try #require(try await browser.send(HTTPRequest(method: "GET", url: url)).header("location"))
                let pasted = tamper ? location.replacingOccurrences(of: "state=", with: "state=x") : location
                cli.write(pasted + "\n")
                let status = await cli.finish()
                if tamper {
                    #expect(status == 2 && cli.stderr.contains("state"), "\(cli.stderr)")
                } else {
                    #expect(status == 0, "\(cli.stderr)\n\(cli.stdout)")
                    #expect(cli.stdout.contains("✔ Token issued"))
                }
            }
            await browser.shutdown()
        }
    }

    @Test("device-code: the user code is printed, approved at /devicelogin, the token arrives")
    func deviceCode() async throws {
        try await ExchangeCLITests.withSandbox { sandbox in
            let browser = AsyncHTTPTransport(connectTimeoutSeconds: 5, requestTimeoutSeconds: 10)
            let cli = try InteractiveProcess(["exchange", "device-code", "--authority", sandbox.url, "--client-id", Self.spaClient,
                                              "--scope", "User.Read", "--json"])
            let printed = try #require(await cli.waitForStderr { $0.contains("Waiting for the sign-in") }, "\(cli.stderr)")
            let code = try #require(Self.userCode(in: printed), "\(printed)")
            let approve = "\(sandbox.server.baseURL)/devicelogin?" + FormEncoding.encode([("user_code", code), ("login_hint", "alice@contoso.onmicrosoft.com")])
            #expect(try await browser.send(HTTPRequest(method: "GET", url: approve)).status == 200)
            let status = await cli.finish(timeout: 30)
            #expect(status == 0, "\(cli.stderr)\n\(cli.stdout)")
            let doc = try JSONParser.parse(cli.stdout)
            #expect(doc["flow"] == .string("device-code") && doc["ok"] == .bool(true))
            #expect(!cli.stdout.contains(code) || doc["trace"] != nil)
            await browser.shutdown()
        }
    }

    @Test("device-code: Ctrl-C stops polling cleanly with the outcome so far")
    func deviceCodeInterrupted() async throws {
        try await ExchangeCLITests.withSandbox { sandbox in
            let cli = try InteractiveProcess(["exchange", "device-code", "--authority", sandbox.url, "--client-id", Self.spaClient, "--scope", "User.Read"])
            _ = await cli.waitForStderr { $0.contains("Waiting for the sign-in") }
            try await Task.sleep(nanoseconds: 300_000_000)
            let started = Date()
            cli.interrupt()
            let status = await cli.finish(timeout: 10)
            #expect(status != nil && status != 0)
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(cli.stderr.contains("stopped: the device code was not redeemed"), "\(cli.stderr)")
        }
    }

    /// The code in Entra's message: "… enter the code ABCD1234 to authenticate."
    static func userCode(in text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let i = words.firstIndex(of: "code"), i + 1 < words.count else { return nil }
        return String(words[i + 1])
    }
}
