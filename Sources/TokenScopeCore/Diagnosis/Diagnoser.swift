/// Ranks the likely causes of a failure by the evidence of this case.
///
/// Candidates come from the knowledge base: the causes listed under each AADSTS code, IDX code,
/// MSAL exception, MSAL error code or OAuth error in the case, in the knowledge base's order
/// (most likely first). Then the case's evidence moves them:
/// - a cause whose `findings` appear on a token of the case (the pasted token, the OBO
///   assertion) rises strongly; one whose findings could be checked and are absent falls;
/// - values in the messages rise or add causes (`DiagnosisSignals`): the audience Entra names,
///   the times of an expired assertion, a placeholder client ID, a malformed resource;
/// - a flow the user states drops causes of other flows; a flow the paste points to favours
///   causes of that flow;
/// - the credential kind (secret, certificate, federated) favours causes of that credential.
/// Network failures, input errors and answers that are not Entra errors get their own advice.
/// When nothing is known, one advice item says so and lists what to collect.
public enum Diagnoser {
    /// At most this many advice items are returned.
    public static let maxAdvice = 10

    /// Diagnoses a parsed paste. `flow` and `credential` are what the user stated (`--flow`).
    public static func diagnose(_ pasted: PastedDiagnosis, flow: KnowledgeFlow? = nil, credential: CredentialKind? = nil,
                                context: DiagnosisContext = DiagnosisContext()) -> [Advice] {
        diagnose(DiagnosisInput(pasted: pasted, flow: flow, credential: credential, context: context))
    }

    /// Diagnoses the outcome of an exchange; empty for a success.
    public static func diagnose(_ outcome: ExchangeOutcome, context: DiagnosisContext = DiagnosisContext()) -> [Advice] {
        if outcome.succeeded { return [] }
        return diagnose(DiagnosisInput(outcome: outcome, context: context))
    }

    public static func diagnose(_ input: DiagnosisInput, knowledge: KnowledgeBase = .shared) -> [Advice] {
        var ranking = Ranking(input: input, kb: knowledge)
        ranking.collect()
        ranking.weigh()
        let advice = ranking.result()
        return advice.isEmpty ? [GenericAdvice.nothing(input)] : advice
    }

    // MARK: - Candidates

    /// An advice item being ranked.
    struct Candidate {
        let id: String
        var title: String
        var cause: String
        var confirm: [String]
        var fix: [String]
        var msalNet: String?
        var owner: Fixer
        var link: String?
        var source = "paste"
        /// Findings that support this cause.
        var findings: [FindingID] = []
        var flows: [KnowledgeFlow] = [.any]
        var base = 20
        var bonus = 0
        /// The positive part of `bonus`: how much of the case's own evidence supports it.
        var support = 0
        var evidence: [String] = []
        var order = 0
        /// The code has only this cause: the code itself is the evidence.
        var soleCause = false
        /// Describes a code or entry rather than a cause.
        var generic = false
        var flowMismatch = false

        init(id: String, title: String, cause: String, confirm: [String], fix: [String], owner: Fixer, evidence: String?) {
            self.id = id
            self.title = title
            self.cause = cause
            self.confirm = confirm
            self.fix = fix
            self.owner = owner
            if let evidence { self.evidence = [evidence] }
        }

        init(cause: Cause, owner: Fixer) {
            self.init(id: cause.id, title: Advice.headline(cause.cause), cause: cause.cause, confirm: cause.confirm, fix: cause.fix,
                      owner: Self.owner(of: cause.id) ?? owner, evidence: nil)
            msalNet = cause.msalNet
            findings = cause.findings
            flows = cause.flows
        }

        var score: Int { base + bonus }

        /// Who fixes a cause when its ID says so more precisely than its entry: consent and
        /// tenant policies are an administrator's, a user's own sign-in the user's.
        static func owner(of id: String) -> Fixer? {
            if id == "user-declined-consent" { return .user }
            if id.contains("consent") || id.hasPrefix("ca-") || id.contains("policy") || id == "security-defaults-block"
                || id == "device-not-compliant" || id == "user-not-assigned" || id == "guest-not-invited" { return .tenantAdmin }
            if id.hasPrefix("mfa-") || id == "wrong-password-or-ropc" || id == "refresh-token-expired-or-revoked" { return .user }
            return nil
        }

        mutating func raise(_ points: Int, _ reason: String?) {
            bonus += points
            if points > 0 { support += points }
            if let reason, !evidence.contains(reason) { evidence.append(reason) }
        }
    }

