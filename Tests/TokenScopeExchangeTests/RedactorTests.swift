import Testing
import TokenScopeCore

@Suite("Redaction")
struct RedactorTests {
    let redactor = Redactor(reveal: false)

    @Test("Secret form fields become placeholders with length and fingerprint; others stay")
    func formFields() {
        for name in ["client_secret", "assertion", "refresh_token", "code", "code_verifier", "device_code"] {
            let value = redactor.formValue(name: name, value: "planted-value-123")
            #expect(!value.contains("planted-value-123") && value.hasPrefix("«redacted") && value.contains("17 chars"))
        }
        #expect(redactor.formValue(name: "scope", value: "a b") == "a b")
        #expect(redactor.formValue(name: "client_assertion", value: "h.p.sig") == "h.p.«redacted signature»")
        #expect(redactor.placeholder("x", "same") == redactor.placeholder("x", "same"))
        #expect(Redactor(reveal: true).formValue(name: "client_secret", value: "v") == "v")
    }

    @Test("JSON bodies lose tokens at any depth; free text loses JWT signatures and named secrets")
    func bodies() throws {
        let body = try JSONParser.parse(#"{"access_token":"AT-planted","nested":{"refresh_token":"RT-planted"},"id_token":"ID-planted","scope":"s"}"#)
        let text = JSONWriter.write(redactor.json(body))
        #expect(!text.contains("AT-planted") && !text.contains("RT-planted") && !text.contains("ID-planted") && text.contains("\"scope\": \"s\""))
        let line = redactor.text("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.SIGNATURE-planted and pw hunter22", secrets: ["hunter22"])
        #expect(!line.contains("SIGNATURE-planted") && !line.contains("hunter22") && line.contains("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0."))
        #expect(redactor.header(name: "Authorization", value: "Basic abc").hasPrefix("«redacted"))
    }

    @Test("A Secret never prints itself")
    func secretDescription() {
        let secret = Secret("planted")
        #expect("\(secret)" == "«secret»" && String(reflecting: secret) == "«secret»")
    }
}
