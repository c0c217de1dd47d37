import Testing
@testable import TokenScopeCore

@Suite("Time text, terminal safety, base64url, URLs")
struct SupportTests {
    @Test func utcAndISOFormatting() {
        #expect(TimeText.utc(0) == "1970-01-01 00:00:00 UTC")
        #expect(TimeText.utc(1_795_946_400) == "2026-11-29 10:00:00 UTC")
        #expect(TimeText.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(TimeText.utc(-1) == "1969-12-31 23:59:59 UTC")
    }

    @Test func parsesISOForms() {
        #expect(TimeText.parseISO8601("2026-11-29T10:00:00Z") == 1_795_946_400)
        #expect(TimeText.parseISO8601("2026-11-29 10:00:00") == 1_795_946_400)
        #expect(TimeText.parseISO8601("2026-11-29T11:00:00+01:00") == 1_795_946_400)
        #expect(TimeText.parseISO8601("2026-11-29T10:00:00.123Z") == 1_795_946_400)
        #expect(TimeText.parseISO8601("2026-11-29") == 1_795_910_400)
        #expect(TimeText.parseISO8601("yesterday") == nil)
        #expect(TimeText.parseISO8601("2026-13-01") == nil)
        #expect(TimeText.parseISO8601("2099-02-30") == nil)
        #expect(TimeText.parseISO8601("2100-02-29") == nil)
        #expect(TimeText.parseISO8601("2000-02-29") == 951_782_400)
    }

    @Test func durationsInWords() {
        #expect(TimeText.duration(45) == "45 s")
        #expect(TimeText.duration(125) == "2 min 5 s")
        #expect(TimeText.duration(2 * 3600 + 13 * 60 + 9) == "2 h 13 min")
        #expect(TimeText.duration(3 * 86_400 + 4 * 3600) == "3 d 4 h")
        #expect(TimeText.relative(100, now: 7_980) == "2 h 11 min ago")
        #expect(TimeText.relative(7_980, now: 100) == "in 2 h 11 min")
    }

    @Test func terminalSafeEscapesEverythingThatCouldAct() {
        #expect(TerminalSafe.escape("plain text") == "plain text")
        #expect(TerminalSafe.escape("a\u{1B}]52;c;AAAA\u{07}b") == "a\\e]52;c;AAAA\\x07b")
        #expect(TerminalSafe.escape("x\u{9B}31m\r\n\t") == "x\\x9b31m\\r\\n\\t")
        #expect(TerminalSafe.escape("evil\u{202E}txt.exe") == "evil\\u{202e}txt.exe")
        #expect(TerminalSafe.escape("naïve 日本") == "naïve 日本")
    }

    @Test func base64urlBothAlphabetsAndPadding() {
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.decode("+/8=") == [0xFB, 0xFF])
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("ab$c") == nil)
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        let bytes = (0..<255).map { UInt8($0) }
        #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
    }

    @Test func urlParts() throws {
        let u = try #require(URLParts("https://user:pw@Login.Example:8443/tenant/v2.0?x=1"))
        #expect(u.host == "login.example")
        #expect(u.port == 8443)
        #expect(u.path == "/tenant/v2.0")
        #expect(u.hasUserInfo)
        #expect(URLParts("http://[::1]:80/x")?.isLoopback == true)
        #expect(URLParts("ftp://x") == nil)
        #expect(URLParts("https://host:port/") == nil)
    }

    @Test func issuerClassification() throws {
        let v2 = try #require(IssuerInfo(issuer: "https://login.microsoftonline.com/abc/v2.0"))
        #expect(v2.cloud == "public" && v2.tenant == "abc" && v2.isV2Endpoint && !v2.isV1Form)
        let v1 = try #require(IssuerInfo(issuer: "https://sts.windows.net/abc/"))
        #expect(v1.isV1Form && !v1.isV2Endpoint)
        #expect(IssuerInfo(issuer: "https://login.microsoftonline.us/abc/v2.0")?.cloud == "usgov")
        #expect(IssuerInfo(issuer: "https://login.partner.microsoftonline.cn/abc/v2.0")?.cloud == "china")
        #expect(IssuerInfo(issuer: "https://contoso.b2clogin.com/abc/v2.0/")?.isB2C == true)
        #expect(IssuerInfo(issuer: "https://contoso.ciamlogin.com/abc/v2.0")?.cloud == "external-id")
        #expect(IssuerInfo(issuer: "http://127.0.0.1:8080/abc/v2.0")?.cloud == "local")
        #expect(IssuerInfo(issuer: "https://accounts.google.com")?.cloud == "unknown")
    }

    @Test func utiBecomesTheSignInRequestID() {
        // .NET GUID byte order: the first three fields are little-endian.
        #expect(ClaimExplainer.requestID(fromUTI: "AAECAwQFBgcICQoLDA0ODw") == "03020100-0504-0706-0809-0a0b0c0d0e0f")
        #expect(ClaimExplainer.requestID(fromUTI: "short") == nil)
    }
}
