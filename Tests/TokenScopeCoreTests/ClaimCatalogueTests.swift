import Testing
@testable import TokenScopeCore

/// The header fields of the reference's §6.1.
private let documentedHeaderNames = ["typ", "alg", "kid", "x5t", "nonce"]

/// The payload claims of the reference's §6.2.
private let documentedPayloadNames = [
    "aud", "iss", "idp", "iat", "nbf", "exp", "aio", "acr", "acrs", "amr", "appid", "appidacr",
    "azp", "azpacr", "idtyp", "name", "oid", "preferred_username", "rh", "roles", "scp", "sid",
    "sub", "tid", "unique_name", "upn", "uti", "ver", "wids", "xms_cc", "groups", "hasgroups",
    "ipaddr", "onprem_sid", "pwd_exp", "pwd_url", "in_corp", "nickname", "family_name",
    "given_name", "acct", "auth_time", "ctry", "email", "fwd", "login_hint", "tenant_ctry",
    "tenant_region_scope", "verified_primary_email", "verified_secondary_email", "vnet",
    "xms_edov", "xms_pdl", "xms_pl", "xms_tpl", "ztdid", "nonce", "c_hash", "at_hash",
]

@Suite("Claims catalogue and well-known values")
struct ClaimCatalogueTests {
    @Test("every documented header field is described", arguments: documentedHeaderNames)
    func headerFieldIsDescribed(_ name: String) throws {
        let entry = try #require(ClaimCatalogue.descriptor(for: name, in: .header))
        #expect(entry.location == .header)
        #expect(!entry.meaning.isEmpty)
        #expect(!entry.reading.isEmpty)
    }

    @Test("every documented payload claim is described", arguments: documentedPayloadNames)
    func payloadClaimIsDescribed(_ name: String) throws {
        let entry = try #require(ClaimCatalogue.descriptor(for: name))
        #expect(entry.name == name)
        #expect(entry.location == .payload)
        #expect(!entry.meaning.isEmpty)
        #expect(!entry.reading.isEmpty)
    }

    @Test func noDuplicateLocationAndName() {
        var seen = Set<String>()
        for entry in ClaimCatalogue.entries {
            let key = "\(entry.location.rawValue):\(entry.name)"
            #expect(seen.insert(key).inserted, "duplicate catalogue entry \(key)")
        }
    }

    @Test func headerEntriesComeFirst() throws {
        let firstPayload = try #require(ClaimCatalogue.entries.firstIndex { $0.location == .payload })
        #expect(ClaimCatalogue.entries[firstPayload...].allSatisfy { $0.location == .payload })
    }

    @Test func textStaysShort() {
        for entry in ClaimCatalogue.entries {
            #expect(entry.meaning.count <= 100, "meaning of \(entry.name) is too long")
            #expect(entry.reading.count <= 220, "reading of \(entry.name) is too long")
        }
    }

    @Test func unknownNamesReturnNil() {
        #expect(ClaimCatalogue.descriptor(for: "no_such_claim") == nil)
        #expect(ClaimCatalogue.descriptor(for: "AUD") == nil, "claim names are case-sensitive")
        #expect(ClaimCatalogue.descriptor(for: "scp", in: .header) == nil)
    }

    @Test func versionCarriers() throws {
        let appid = try #require(ClaimCatalogue.descriptor(for: "appid"))
        #expect(appid.carriers == .v1AccessToken)

        let azp = try #require(ClaimCatalogue.descriptor(for: "azp"))
        #expect(azp.carriers.contains(.v2AccessToken))
        #expect(!azp.carriers.contains(.v1AccessToken))
        #expect(!azp.carriers.contains(.v1IDToken))

        let acr = try #require(ClaimCatalogue.descriptor(for: "acr"))
        #expect(acr.carriers.contains(.v1AccessToken))
        #expect(!acr.carriers.contains(.v2AccessToken))
        #expect(!acr.carriers.contains(.v2IDToken))

        let x5t = try #require(ClaimCatalogue.descriptor(for: "x5t", in: .header))
        #expect(x5t.carriers.contains(.v1AccessToken))
        #expect(!x5t.carriers.contains(.v2AccessToken))
        #expect(!x5t.carriers.contains(.v2IDToken))

        let scp = try #require(ClaimCatalogue.descriptor(for: "scp"))
        #expect(scp.carriers == .accessTokens)
        #expect(scp.carriers.labels == ["v1-access", "v2-access"])
    }

