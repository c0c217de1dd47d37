import Testing
import TokenScopeCore

@Suite("Auth code: PKCE")
struct AuthCodePKCETests {
    @Test func rfc7636AppendixBVector() {
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE.isValidVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
    }

    @Test(arguments: [(32, 43), (33, 44), (64, 86), (96, 128)])
    func verifierLengthFollowsByteCount(bytes: Int, length: Int) {
        let verifier = PKCE.makeVerifier(byteCount: bytes)
        #expect(verifier.count == length)
        #expect(PKCE.isValidVerifier(verifier))
    }

    @Test func byteCountIsClampedToTheRFCBounds() {
        #expect(PKCE.makeVerifier(byteCount: 1).count == 43)
        #expect(PKCE.makeVerifier(byteCount: 500).count == 128)
        #expect(PKCE.makeVerifier().count == 43)
    }

    @Test func verifiersAreFreshAndUnreserved() {
        let verifiers = (0..<50).map { _ in PKCE.makeVerifier(byteCount: 96) }
        #expect(Set(verifiers).count == 50)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        #expect(verifiers.allSatisfy { $0.allSatisfy(allowed.contains) })
    }

    @Test func validityBounds() {
        #expect(PKCE.isValidVerifier(String(repeating: "a", count: 43)))
        #expect(PKCE.isValidVerifier(String(repeating: "~", count: 128)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 129)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + "+"))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + "="))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + " "))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42) + "é"))
        #expect(!PKCE.isValidVerifier(""))
    }

    @Test func challengeIsUnpaddedBase64URLOfSHA256() {
        let challenge = PKCE.challenge(for: PKCE.makeVerifier())
        #expect(challenge.count == 43)
        #expect(!challenge.contains("=") && !challenge.contains("+") && !challenge.contains("/"))
    }
}