    struct Ranking {
        let input: DiagnosisInput
        let kb: KnowledgeBase
        var candidates: [Candidate] = []
        var cloud: Cloud { input.cloud ?? .public }

        init(input: DiagnosisInput, kb: KnowledgeBase) {
            self.input = input
            self.kb = kb
        }

        mutating func add(_ candidate: Candidate) {
            if let i = candidates.firstIndex(where: { $0.id == candidate.id }) {
                var existing = candidates[i]
                if candidate.base > existing.base {
                    existing.base = candidate.base
                    existing.soleCause = candidate.soleCause
                }
                for e in candidate.evidence where !existing.evidence.contains(e) { existing.evidence.append(e) }
                if existing.link == nil { existing.link = candidate.link }
                // An AADSTS code says more about who fixes it than an exception type does.
                if !existing.source.hasPrefix("AADSTS"), candidate.source.hasPrefix("AADSTS") {
                    existing.owner = candidate.owner
                    existing.source = candidate.source
                }
                candidates[i] = existing
            } else {
                var c = candidate
                c.order = candidates.count
                candidates.append(c)
            }
        }

        // MARK: Collect

        mutating func collect() {
            if let error = input.inputError {
                var c = GenericAdvice.input(error)
                c.source = "input"
                c.base = 60
                c.support = 40
                add(c)
            }
            if let transport = input.transport {
                var c = GenericAdvice.transport(transport.kind, message: transport.message)
                c.source = "transport"
                c.base = 60
                c.support = 40
                add(c)
            }
            if let response = input.unparsedResponse {
                var c = GenericAdvice.unparsed(response)
                c.source = "response"
                c.base = 50
                c.support = 20
                add(c)
            }
            for (index, error) in input.errors.enumerated() { collect(error, index: index) }
            collectFindings()
        }

        mutating func collect(_ error: ParsedError, index: Int) {
            let which = input.errors.count > 1 ? " (error \(index + 1))" : ""
            let specific = error.codes.filter { !PasteGrouping.wrapperCodes.contains($0) }
            let codes = specific.isEmpty ? error.codes : specific
            for (position, code) in codes.enumerated() {
                let shift = position * 3
                guard let entry = kb.entry(code: code) else {
                    var c = GenericAdvice.unknownCode(code, cloud: cloud)
                    c.base = 12 - shift
                    add(c)
                    continue
                }
                let said = "the error is AADSTS\(code) (\(entry.title))\(which)"
                if entry.causes.isEmpty {
                    var c = GenericAdvice.entry(entry, cloud: cloud)
                    c.base = 22 - shift
                    c.evidence = [said]
                    add(c)
                    continue
                }
                for (rank, cause) in entry.causes.enumerated() {
                    var c = Candidate(cause: cause, owner: entry.fixer)
                    c.base = 30 - 5 * rank - shift
                    c.link = entry.lookupURL(cloud: cloud)
                    c.source = entry.displayCode
                    c.soleCause = entry.causes.count == 1
                    c.evidence = [said]
                    add(c)
                }
            }
            for code in error.idxCodes {
                if let entry = kb.other(id: code, kind: .identityModel) {
                    addOther(entry, base: 30, said: "the API's log shows \(code) (\(entry.title))\(which)")
                } else {
                    var c = GenericAdvice.unknownIDX(code)
                    c.base = 12
                    add(c)
                }
            }
            // An API's challenge.
            if let challenge = error.wwwAuthenticate {
                if challenge.error?.lowercased() == "insufficient_claims" || challenge.claims != nil,
                   let entry = kb.other(id: "insufficient_claims", kind: .oauthError) {
                    addOther(entry, base: 30, said: "the API answered with a claims challenge (`error=\"insufficient_claims\"`)\(which)")
                } else {
                    var c = GenericAdvice.apiChallenge(challenge)
                    c.base = 24
                    add(c)
                }
            }
            let hasCodes = !codes.isEmpty || !error.idxCodes.isEmpty
            for id in error.msalErrors {
                guard let entry = kb.other(id: id) else { continue }
                addOther(entry, base: entry.kind == .msalLog ? 30 : (hasCodes ? 10 : 28), said: "the paste shows MSAL's `\(id)`\(which)")
            }
            if !hasCodes, error.wwwAuthenticate == nil, let value = error.error {
                if let entry = kb.other(id: value, kind: .oauthError) ?? kb.other(id: value, kind: .msalError) {
                    addOther(entry, base: 24, said: "the error is `\(value)`\(which)")
                }
            }
            for name in error.exceptions {
                let known = PasteVocabulary.exceptionAliases[name.lowercased()] ?? name
                guard let entry = kb.other(id: known, kind: .msalException) else { continue }
                let alone = !hasCodes && error.error == nil && error.msalErrors.isEmpty
                if alone || !entry.causes.isEmpty {
                    addOther(entry, base: alone ? 24 : 4, said: "the paste shows `\(name)`\(which)", generic: alone)
                }
            }
            if let problem = error.network {
                var c = GenericAdvice.network(problem)
                c.source = "transport"
                c.base = hasCodes ? 8 : 40
                if !hasCodes { c.support = 30 }
                add(c)
            }
        }

