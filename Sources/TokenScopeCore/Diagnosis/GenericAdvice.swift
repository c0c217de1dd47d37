/// Advice the knowledge base has no cause list for: network failures, input that could not be
/// sent, answers that are not Entra errors, codes with only a meaning, token findings on their
/// own, and "nothing recognised". Each is built as a diagnoser candidate.
enum GenericAdvice {
    // MARK: - Network

    static func transport(_ kind: TransportError.Kind, message: String?) -> Diagnoser.Candidate {
        let said = message.map { "the failure says: \(DiagnosisSignals.safe($0))" }
        switch kind {
        case .dns:
            return .init(id: "transport-dns", title: "The authority's host name did not resolve",
                         cause: "DNS could not resolve the login host: a typo in the authority, a sovereign cloud's host used from outside it, or DNS that cannot reach the internet (a private network without a forwarder).",
                         confirm: ["Resolve the host from the same machine: `nslookup login.microsoftonline.com` (or the host of your authority).",
                                   "Compare the authority with the cloud the tenant lives in: public `login.microsoftonline.com`, US Government `login.microsoftonline.us`, China `login.partner.microsoftonline.cn`."],
                         fix: ["Correct the authority host (or pass `--cloud`), or fix the DNS configuration of the machine or container.",
                               "In locked-down networks, allow name resolution for the Entra endpoints your cloud uses."],
                         owner: .network, evidence: said)
        case .tls:
            return .init(id: "transport-tls", title: "TLS to the authority failed: its certificate is not trusted",
                         cause: "The TLS handshake failed: the server's certificate chain does not lead to a CA this client trusts (a TLS-inspecting proxy re-signs traffic with its own CA, or a local authority such as the TokenScope sandbox uses its own CA), or it does not match the host.",
                         confirm: ["Show the chain the machine actually receives: `openssl s_client -connect login.microsoftonline.com:443 -showcerts` and look at the issuer of the first certificate.",
                                   "An issuer named after your company's proxy or firewall (not Microsoft or DigiCert) means TLS inspection."],
                         fix: ["For the sandbox's `--tls`, pass its CA: `tokenscope exchange … --ca-file <state-dir>/sandbox/ca.pem` (`tokenscope sandbox serve --tls` prints the path).",
                               "Behind a TLS-inspecting proxy, add the proxy's root CA to the trust store the client uses (for TokenScope: `--ca-file proxy-ca.pem`), or exempt the Entra endpoints from inspection.",
                               "Never turn certificate validation off."],
                         owner: .network, evidence: said)
        case .timeout:
            return .init(id: "transport-timeout", title: "The authority did not answer in time",
                         cause: "The request to the token endpoint timed out: a proxy that must be configured (HTTPS_PROXY), a firewall silently dropping traffic, or a network too slow for the configured timeout.",
                         confirm: ["Try the endpoint from the same machine: `curl -sv https://login.microsoftonline.com/common/discovery/instance?api-version=1.1 -o /dev/null`.",
                                   "Check whether the machine needs a proxy: `env | grep -i _proxy`."],
                         fix: ["Set HTTPS_PROXY (and NO_PROXY for local hosts) for the process, or open the firewall for the Entra endpoints.",
                               "Raise the timeout only after the path works (`--timeout`)."],
                         owner: .network, evidence: said)
        case .connection:
            return .init(id: "transport-connection", title: "Nothing accepted the connection",
                         cause: "The connection was refused or reset: the host or port is wrong, a local authority (the sandbox) is not running, or a firewall resets connections to the login host.",
                         confirm: ["Check that the authority URL's host and port are right and that the service listens there (`tokenscope sandbox serve` for the sandbox).",
                                   "Try the same URL with curl from the same machine."],
                         fix: ["Start the local authority, correct the port, or allow outbound HTTPS to the Entra endpoints."],
                         owner: .network, evidence: said)
        case .tooLarge:
            return .init(id: "transport-too-large", title: "The answer was too large to be a token response",
                         cause: "Something other than the token endpoint answered (a portal page, a proxy's block page, a file server).",
                         confirm: ["Print the answer's first lines (the HTTP trace of `tokenscope exchange`) and look at who sent it."],
                         fix: ["Point the authority at the Entra host (`https://login.microsoftonline.com/<tenant-id>`), or route around the proxy that answers."],
                         owner: .network, evidence: said)
        case .invalidURL:
            return .init(id: "transport-invalid-url", title: "The authority URL cannot be called",
                         cause: "The authority or endpoint URL is not an absolute https URL (http is accepted only for loopback).",
                         confirm: ["Look at `--authority`: it must read `https://login.microsoftonline.com/<tenant-id-or-domain>`."],
                         fix: ["Pass a full https authority with the tenant segment."],
                         owner: .developer, evidence: said)
        case .other:
            return .init(id: "transport-other", title: "The request failed before the authority answered",
                         cause: "The client could not complete the HTTP exchange with the authority.",
                         confirm: ["Repeat the request with curl from the same machine and compare."],
                         fix: ["Fix the network path to the authority (proxy, firewall, DNS), then retry."],
                         owner: .network, evidence: said)
        }
    }

