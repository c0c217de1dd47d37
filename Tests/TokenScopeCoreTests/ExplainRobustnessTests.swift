#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TokenScopeCore

/// Hostile and oversized input: the parser and the diagnoser never crash and finish quickly.
@Suite("Explain: robustness", .serialized)
struct ExplainRobustnessTests {
    static let now: Int64 = 1_795_946_400

    /// Parses and diagnoses, returning the CPU seconds this thread spent (wall-clock time says more
    /// about the other suites running on the two cores than about the parser). A wall-clock bound
    /// of ten seconds still catches a hang.
    static func timed(_ text: String) -> (PastedDiagnosis, [Advice], Double) {
        func cpu() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let clock = ContinuousClock()
        let start = cpu()
        var result: (PastedDiagnosis, [Advice])!
        let wall = clock.measure {
            let d = PastedErrorParser.parse(text, now: now)
            result = (d, Diagnoser.diagnose(d))
        }
        let seconds = cpu() - start
        #expect(wall < .seconds(10), "wall clock \(wall)")
        return (result.0, result.1, seconds)
    }

    /// Deterministic pseudo-random bytes.
    static func junk(_ count: Int, seed: UInt64, alphabet: [UInt8]? = nil) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = UInt8(truncatingIfNeeded: state >> 33)
            return alphabet.map { $0[Int(v) % $0.count] } ?? v
        }
    }

    @Test func oneMebibyteOfRandomBytes() {
        let text = String(decoding: Self.junk(1 << 20, seed: 1), as: UTF8.self)
        let (_, advice, seconds) = Self.timed(text)
        #expect(!advice.isEmpty)
        #expect(seconds < 3.0, "took \(seconds) s of CPU")
    }

    @Test func oneMebibyteOfLabelsAndCodeLikeWords() {
        // Words the scanner reacts to, over and over: labels without values, half codes, braces.
        let pieces = ["Trace ID: ", "AADSTS", "claims=\"{", "WWW-Authenticate: Bearer error=", "\\\"", "&lt;", "IDX1", "error_codes\":[",
                      "correlation_id", "{\"error\":\"invalid_grant\",", "eyJ0eXAiOiJKV1Qi.", "50013 - [", "Timestamp: 2019-", "\\u00"]
        var text = ""
        var i = 0
        while text.utf8.count < (1 << 20) - 64 {
            text += pieces[i % pieces.count]
            i += 7
        }
        let (_, advice, seconds) = Self.timed(text)
        #expect(!advice.isEmpty)
        #expect(seconds < 3.0, "took \(seconds) s of CPU")
    }

    @Test func manyRealErrorsInOnePaste() {
        let one = #"{"error":"invalid_grant","error_description":"AADSTS50013: Assertion failed signature validation.\r\nTrace ID: 1f8d9f66-072e-4b77-8b49-84182f413000\r\nCorrelation ID: ae332ee3-77ee-42c8-85a4-ea2593af7542\r\nTimestamp: 2019-08-02 20:42:53Z","error_codes":[50013]}"#
        let text = String(repeating: one + "\n", count: (1 << 20) / (one.utf8.count + 1))
        let (diagnosis, advice, seconds) = Self.timed(text)
        #expect(diagnosis.codes == [50013])
        #expect(advice.first?.source == "AADSTS50013")
        #expect(seconds < 3.0, "took \(seconds) s of CPU")
    }

    @Test func deeplyNestedJSON() {
        let depth = 200_000
        let text = String(repeating: "{\"claims\":", count: depth) + "\"x\"" + String(repeating: "}", count: depth)
        let (_, advice, seconds) = Self.timed(text)
        #expect(!advice.isEmpty)
        #expect(seconds < 3.0, "took \(seconds) s of CPU")
    }

    @Test func invalidUTF8AndControlCharacters() {
        var bytes: [UInt8] = Array("AADSTS7000215: Invalid client secret provided.\u{1B}[31m Trace ID: 6f6c4645-0202-4486-b625-fa957dfc4700 ".utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x00, 0x07, 0x1B, 0x5B, 0x32, 0x4A]
        bytes += Array("\u{202E}Correlation ID: 5fc87507-4086-4e77-b415-cee677eb232e\u{0}".utf8)
        let (diagnosis, advice, seconds) = Self.timed(String(decoding: bytes, as: UTF8.self))
        #expect(diagnosis.codes == [7000215])
        #expect(diagnosis.traceId == "6f6c4645-0202-4486-b625-fa957dfc4700")
        #expect(diagnosis.correlationId == "5fc87507-4086-4e77-b415-cee677eb232e")
        #expect(advice.first?.id == "secret-id-instead-of-value")
        #expect(seconds < 3.0)
        // Nothing from the paste reaches the advice unescaped.
        let text = advice.flatMap { $0.evidence + [$0.title, $0.cause] }.joined()
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0 })
    }

    @Test func moreThanOneMebibyteIsCut() {
        let text = "AADSTS50013: x " + String(repeating: "a", count: (1 << 20) + 10)
        let (diagnosis, _, seconds) = Self.timed(text)
        #expect(diagnosis.codes == [50013])
        #expect(seconds < 3.0)
    }

    @Test func emptyAndWhitespaceInput() {
        for text in ["", "   \n\t", "\u{0}"] {
            let d = PastedErrorParser.parse(text, now: Self.now)
            #expect(d.isEmpty)
            #expect(Diagnoser.diagnose(d).map(\.id) == ["nothing-recognised"])
        }
    }

    @Test func unbalancedClaimsAndHeaders() {
        let texts = [
            "claims=\"{\"access_token\":{\"acrs\":{\"essential\":true",
            "WWW-Authenticate: Bearer error=\"insufficient_claims\", claims=\"",
            "WWW-Authenticate:",
            "\"claims\":\"eyJ!!!!\"",
            "error_codes\":[5001350013500135001350013500135001350013]",
            "Trace ID: ---------------------------------------------",
        ]
        for text in texts {
            let d = PastedErrorParser.parse(text, now: Self.now)
            #expect(!Diagnoser.diagnose(d).isEmpty)
        }
    }
}