        /// The causes of an MSAL, OAuth or IdentityModel entry, or its meaning when it has none.
        mutating func addOther(_ entry: OtherEntry, base: Int, said: String, generic allowGeneric: Bool = true) {
            if entry.causes.isEmpty {
                guard allowGeneric else { return }
                var c = GenericAdvice.other(entry)
                c.base = base - 6
                c.evidence = [said]
                add(c)
                return
            }
            for (rank, cause) in entry.causes.enumerated() {
                var c = Candidate(cause: cause, owner: entry.fixer)
                c.base = base - 5 * rank
                c.source = entry.id
                c.soleCause = entry.causes.count == 1
                c.evidence = [said]
                add(c)
            }
        }

        /// Error and warning findings that no cause of the case explains get their own advice.
        mutating func collectFindings() {
            let explained = Set(candidates.flatMap(\.findings))
            let hasErrors = !candidates.isEmpty
            var seen: Set<FindingID> = []
            for (index, token) in input.tokens.enumerated() {
                for finding in token.findings where finding.severity != .info && !explained.contains(finding.id) && !seen.contains(finding.id) {
                    guard let advice = kb.finding(id: finding.id) else { continue }
                    seen.insert(finding.id)
                    var c = GenericAdvice.finding(advice, finding: finding, token: index + 1, flow: input.flow ?? input.flowHint?.flow)
                    c.base = hasErrors ? 6 : (finding.severity == .error ? 30 : 18)
                    c.support = hasErrors ? 0 : 20
                    add(c)
                }
            }
        }

        // MARK: Weigh

        mutating func weigh() {
            // Signals may name causes the codes do not list (a 50012 whose message speaks of time).
            let boosts = DiagnosisSignals.boosts(input)
            for boost in boosts where boost.adds && !candidates.contains(where: { $0.id == boost.causeID }) {
                guard let found = locate(boost.causeID) else { continue }
                var c = Candidate(cause: found.cause, owner: found.owner)
                c.base = 18
                c.link = input.errors.first?.codes.first.map { KnowledgeBase.lookupURL(code: $0, cloud: cloud) }
                c.source = found.source
                add(c)
            }
            for i in candidates.indices {
                var c = candidates[i]
                applyFlow(&c)
                applyFindings(&c)
                applyCredential(&c)
                for boost in boosts where boost.causeID == c.id { c.raise(boost.points, boost.evidence) }
                candidates[i] = c
            }
        }

        /// Finds a cause by ID anywhere in the knowledge base.
        func locate(_ id: String) -> (cause: Cause, owner: Fixer, source: String)? {
            if let entry = kb.entries(causeID: id).first, let cause = entry.causes.first(where: { $0.id == id }) {
                return (cause, entry.fixer, entry.displayCode)
            }
            for entry in kb.others {
                if let cause = entry.causes.first(where: { $0.id == id }) { return (cause, entry.fixer, entry.id) }
            }
            return nil
        }

        func applies(_ c: Candidate, to flow: KnowledgeFlow) -> Bool {
            c.flows.contains(.any) || c.flows.contains(flow)
        }

        func applyFlow(_ c: inout Candidate) {
            if let flow = input.flow {
                if !applies(c, to: flow) {
                    c.bonus -= 40
                    c.flowMismatch = true
                } else if c.flows == [flow] {
                    // A cause that exists only in this flow is the more specific explanation.
                    c.bonus += 8
                }
                return
            }
            guard let hint = input.flowHint else { return }
            let shown = hint.evidence.prefix(2).map { "`\($0)`" }.joined(separator: ", ")
            if applies(c, to: hint.flow) {
                if !c.flows.contains(.any), c.flows.count < 4 {
                    c.raise(hint.strong ? 8 : 4, "the paste points to \(hint.flow.displayName) (\(shown))")
                }
                if hint.strong, c.flows == [hint.flow] { c.bonus += 8 }
            } else {
                c.bonus -= hint.strong ? 25 : 10
                c.flowMismatch = hint.strong
            }
        }