    static func network(_ problem: NetworkProblem) -> Diagnoser.Candidate {
        if problem.kind == .proxy {
            return .init(id: "transport-proxy", title: "A proxy refused or could not forward the request",
                         cause: "The request goes through an HTTP proxy that demands authentication or cannot reach the login host.",
                         confirm: ["Check the proxy settings the process sees: `env | grep -i _proxy` (and the language runtime's own settings).",
                                   "Try the token endpoint through the proxy with curl: `curl -sv -x $HTTPS_PROXY https://login.microsoftonline.com/`."],
                         fix: ["Give the process proxy credentials it can use, or exempt the Entra endpoints from the proxy (NO_PROXY), or allow them on the proxy."],
                         owner: .network, evidence: "the paste says `\(DiagnosisSignals.safe(problem.matched))`")
        }
        let kind: TransportError.Kind = switch problem.kind {
        case .dns: .dns
        case .tls: .tls
        case .timeout: .timeout
        case .connection: .connection
        case .proxy: .other
        }
        var candidate = transport(kind, message: nil)
        candidate.evidence = ["the paste says `\(DiagnosisSignals.safe(problem.matched))`"]
        return candidate
    }

    // MARK: - Input and unparsed answers

    static func input(_ error: ExchangeInputError) -> Diagnoser.Candidate {
        .init(id: "input-\(error.id)", title: Advice.headline(error.message),
              cause: "The request was not sent: \(error.message)",
              confirm: ["Look at \(error.field)."], fix: [error.fix], owner: .developer,
              evidence: "TokenScope refused \(error.field) before sending anything")
    }

    static func unparsed(_ response: DiagnosisInput.UnparsedResponse) -> Diagnoser.Candidate {
        let problem = response.problem.map { ": \(DiagnosisSignals.safe($0))" } ?? ""
        if response.status == 429 {
            return .init(id: "throttled", title: "The authority throttled the requests (HTTP 429)",
                         cause: "Too many requests for the same token in a short time: a retry loop, many instances without a shared cache, or a new client application object per request (its cache starts empty).",
                         confirm: ["Count the token requests per minute in the logs; read the Retry-After header of the 429."],
                         fix: ["Wait for Retry-After before retrying, and reuse one confidential client application object (its token cache) per app and tenant."],
                         owner: .developer, evidence: "HTTP 429\(problem)")
        }
        if response.status >= 500 {
            return .init(id: "service-error", title: "The authority failed on its side (HTTP \(response.status))",
                         cause: "The sign-in service or something in front of it had a server error.",
                         confirm: ["Retry once after a few seconds; check the Azure status page for Entra ID incidents."],
                         fix: ["Retry with backoff; if it persists, open a support case with the timestamp and the client-request-id you sent."],
                         owner: .microsoft, evidence: "HTTP \(response.status)\(problem)")
        }
        return .init(id: "proxy-or-wrong-host-answered", title: "Something other than Entra answered (HTTP \(response.status))",
                     cause: "The answer is not an Entra error: a proxy or firewall page, a wrong host, or a truncated body.",
                     confirm: ["Read the body in the HTTP trace: an HTML page names the proxy or server that sent it."],
                     fix: ["Send the request to the Entra login host of your cloud, or route around the proxy that answers."],
                     owner: .network, evidence: "HTTP \(response.status)\(problem)")
    }

    // MARK: - Knowledge without causes

