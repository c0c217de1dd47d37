import Testing
@testable import TokenScopeCore

/// The embedded knowledge base: completeness against the reference, coverage, lookups, content.
@Suite("Knowledge base: embedded data")
struct KnowledgeBaseTests {
    /// Every code of the AADSTS table in ../shared/reference/entra-protocol.md §7 (263 rows:
    /// 238 from Microsoft's code list plus 25 supplementary rows), in the table's order.
    static let referenceCodes: [Int] = [
        16000, 16001, 16002, 160021, 16003, 17003, 20001, 28002, 28003, 399284, 40008, 40009, 40010,
        40015, 50000, 50001, 50002, 500011, 500014, 500021, 500022, 50003, 50005, 50006, 50007, 50008,
        5000224, 5000819, 50010, 50011, 50012, 50013, 500133, 500131, 50014, 50015, 50017, 500141,
        5001256, 50020, 500201, 500207, 500208, 500212, 500213, 50027, 50029, 50032, 50033, 50034,
        50042, 50043, 50048, 50049, 50050, 50052, 50053, 50055, 50056, 50057, 500571, 50058, 50059,
        50061, 50064, 50068, 50070, 50071, 50072, 50074, 50076, 50078, 50079, 50085, 50086, 50087,
        50088, 50089, 50097, 50098, 50099, 50100, 50105, 50107, 50117, 50120, 50125, 50126, 50127,
        50128, 50129, 50131, 50132, 50133, 50134, 50135, 50140, 50142, 50143, 50144, 50146, 501461,
        50147, 50148, 501481, 50149, 501491, 50155, 50156, 50158, 50164, 50165, 50167, 50169, 50171,
        50173, 50177, 50178, 50180, 50187, 50192, 50194, 50196, 50197, 50199, 51000, 51001, 51004,
        51005, 51006, 52004, 53000, 53001, 53002, 53003, 530003, 530004, 530032, 530033, 530034,
        530035, 53004, 53010, 53011, 54000, 54005, 65001, 65002, 65004, 65005, 650052, 650054, 650056,
        650057, 650059, 67003, 70000, 70001, 700011, 70002, 700003, 700005, 700016, 700020, 700022,
        700023, 700024, 700025, 700027, 70003, 700030, 70004, 70005, 700054, 70007, 70008, 700082,
        700084, 70011, 70012, 70016, 70018, 70019, 70021, 700211, 700213, 7002137, 7002138, 700229,
        70043, 7000110, 7000112, 7000114, 7000214, 7000215, 7000218, 7000222, 7000274, 7000277, 75011,
        75001, 75005, 76021, 80013, 81010, 90002, 90004, 90005, 90006, 90008, 90009, 90010, 9001023,
        90012, 90013, 90014, 900144, 90015, 90016, 90019, 90022, 90023, 9002313, 9002326, 9002327,
        9002332, 9002341, 90024, 90027, 90033, 90038, 900382, 900384, 900432, 900439, 90055, 90056,
        900561, 90072, 90094, 90095, 90099, 900971, 90100, 901002, 90107, 90112, 90123, 90124, 90130,
        100007, 1000031, 1000104, 1000502, 1002016, 140000, 165900, 220501, 221000, 240002, 501621,
        5002730, 500181
    ]

    /// Codes the brief or the peer survey (peer-tools.md §4) name that the reference table lacks.
    static let supplementaryCodes: Set<Int> = [1002012, 7000013, 700051, 700212]

    /// Codes whose detailed causes the brief asks for by name.
    static let codesThatNeedCauses: [Int] = [
        50013, 500131, 240002, 500133, 65001, 50076, 50079, 53003, 7000215, 7000222, 700027, 700024, 50012,
        700030, 7000274, 700016, 500011, 90002, 70011, 1002012, 700213, 70021, 700211, 700212, 7002137,
        7002138, 50020, 90072, 50034, 9001023, 700054, 700051, 50126, 50158, 70043, 70008, 54005, 700005,
        50148, 501481, 50147, 50149, 9002326, 9002327, 700084, 50011, 700025, 7000114, 50196, 900439,
        90038, 900432, 1002016, 7000218, 70002, 50048, 1000502, 7000214, 7000277, 700229, 90094,
    ]

    static func knowledge() throws -> KnowledgeBase {
        do throws(KnowledgeLoadError) {
            return try KnowledgeBase.embedded()
        } catch {
            Issue.record("the embedded knowledge does not validate:\n\(error.description)")
            throw error
        }
    }

