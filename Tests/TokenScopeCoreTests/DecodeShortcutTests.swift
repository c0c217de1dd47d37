import Testing
@testable import TokenScopeCore

/// The decode path's shortcuts, each held to the plain definition it stands for: interned member
/// names, base64url checked without decoding, the signature decoded on demand, short strings built
/// inline, integer NumericDates and the sized duplicate-name set.
@Suite("Decode: shortcuts equal what they stand for")
struct DecodeShortcutTests {
    static func b64(_ s: String) -> String { Base64URL.encode(Array(s.utf8)) }
    static func token(header: String = #"{"alg":"RS256","typ":"JWT"}"#, payload: String, signature: String = "c2ln") -> String {
        b64(header) + "." + b64(payload) + "." + signature
    }

    // MARK: - Interned member names

    @Test func everyCatalogueAndWellKnownNameIsInTheTable() throws {
        let table = KnownClaimNames.shared.table
        for name in ClaimCatalogue.entries.map(\.name) + WellKnownClaim.names {
            let i = try #require(table.index(of: name, fingerprint: ClaimKeys.fingerprint(name)), "\(name)")
            #expect(table.name(i) == name)
            #expect(table.claim(i) == WellKnownClaim.allCases.first { $0.name == name }, "\(name)")
        }
    }

    @Test func namesNotInTheCatalogueAreNotFound() {
        let table = KnownClaimNames.shared.table
        for name in ["", "is", "isss", "Iss", "iss ", "ISS", "xms_c", "preferred_usernamE", "zzz_unknown", "ïss", "aud\u{301}"] {
            #expect(table.index(of: name, fingerprint: ClaimKeys.fingerprint(name)) == nil, "\(name)")
        }
    }