        func applyFindings(_ c: inout Candidate) {
            guard !c.findings.isEmpty else { return }
            var present: [FindingID: (points: Int, evidence: String)] = [:]
            for (index, token) in input.tokens.enumerated() {
                for finding in token.findings where present[finding.id] == nil {
                    // An ID token's aud is the client app by design: its audience mismatch is a
                    // consequence of being an ID token, not a second piece of evidence.
                    if finding.id == .audienceMismatch, token.kind == .idToken { continue }
                    var points = finding.severity == .error ? 40 : finding.severity == .warning ? 30 : 20
                    if Self.decisiveFindings.contains(finding.id) { points += 10 }
                    present[finding.id] = (points, "token \(index + 1) (\(token.summary)) has the `\(finding.id.rawValue)` finding: \(DiagnosisSignals.safe(finding.message))")
                }
            }
            for (id, evidence) in DiagnosisSignals.pseudoFindings(input) where present[id] == nil {
                present[id] = (30, evidence + " (as the `\(id.rawValue)` finding would)")
            }
            var points = 0
            var reasons: [String] = []
            for id in c.findings {
                if let p = present[id] {
                    points += p.points
                    reasons.append(p.evidence)
                }
            }
            if points > 0 {
                c.raise(min(points, 70), nil)
                for r in reasons where !c.evidence.contains(r) { c.evidence.append(r) }
            } else if input.tokens.contains(where: { !$0.claims.isEmpty }) {
                // The token could show this cause's findings and does not.
                c.bonus -= 12
            }
        }

        /// Findings that say what the token is (not one attribute of it): they decide between causes.
        static let decisiveFindings: Set<FindingID> = [.idToken, .appOnlyToken, .refreshToken, .opaque, .malformed, .unsigned,
                                                       .encrypted, .graphNonce, .expired, .b2cToken, .personalAccount]

        func applyCredential(_ c: inout Candidate) {
            guard let credential = input.credential ?? input.credentialHint?.kind else { return }
            let family = Self.credentialFamily(c.id)
            guard !family.isEmpty else { return }
            if family.contains(credential) {
                if family.count == 1 {
                    let why = input.credential != nil ? "the request used \(Self.describe(credential))"
                        : "the paste points to \(Self.describe(credential)) (\(input.credentialHint!.evidence.prefix(2).map { "`\($0)`" }.joined(separator: ", ")))"
                    c.raise(10, why)
                }
            } else {
                c.bonus -= 15
            }
        }

        static func credentialFamily(_ id: String) -> Set<CredentialKind> {
            if id.hasPrefix("secret-") || id == "old-secret-still-deployed" { return [.secret] }
            if id.hasPrefix("fic-") || id == "external-token-signature-failed" || id == "assertion-callback-empty" { return [.federated] }
            if id.hasPrefix("certificate-") || id.hasPrefix("sni-") || id == "assertion-signed-with-other-key" || id == "assertion-header-wrong"
                || id == "msal-4600-pss-regression" || id == "mtls-pop-stale-certificate" { return [.certificate] }
            if id.hasPrefix("client-assertion-") || id == "assertion-audience-wrong-host" || id == "assertion-sub-differs-from-iss" {
                return [.certificate, .federated]
            }
            return []
        }

        static func describe(_ kind: CredentialKind) -> String {
            switch kind {
            case .secret: return "a client secret"
            case .certificate: return "a certificate"
            case .federated: return "a federated credential (an external token as client assertion)"
            case .managedIdentity: return "a managed identity"
            case .none: return "no client credential (a public client)"
            }
        }

        // MARK: Result

        func result() -> [Advice] {
            let sorted = candidates.sorted { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
            return sorted.prefix(Diagnoser.maxAdvice).map { c in
                let confidence: AdviceConfidence
                if c.flowMismatch {
                    confidence = .low
                } else if c.support >= 35 || (c.soleCause && !c.generic) {
                    confidence = .high
                } else if c.support >= 15 || c.generic {
                    confidence = .medium
                } else {
                    confidence = .low
                }
                return Advice(id: c.id, title: c.title, cause: c.cause, evidence: c.evidence, confirm: c.confirm, fix: c.fix,
                              msalNet: c.msalNet, owner: c.owner, confidence: confidence, link: c.link, source: c.source, score: c.score)
            }
        }
    }
}