    @Test func embeddedDataLoadsWithZeroValidationErrors() throws {
        let kb = try Self.knowledge()
        #expect(kb.issues.isEmpty)
        #expect(KnowledgeBase.shared.issues.isEmpty)
        #expect(KnowledgeBase.shared.aadsts.count == kb.aadsts.count)
    }

    @Test func everyReferenceCodeIsPresent() throws {
        #expect(Self.referenceCodes.count == 263)
        #expect(Set(Self.referenceCodes).count == 263)
        let kb = try Self.knowledge()
        for code in Self.referenceCodes {
            #expect(kb.entry(code: code) != nil, "AADSTS\(code) has no entry")
        }
        let extra = Set(kb.aadsts.map(\.code)).subtracting(Self.referenceCodes)
        #expect(extra == Self.supplementaryCodes)
        #expect(kb.aadsts.count == 263 + Self.supplementaryCodes.count)
    }

    @Test func atLeastSixtyEntriesHaveCausesWithConfirmAndFix() throws {
        let kb = try Self.knowledge()
        let detailed = kb.aadsts.filter { !$0.causes.isEmpty }
        #expect(detailed.count >= 60)
        for entry in detailed {
            for cause in entry.causes {
                #expect(!cause.confirm.isEmpty && !cause.fix.isEmpty, "\(entry.displayCode) \(cause.id)")
                #expect(!cause.flows.isEmpty)
            }
        }
        for code in Self.codesThatNeedCauses {
            #expect(kb.entry(code: code)?.causes.isEmpty == false, "AADSTS\(code) has no causes")
        }
    }

    @Test func everyFindingIDHasAdvice() throws {
        let kb = try Self.knowledge()
        for id in FindingID.allCases {
            let advice = kb.finding(id: id)
            #expect(advice != nil, "finding \(id.rawValue) has no advice")
            #expect(advice?.fix.isEmpty == false)
            #expect(advice?.note(for: .obo) != nil || advice?.flows.isEmpty == false)
        }
        #expect(kb.findings.count == FindingID.allCases.count)
        #expect(kb.finding(id: "id-token")?.id == .idToken)
        #expect(kb.finding(id: "no-such-finding") == nil)
    }

    @Test func otherKnowledgeCoversMSALAndIdentityModel() throws {
        let kb = try Self.knowledge()
        for id in ["MsalUiRequiredException", "MsalServiceException", "MsalClaimsChallengeException", "MsalClientException",
                   "invalid_grant", "invalid_client", "OnBehalfOfWrongAuthority", "token_type_missing", "state_mismatch",
                   "cert_without_private_key", "user_assertion_null", "missing_tenanted_authority",
                   "IDX10214", "IDX10205", "IDX10223", "IDX10501", "IDX10511", "IDX10503", "IDX12741", "IDX14100"] {
            let entry = kb.other(id: id)
            #expect(entry != nil, "\(id) has no entry")
        }
        for idx in kb.others(kind: .identityModel) {
            #expect(!idx.causes.isEmpty, "\(idx.id) has no causes")
        }
        #expect(kb.other(id: "invalid_grant")?.exception == .uiRequired)
        #expect(kb.other(id: "invalid_client")?.exception == .service)
        #expect(kb.other(id: "cert_without_private_key")?.exception == .client)
        #expect(kb.other(id: "onbehalfofwrongauthority")?.id == "OnBehalfOfWrongAuthority")
        #expect(kb.other(id: "consent_required")?.kind == .oauthError)
        #expect(kb.other(id: "consent_required", kind: .suberror)?.kind == .suberror)
        #expect(kb.other(id: "IDX99999") == nil)
    }

    @Test func lookupURLsPerCloud() throws {
        #expect(KnowledgeBase.lookupURL(code: 50013) == "https://login.microsoftonline.com/error?code=50013")
        #expect(KnowledgeBase.lookupURL(code: 50013, cloud: .usgov) == "https://login.microsoftonline.us/error?code=50013")
        #expect(KnowledgeBase.lookupURL(code: 50013, cloud: .china) == "https://login.partner.microsoftonline.cn/error?code=50013")
        #expect(KnowledgeBase.lookupURL(code: 7000215, cloud: .govfr) == "https://login.microsoftonline.com/error?code=7000215")
        let kb = try Self.knowledge()
        for entry in kb.aadsts {
            #expect(entry.lookupURL() == "https://login.microsoftonline.com/error?code=\(entry.code)")
        }
    }