    @Test func wellKnownClaimsResolveByName() {
        for claim in WellKnownClaim.allCases { #expect(WellKnownClaim(name: claim.name) == claim) }
        #expect(WellKnownClaim(name: "aio") == nil, "a catalogue name that is not a well-known claim")
        #expect(WellKnownClaim(name: "Iss") == nil)
    }

    /// Whatever path a name takes (interned, made from plain bytes, escaped, non-ASCII), the member
    /// keeps its exact name and a well-known one is found by the rules.
    @Test func topLevelNamesKeepTheirTextOnEveryPath() throws {
        let payload = #"{"iss":"a","aio":"b","zz_custom":"c","\u0074id":"d","ünï":"e","x\"y":"f","nested":{"iss":"g"}}"#
        let parsed = TokenParser.parse(Self.token(payload: payload))
        #expect(parsed.problems.isEmpty)
        let members = try #require(parsed.claims?.objectMembers)
        #expect(members.map(\.key) == ["iss", "aio", "zz_custom", "tid", "ünï", "x\"y", "nested"])
        let claims = ClaimSet(parsed.claims, slots: parsed.claimSlots)
        #expect(claims.string(.iss) == "a")
        #expect(claims.string(.tid) == "d", "an escaped name is still resolved")
        #expect(claims.string("aio") == "b")
        #expect(claims.string("ünï") == "e")
        #expect(ClaimSet(parsed.claims).string(.tid) == "d", "resolving from the members agrees")
    }

    @Test func aNameWrittenTwiceIsReportedWhicheverWayItIsSpelled() {
        for payload in [#"{"iss":"a","iss":"b"}"#, #"{"iss":"a","\u0069ss":"b"}"#, #"{"zz":"a","zz":"b"}"#, #"{"ü":"a","ü":"b"}"#] {
            let parsed = TokenParser.parse(Self.token(payload: payload))
            #expect(parsed.problems.contains { $0.part == "payload" && $0.message.contains("2 times") }, "\(payload)")
        }
        let clean = TokenParser.parse(Self.token(payload: #"{"iss":"a","is":"b","iss2":"c","\u00fc":"d","ü2":"e"}"#))
        #expect(clean.problems.isEmpty)
    }

    @Test func theDuplicateSetIsAPowerOfTwoWithRoomForEveryMember() {
        for bytes in [0, 1, 2, 46, 79, 80, 160, 300, 850, 5_000, 1 << 20] {
            let size = ClaimKeys.Builder.setSize(forBytes: bytes)
            #expect(size >= 16 && size <= ClaimKeys.Builder.maxSetSize && size & (size - 1) == 0, "\(bytes)")
            #expect(size == ClaimKeys.Builder.maxSetSize || size >= 2 * (bytes / 5 + 1), "\(bytes)")
        }
    }

    @Test func theKnownNameSetSeesEachIndexOnce() {
        var set = KnownClaimNames.NameSet()
        for i in 0..<KnownClaimNames.Table.maxNames {
            let inserted = set.insert(i)
            #expect(inserted, "\(i)")
        }
        for i in 0..<KnownClaimNames.Table.maxNames {
            let again = set.insert(i)
            #expect(!again, "\(i)")
        }
        #expect(Set(ClaimCatalogue.entries.map(\.name) + WellKnownClaim.names).count <= KnownClaimNames.Table.maxNames)
    }

    // MARK: - Dots

    /// `DotPositions` asks the C library's `memchr`; held to a byte-by-byte count and the first four positions.
    @Test func dotPositionsEqualAByteByByteSearch() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in [0, 1, 2, 7, 8, 9, 31, 64, 65, 200, 1_541] {
            for density in [0, 1, 3, 50] {
                let bytes: [UInt8] = (0..<length).map { _ in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Int(seed >> 33) % 100 < density ? UInt8(ascii: ".") : UInt8(ascii: "a") + UInt8(seed >> 40 & 15)
                }
                let dots = bytes.withUnsafeBufferPointer { TokenParser.DotPositions($0) }
                let expected = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
                #expect(dots.count == expected.count, "length \(length), density \(density)")
                let first = [dots.first.0, dots.first.1, dots.first.2, dots.first.3]
                #expect(Array(first.prefix(min(4, expected.count))) == Array(expected.prefix(4)), "length \(length), density \(density)")
            }
        }
    }

    // MARK: - Strings

    /// The parser skips eight plain bytes at a time and jumps to the first special one; every kind
    /// of special byte (escape, non-ASCII, control, the closing quote) at every offset reads as it should.
    @Test func stringsWithASpecialByteAtEveryOffsetParse() throws {
        for offset in 0...20 {
            let plain = String(repeating: "k", count: offset)
            for (written, meant) in [(#"\n"#, "\n"), (#"\""#, "\""), (#"\u00e9"#, "é"), ("é", "é"), ("", "")] {
                let text = plain + written + "tail"
                let value = try JSONParser.parse("{\"\(text)\": \"\(text)\", \"n\": [\"\(text)\"]}")
                let members = try #require(value.objectMembers)
                #expect(members.first?.key == plain + meant + "tail", "name, offset \(offset), \(written)")
                #expect(members.first?.value == .string(plain + meant + "tail"), "value, offset \(offset), \(written)")
                #expect(members.last?.value == .array([.string(plain + meant + "tail")]))
            }
            #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"\(plain)\u{01}x\": 1}") }
            #expect(throws: JSONParseError.self) { try JSONParser.parse("[\"\(plain)\u{1F}\"]") }
            #expect(throws: JSONParseError.self) { try JSONParser.parse("[\"\(plain)") }
        }
    }

    @Test func asciiStringsEqualTheDecodedBytes() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.:/ \"".utf8)
        for n in 0...40 {
            let bytes = (0..<n).map { letters[($0 * 7 + n) % letters.count] }
            let made = bytes.withUnsafeBufferPointer(JSONParser.asciiString)
            #expect(made == String(decoding: bytes, as: UTF8.self), "length \(n)")
            #expect(made.utf8.count == n)
        }
    }

    @Test func lowercasedEqualsAgreesWithLowercased() {
        let targets = ["9188040d-6c67-4c5b-b112-36a304b66dad", "none", "", "sts."]
        let values: [String?] = [nil, "", "NONE", "None", "none", "nonE ", "non", "nöne", "İ", "9188040D-6C67-4C5B-B112-36A304B66DAD",
                                 "9188040d-6c67-4c5b-b112-36a304b66dae", "STS.", "ſts.", "K"]
        for target in targets {
            for value in values {
                #expect(ASCIIText.lowercased(value, equals: target) == (value?.lowercased() == target), "\(value ?? "nil") vs \(target)")
            }
        }
    }

    // MARK: - Base64url checked without decoding

    @Test func isValidEqualsDecodingOnEveryShortText() {
        let alphabet = Array("Aa0-_+/=. é".utf8)
        var texts: [[UInt8]] = [[]]
        for _ in 1...4 { texts = texts + texts.filter { $0.count == texts.last!.count }.flatMap { t in alphabet.map { t + [$0] } } }
        for text in texts {
            let valid = text.withUnsafeBufferPointer(Base64URL.isValid)
            #expect(valid == (Base64URL.decode(text) != nil), "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func isValidEqualsDecodingOnLongTextWithOneDefect() {
        let clean = Array(Self.b64(String(repeating: "signature bytes ", count: 20)).utf8)
        #expect(clean.withUnsafeBufferPointer(Base64URL.isValid))
        for position in stride(from: 0, to: clean.count, by: 7) {
            for defect in Array("=.+/ !é".utf8) {
                var text = clean
                text[position] = defect
                #expect(text.withUnsafeBufferPointer(Base64URL.isValid) == (Base64URL.decode(text) != nil), "\(defect) at \(position)")
            }
        }
    }

    // MARK: - The signature, decoded on demand

    @Test func theSignatureIsItsThirdPartDecoded() {
        let signature = Self.b64(String(repeating: "RSA signature ", count: 18))
        let parsed = TokenParser.parse(Self.token(payload: #"{"a":1}"#, signature: signature))
        #expect(parsed.signature == Base64URL.decode(signature))
        #expect(!parsed.signatureIsEmpty)
        for (text, empty, problem) in [("", true, false), ("=", true, false), ("AA", false, false), ("A", true, true), ("!!!!", true, true)] {
            let token = TokenParser.parse(Self.token(payload: #"{"a":1}"#, signature: text))
            #expect(token.signature == (Base64URL.decode(text) ?? []), "\(text)")
            #expect(token.signatureIsEmpty == token.signature.isEmpty, "\(text)")
            #expect(token.signatureIsEmpty == empty, "\(text)")
            #expect(token.problems.contains { $0.part == "signature" } == problem, "\(text)")
        }
        #expect(TokenParser.parse("not.a.jwe.token.here").signature.isEmpty)
    }

    // MARK: - Numbers and times

    @Test func integerTimesEqualTheDoubleReading() {
        func viaDouble(_ text: String) -> Int64? {
            guard let d = Double(text), d.isFinite, d > -1e12, d < 1e12 else { return nil }
            return Int64(d.rounded(.down))
        }
        for text in ["0", "7", "1795950300", "999999999999", "1000000000000", "123456789012345", "1e3", "-5", "1.9", "-0.5", "12345678901234567890"] {
            #expect(ClaimSet.time(.number(text)) == viaDouble(text), "\(text)")
        }
        #expect(ClaimSet.time(.string("1795950300")) == nil)
        #expect(ClaimSet.time(nil) == nil)
    }

    // MARK: - The issuer, read on its bytes

    @Test func everyKnownHostNamesItsCloudInAnyCase() throws {
        for (host, cloud) in IssuerInfo.hostClouds {
            for spelling in [host, host.uppercased(), host.prefix(1).uppercased() + host.dropFirst()] {
                let info = try #require(IssuerInfo(issuer: "https://\(spelling)/tenant/v2.0"))
                #expect(info.cloud == cloud, "\(spelling)")
                #expect(info.host == host)
                #expect(info.tenant == "tenant")
                #expect(info.isV2Endpoint)
            }
        }
    }

    @Test func theIssuerAgreesWithURLParts() throws {
        let issuers = ["https://user:pw@Login.MicrosoftOnline.com:443/abc/v2.0", "https://STS.windows.net/abc/", "https://sts.windows.net/abc/def/",
                       "https://x.B2CLOGIN.com/tfp/abc/v2.0/", "https://contoso.ciamlogin.com/abc", "http://[::1]:8080/abc/v2.0",
                       "http://LOCALHOST/abc", "https://lógin.microsoftonline.com/abc/v2.0", "https://accounts.google.com", "https://a@b@c:1/x?y#z"]
        for issuer in issuers {
            let parts = try #require(URLParts(issuer), "\(issuer)")
            let info = try #require(IssuerInfo(issuer: issuer), "\(issuer)")
            #expect(info.host == parts.host, "\(issuer)")
            #expect(info.cloud == IssuerInfo.cloud(ofHost: parts.host), "\(issuer)")
            let segments = parts.path.split(separator: "/")
            #expect(info.tenant == segments.first.map(String.init), "\(issuer)")
            #expect(info.isV2Endpoint == (segments.last == "v2.0"), "\(issuer)")
            #expect(info.isV1Form == (parts.host.hasPrefix("sts.") && segments.count == 1), "\(issuer)")
        }
        #expect(try #require(IssuerInfo(issuer: "https://lógin.microsoftonline.com/abc")).cloud == "unknown")
        #expect(try #require(IssuerInfo(issuer: "https://STS.windows.net/abc/")).isV1Form)
        #expect(IssuerInfo(issuer: "ftp://login.microsoftonline.com/abc") == nil)
        #expect(IssuerInfo(issuer: "https://:443/abc") == nil)
    }

    @Test func theTenantIsComparedOnTheIssuersBytes() throws {
        let consumer = WellKnownValues.consumerTenantID
        for (issuer, tenant) in [("https://login.microsoftonline.com/\(consumer)/v2.0", consumer),
                                 ("https://login.microsoftonline.com/\(consumer.uppercased())/v2.0", consumer.uppercased()),
                                 ("https://login.microsoftonline.com/other/v2.0", "other"), ("https://host/ténant/", "ténant"),
                                 ("https://host/İ/", "İ")] {
            let info = try #require(IssuerInfo(issuer: issuer))
            #expect(info.tenant == tenant)
            for target in [consumer, "other", "i̇"] {
                #expect(info.tenantLowercased(equals: target) == (tenant.lowercased() == target), "\(tenant) vs \(target)")
            }
        }
        let none = try #require(IssuerInfo(issuer: "https://host"))
        #expect(none.tenant == nil && !none.tenantLowercased(equals: ""))
    }

    // MARK: - Small strings

    /// `SmallASCIIString` writes the words of a small string itself; held to strings the standard
    /// library makes, for every length and a spread of bytes at every position.
    @Test func smallStringsEqualTheStandardLibrarysOwn() {
        #expect(SmallASCIIString.layoutHolds, "the check passes on this runtime, so the fast path is the one tested")
        for n in 0...SmallASCIIString.maxCount {
            for shift in 0..<5 {
                let bytes = (0..<n).map { UInt8(0x20 + (($0 * 31 + shift * 17 + n) % 95)) }
                let expected = String(decoding: bytes, as: UTF8.self)
                let made = bytes.withUnsafeBufferPointer { SmallASCIIString.make($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, n) }
                #expect(made == expected && made.utf8.count == n && Array(made.utf8) == bytes, "length \(n)")
                #expect(made.hashValue == expected.hashValue && made + "!" == expected + "!")
                let parsed = bytes.withUnsafeBufferPointer(JSONParser.asciiString)
                #expect(parsed == expected)
            }
        }
    }

    @Test func firstPartyFingerprintsAreFoundBySearch() {
        for fp in ClaimExplainer.firstPartyAppFingerprints { #expect(ClaimExplainer.isFirstPartyAppFingerprint(fp)) }
        for fp: UInt64 in [1, 2, 0xFFFF_FFFF_FFFF_FFFF, ClaimKeys.fingerprint("b3c1f0a2-7d6e-4c5b-8a9f-0e1d2c3b4a59")] {
            #expect(ClaimExplainer.isFirstPartyAppFingerprint(fp) == ClaimExplainer.firstPartyAppFingerprints.contains(fp))
        }
        #expect(ClaimExplainer.firstPartyName("00000003-0000-0000-c000-000000000000") == "Microsoft Graph")
        #expect(ClaimExplainer.firstPartyName("b3c1f0a2-7d6e-4c5b-8a9f-0e1d2c3b4a59") == nil)
    }
}
