import Testing
@testable import TokenScopeCore
import TokenScopeTestSupport

/// `TokenInspector.inspect(text:)` skips the extractor's byte scan for a paste that is one JWS and
/// nothing else, keeping the parse only when decoding proved the scan's answer. Held to the plain
/// path (extract, then inspect each token) on clean tokens and on every kind of defect near it.
@Suite("Inspection: the whole-token fast path equals the full search")
struct InspectFastPathTests {
    static let context = InspectionContext(now: TestToken.now)

    static func viaExtractor(_ text: String) -> Result<[String], TokenExtractionError> {
        do throws(TokenExtractionError) {
            return .success(try TokenExtractor.extract(from: text).map { JSONWriter.write(ReportJSON.object(TokenInspector.inspect($0, context: context))) })
        } catch {
            return .failure(error)
        }
    }

    static func viaInspector(_ text: String) -> Result<[String], TokenExtractionError> {
        do throws(TokenExtractionError) {
            return .success(try TokenInspector.inspect(text: text, context: context).map { JSONWriter.write(ReportJSON.object($0)) })
        } catch {
            return .failure(error)
        }
    }

    static func expectSame(_ text: String, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(viaInspector(text) == viaExtractor(text), comment, sourceLocation: sourceLocation)
    }

    static let token = TestToken.v2AccessToken().signed()

    @Test func cleanTokensTakeTheFastPathAndGiveTheSameReport() throws {
        let unsigned = String(Self.token[..<Self.token.lastIndex(of: ".")!]) + "."
        for text in [Self.token, "  \"\(Self.token)\"\n", "'\(Self.token)'", unsigned, TestToken.v2IDToken().signed(), "eyJhbGciOiJub25lIn0.e30.x"] {
            Self.expectSame(text, "\(text.prefix(30))")
        }
        let dots = Array(Self.token.utf8).withUnsafeBufferPointer { TokenParser.DotPositions($0) }
        #expect(TokenParser.parse(Self.token, dots: dots).onlyBase64Letters, "a clean token takes the fast path")
        #expect(!TokenParser.parse(Self.token + "=", dots: dots).onlyBase64Letters, "a trailing = does not")
    }

    @Test func anyByteAnywhereFallsBackOrAgrees() {
        let bytes = Array(Self.token.utf8)
        // Positions in each part, at its start and end, and next to the dots.
        let dot0 = bytes.firstIndex(of: UInt8(ascii: "."))!, dot1 = bytes.lastIndex(of: UInt8(ascii: "."))!
        let positions = [0, 1, dot0 - 1, dot0, dot0 + 1, (dot0 + dot1) / 2, dot1 - 1, dot1, dot1 + 1, bytes.count - 1, bytes.count]
        let values: [UInt8] = [0x00, 0x09, 0x0A, 0x20, 0x22, 0x27, 0x2B, 0x2F, 0x2E, 0x3D, 0x5C, 0x7F, 0x80, 0xC3, 0xFF,
                               UInt8(ascii: "A"), UInt8(ascii: "-"), UInt8(ascii: "_")]
        for position in positions {
            for value in values {
                var inserted = bytes
                inserted.insert(value, at: position)
                Self.expectSame(String(decoding: inserted, as: UTF8.self), "byte \(value) inserted at \(position)")
                if position < bytes.count {
                    var replaced = bytes
                    replaced[position] = value
                    Self.expectSame(String(decoding: replaced, as: UTF8.self), "byte \(value) replacing \(position)")
                }
            }
        }
    }

    @Test func padsWrappersAndOtherShapesAgree() {
        let t = Self.token
        let parts = t.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let cases = [
            parts[0] + "=." + parts[1] + "." + parts[2], parts[0] + "." + parts[1] + "==." + parts[2], t + "=", t + "==",
            "Bearer " + t, "Authorization: Bearer " + t, "access_token=" + t, "{\"access_token\":\"\(t)\"}",
            t + "." + parts[2], parts[0] + "." + parts[1], "0.AAAA" + t, String(t.prefix(60)) + "\n" + String(t.dropFirst(60)),
            "", "   ", "short.to.ken", t + " " + t, parts[0] + "..", ".." + parts[2],
        ]
        for text in cases { Self.expectSame(text, "\(text.prefix(40))…") }
    }
}