    @Test func lookups() throws {
        let kb = try Self.knowledge()
        #expect(kb.entry(code: 50013)?.name == "InvalidAssertion")
        #expect(kb.entry(code: 7000222)?.name == "InvalidClientSecretExpiredKeysProvided")
        #expect(kb.entry(code: 1) == nil)
        #expect(kb.entry(code: 700027)?.displayCode == "AADSTS700027")
        #expect(kb.entries(tag: .certificate).contains { $0.code == 700027 })
        #expect(kb.entries(tag: .federatedCredential).map(\.code).contains(700213))
        #expect(kb.entries(flow: .obo).contains { $0.code == 240002 })
        #expect(!kb.entries(flow: .clientCredentials).contains { $0.code == 240002 })
        #expect(kb.entries(causeID: "obo-assertion-is-id-token").map(\.code) == [50013, 240002, 500131])
        let evidence = kb.causes(evidencedBy: .idToken).map(\.source)
        #expect(evidence.contains(.aadsts(240002)))
        #expect(kb.aadsts.map(\.code) == kb.aadsts.map(\.code).sorted())
    }

    @Test func causesAreRankedPerFlow() throws {
        let kb = try Self.knowledge()
        let obo = try #require(kb.entry(code: 50076)).causes(for: .obo)
        #expect(obo.first?.id == "obo-mfa-claims-challenge")
        let interactive = try #require(kb.entry(code: 50076)).causes(for: .authCode)
        #expect(interactive.first?.id == "mfa-required-interactive")
        let cc = try #require(kb.entry(code: 53003)).causes(for: .clientCredentials)
        #expect(cc.map(\.id) == ["ca-blocks-workload-identity"])
        #expect(try #require(kb.entry(code: 50013)).causes(for: .any).count == kb.entry(code: 50013)?.causes.count)
    }

    // MARK: - Content that matters

    @Test func secretValueVersusID() throws {
        let entry = try #require(try Self.knowledge().entry(code: 7000215))
        #expect(entry.meaning.contains("ID") && entry.meaning.contains("value"))
        #expect(entry.error == "invalid_client")
        #expect(entry.msal == MSALException(exception: .service, errorCode: "invalid_client"))
        let first = try #require(entry.causes.first)
        #expect(first.id == "secret-id-instead-of-value")
        #expect(first.confirm.contains { $0.contains("az ad app credential list --id <appId>") })
        #expect(first.msalNet?.contains("WithClientSecret") == true)
    }

    @Test func idTokenAsAssertion() throws {
        let entry = try #require(try Self.knowledge().entry(code: 240002))
        #expect(entry.meaning.contains("ID token"))
        let first = try #require(entry.causes.first)
        #expect(first.findings.contains(.idToken))
        #expect(first.msalNet?.contains("AcquireTokenOnBehalfOf") == true)
        #expect(first.msalNet?.contains("new UserAssertion(") == true)
    }

    @Test func mfaClaimsChallenge() throws {
        let entry = try #require(try Self.knowledge().entry(code: 50076))
        #expect(entry.msal.exception == .claimsChallenge)
        let text = entry.causes.flatMap { [$0.cause] + $0.confirm + $0.fix + [$0.msalNet ?? ""] }.joined(separator: " ")
        #expect(text.contains("claims challenge"))
        #expect(text.contains("WWW-Authenticate"))
        #expect(text.contains("WithClaims"))
        #expect(try #require(try Self.knowledge().entry(code: 50079)).error == "interaction_required")
    }

    @Test func consent() throws {
        let entry = try #require(try Self.knowledge().entry(code: 65001))
        #expect(entry.meaning.lowercased().contains("consent"))
        #expect(entry.msal.exception == .uiRequired)
        let obo = try #require(entry.causes(for: .obo).first)
        #expect(obo.fix.joined().contains("knownClientApplications"))
        #expect(obo.fix.joined().contains("/.default"))
        #expect(obo.fix.joined().contains("admin consent"))
    }

    @Test func guestsUseTheTenantFromTid() throws {
        let kb = try Self.knowledge()
        let log = try #require(kb.other(id: "OnBehalfOfWrongAuthority"))
        let cause = try #require(log.causes.first)
        #expect(cause.msalNet?.contains("WithTenantId") == true)
        #expect(cause.findings.contains(.guestUser))
        #expect(kb.entries(causeID: cause.id).map(\.code).contains(50020))
    }
}