    @Test func headerNonceDiffersFromPayloadNonce() throws {
        let header = try #require(ClaimCatalogue.descriptor(for: "nonce", in: .header))
        let payload = try #require(ClaimCatalogue.descriptor(for: "nonce", in: .payload))
        #expect(header.location == .header)
        #expect(payload.location == .payload)
        #expect(header.meaning != payload.meaning)
        #expect(header.carriers != payload.carriers)
        #expect(payload.carriers == .idTokens)
    }

    @Test func readingsCarryTheKeyFacts() throws {
        #expect(try #require(ClaimCatalogue.descriptor(for: "exp")).reading.contains("Unix time"))
        #expect(try #require(ClaimCatalogue.descriptor(for: "scp")).reading.contains("space-separated"))
        #expect(try #require(ClaimCatalogue.descriptor(for: "sub")).reading.contains("Pairwise"))
        #expect(try #require(ClaimCatalogue.descriptor(for: "oid")).reading.contains("oid + tid"))
        #expect(try #require(ClaimCatalogue.descriptor(for: "uti")).reading.contains("sign-in logs"))
        #expect(try #require(ClaimCatalogue.descriptor(for: "jku", in: .header)).reading.contains("never fetches"))
        #expect(try #require(ClaimCatalogue.descriptor(for: "x5u", in: .header)).reading.contains("never fetches"))
    }

    // MARK: - Well-known values

    static func isLowercaseGUID(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count == 36 else { return false }
        for (offset, char) in chars.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard char == "-" else { return false }
            } else {
                guard char.isASCII, char.isHexDigit, !char.isUppercase else { return false }
            }
        }
        return true
    }

    @Test func guidCheckerRejectsBadShapes() {
        #expect(Self.isLowercaseGUID("62e90394-69f5-4237-9190-012177145e10"))
        #expect(!Self.isLowercaseGUID("62E90394-69F5-4237-9190-012177145E10"))
        #expect(!Self.isLowercaseGUID("62e90394-69f5-4237-9190-012177145e1"))
        #expect(!Self.isLowercaseGUID("62e90394x69f5-4237-9190-012177145e10"))
        #expect(!Self.isLowercaseGUID("62e90394-69f5-4237-9190-012177145e1g"))
    }

    @Test func guidKeysAreLowercaseAndWellFormed() {
        let tables: [(String, [String: String])] = [
            ("directoryRoles", WellKnownValues.directoryRoles),
            ("firstPartyApps", WellKnownValues.firstPartyApps),
            ("specialTenants", WellKnownValues.specialTenants),
        ]
        for (table, values) in tables {
            #expect(!values.isEmpty)
            for (key, name) in values {
                #expect(Self.isLowercaseGUID(key), "\(table) key \(key)")
                #expect(!name.isEmpty)
            }
        }
        #expect(Self.isLowercaseGUID(WellKnownValues.consumerTenantID))
    }

    @Test func wellKnownLookups() {
        #expect(WellKnownValues.firstPartyApps["00000003-0000-0000-c000-000000000000"] == "Microsoft Graph")
        #expect(WellKnownValues.directoryRoles["62e90394-69f5-4237-9190-012177145e10"] == "Global Administrator")
        #expect(WellKnownValues.specialTenants[WellKnownValues.consumerTenantID] != nil)
        #expect(WellKnownValues.firstPartyResourceURIs["https://graph.microsoft.com"] == "Microsoft Graph")
        #expect(WellKnownValues.clientAuthMethods.keys.sorted() == ["0", "1", "2"])
        #expect(WellKnownValues.clientCapabilities["cp1"] != nil)
        for method in ["pwd", "rsa", "otp", "fed", "wia", "mfa", "ngcmfa", "wiaormfa", "none"] {
            #expect(WellKnownValues.amrMethods[method] != nil, "amr \(method)")
        }
    }

    @Test func resourceURIKeysAreNormalised() {
        for key in WellKnownValues.firstPartyResourceURIs.keys {
            #expect(key.hasPrefix("https://"), "\(key)")
            #expect(key == key.lowercased(), "\(key)")
            #expect(!key.hasSuffix("/"), "\(key)")
        }
    }
}