    /// An AADSTS code the knowledge base describes but has no cause list for.
    static func entry(_ entry: AADSTSEntry, cloud: Cloud) -> Diagnoser.Candidate {
        let owner = entry.fixer
        var fix: [String] = []
        switch owner {
        case .developer: fix = ["Correct the request or the app registration as the meaning says; the lookup page has Microsoft's current text for the code."]
        case .tenantAdmin: fix = ["Ask a tenant administrator to review the setting named in the meaning (Entra admin center), with the correlation ID and timestamp."]
        case .user: fix = ["The user must resolve it in an interactive sign-in (as the meaning says); the app should show the sign-in page instead of retrying silently."]
        case .microsoft: fix = ["Retry after a short wait; if it keeps happening, open a support case with the trace ID, correlation ID and timestamp."]
        case .network: fix = ["Check the network path (proxy, tenant restrictions, firewall) between the client and Entra."]
        }
        var candidate = Diagnoser.Candidate(
            id: "aadsts-\(entry.code)", title: entry.title, cause: entry.meaning,
            confirm: ["Find the failed sign-in in Entra admin center > Monitoring & health > Sign-in logs (filter by correlation ID, or by the app and time) and read its failure reason and details."],
            fix: fix, owner: owner, evidence: nil)
        candidate.flows = entry.flows
        candidate.link = entry.lookupURL(cloud: cloud)
        candidate.source = entry.displayCode
        candidate.generic = true
        return candidate
    }

    static func unknownCode(_ code: Int, cloud: Cloud) -> Diagnoser.Candidate {
        var candidate = Diagnoser.Candidate(
            id: "unknown-aadsts-code", title: "AADSTS\(code) is not in TokenScope's knowledge base",
            cause: "TokenScope has no entry for this code; the message that came with it and Microsoft's lookup page describe it.",
            confirm: ["Open the lookup page for the code, and find the failed request in the sign-in logs by its correlation ID."],
            fix: ["Follow the message and the lookup page; keep the trace ID, correlation ID and timestamp for a support case."],
            owner: .developer, evidence: nil)
        candidate.link = KnowledgeBase.lookupURL(code: code, cloud: cloud)
        candidate.source = "AADSTS\(code)"
        candidate.generic = true
        return candidate
    }

    /// An MSAL, OAuth or IdentityModel entry without causes: its meaning.
    static func other(_ entry: OtherEntry) -> Diagnoser.Candidate {
        var confirm = ["Look at the full message and the inner exception: the AADSTS code, if any, names the precise reason."]
        if !entry.codes.isEmpty {
            confirm.append("Codes usually behind it: \(entry.codes.prefix(6).map { "AADSTS\($0)" }.joined(separator: ", ")).")
        }
        var candidate = Diagnoser.Candidate(
            id: "\(entry.kind == .identityModel ? "identitymodel" : entry.kind == .oauthError || entry.kind == .suberror ? "oauth" : "msal")-\(entry.id.lowercased())",
            title: entry.title, cause: entry.meaning, confirm: confirm,
            fix: ["Address the specific reason the message (or the AADSTS code behind it) gives; with no code, enable MSAL logging at Verbose (without PII) and capture the full error response."],
            owner: entry.fixer, evidence: nil)
        candidate.flows = entry.flows
        candidate.source = entry.id
        candidate.generic = true
        return candidate
    }

    static func unknownIDX(_ code: String) -> Diagnoser.Candidate {
        var candidate = Diagnoser.Candidate(
            id: "identitymodel-unknown", title: "\(code): a token validation error in the API",
            cause: "Microsoft.IdentityModel rejected a token while validating it in the API; the message names the check that failed.",
            confirm: ["Decode the token the API received (`tokenscope decode <token>`) and compare aud, iss, exp and the signing key with the API's validation settings.",
                      "Turn on IdentityModelEventSource.ShowPII in development to see the values in the message."],
            fix: ["Align the API's validation settings (audience, issuer, metadata address) with the tokens its callers get, or have the callers request tokens for this API."],
            owner: .developer, evidence: nil)
        candidate.source = code
        candidate.generic = true
        return candidate
    }

    /// An API's challenge other than a claims challenge.
    static func apiChallenge(_ challenge: WWWAuthenticateChallenge) -> Diagnoser.Candidate {
        let description = challenge.errorDescription.map { ": \(DiagnosisSignals.safe($0))" } ?? ""
        var candidate: Diagnoser.Candidate
        switch challenge.error?.lowercased() {
        case "invalid_token"?:
            candidate = .init(id: "api-rejected-token", title: "The API rejected the access token (invalid_token)",
                              cause: "The API's token validation refused the token: wrong audience, expired, signed with keys the API does not load, or from an issuer it does not trust.",
                              confirm: ["Decode the token the client sent: `tokenscope decode --expect-audience <api-app-id> <token>` (audience-mismatch, expired and first-party-audience findings name the reason).",
                                        "Read the API's log for the IDX code behind the 401 (IDX10214 audience, IDX10205 issuer, IDX10223 lifetime, IDX10501/IDX10503 signature)."],
                              fix: ["Have the client request a token for a scope of this API and send that one; align the API's audience and issuer settings with its registration."],
                              owner: .developer, evidence: "the API answered `error=\"invalid_token\"`\(description)")
        case "insufficient_scope"?:
            candidate = .init(id: "api-insufficient-scope", title: "The token lacks a scope or role the API requires",
                              cause: "The access token is valid but does not carry the permission this operation needs (scp for delegated calls, roles for app-only calls).",
                              confirm: ["Decode the token and read scp or roles: `tokenscope decode --expect-scope <scope> <token>`."],
                              fix: ["Request the scope the API requires (and have it consented), or assign the app role; then get a new token."],
                              owner: .developer, evidence: "the API answered `error=\"insufficient_scope\"`\(description)")
        default:
            candidate = .init(id: "api-needs-token", title: "The API asks for a token",
                              cause: "The API answered 401 with a Bearer challenge: the request carried no token, or one it could not use; the challenge names the authority to get one from.",
                              confirm: ["Check that the request carries `Authorization: Bearer <access token>`, and decode that token with `tokenscope decode`."],
                              fix: ["Acquire a token for this API from the authority in the challenge\(challenge.authorizationURI.map { " (`\(DiagnosisSignals.safe($0))`)" } ?? "") and send it."],
                              owner: .developer, evidence: "the API answered with `WWW-Authenticate: \(DiagnosisSignals.safe(String(challenge.raw.prefix(120))))`")
        }
        candidate.source = "WWW-Authenticate"
        candidate.generic = true
        return candidate
    }

    // MARK: - Findings and nothing

    static func finding(_ advice: FindingAdvice, finding: Finding, token: Int, flow: KnowledgeFlow?) -> Diagnoser.Candidate {
        let note = flow.flatMap { advice.note(for: $0) } ?? advice.note(for: .any)
        var candidate = Diagnoser.Candidate(
            id: "finding-\(advice.id.rawValue)", title: advice.title, cause: advice.meaning + (note.map { " " + $0 } ?? ""),
            confirm: ["`tokenscope decode` on the token shows the `\(advice.id.rawValue)` finding and the claims behind it."],
            fix: advice.fix, owner: advice.fixer,
            evidence: "token \(token) has the `\(advice.id.rawValue)` finding: \(DiagnosisSignals.safe(finding.message))")
        candidate.source = "finding \(advice.id.rawValue)"
        candidate.findings = [advice.id]
        return candidate
    }

    /// Nothing recognised: say so and list what to collect.
    static func nothing(_ input: DiagnosisInput) -> Advice {
        var evidence: [String] = []
        for error in input.errors {
            if let trace = error.traceId { evidence.append("a trace ID `\(DiagnosisSignals.safe(trace))` was found, but no error code or message TokenScope knows") }
            if let correlation = error.correlationId { evidence.append("a correlation ID `\(DiagnosisSignals.safe(correlation))` was found") }
        }
        if evidence.isEmpty { evidence = ["the input holds no AADSTS or IDX code, OAuth error, MSAL exception, API challenge, network failure or token that TokenScope recognises"] }
        return Advice(
            id: "nothing-recognised", title: "Nothing here identifies the failure",
            cause: "Without an error code, an error response or the token involved, the cause cannot be narrowed down.",
            evidence: evidence,
            confirm: ["Reproduce the failure with MSAL logging at Verbose (PII off) or capture the HTTP exchange (`tokenscope exchange … --json` records it redacted)."],
            fix: ["Collect the full error response of the token endpoint (the JSON with error, error_description, error_codes) or the full exception text including inner exceptions.",
                  "Collect the trace ID, correlation ID and timestamp (in error_description or the JSON): Microsoft support finds the request with them.",
                  "Collect the token that was sent (the On-Behalf-Of assertion, or the API's Bearer token) and run `tokenscope decode` on it.",
                  "Note the flow (on-behalf-of, client credentials, auth code, device code, refresh) and the authority URL used (`https://login.microsoftonline.com/<tenant>`), then run `tokenscope explain --flow <flow>` on what you collected."],
            msalNet: nil, owner: .developer, confidence: .low, link: nil, source: "paste", score: 0)
    }
}
