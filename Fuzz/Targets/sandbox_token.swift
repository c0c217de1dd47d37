// Fuzz target: the sandbox authority's token endpoint, as its HTTP route calls it: the form body
// parser (`FormBody`), then `TokenEndpoint.handle` with every grant, client authentication
// (secrets in the body or HTTP Basic, certificate and federated client assertions) and the
// On-Behalf-Of user assertion. The assertion validators are internal, so they are reached
// through this public entry point; to get past their signature checks, the harness signs the
// fuzzed claims with the keys the demo authority trusts.
//
// Input: [mode] [tenant] [edge] [data...]. `edge` (modes 1 and 2) puts an extreme value in place
// of one claim (`withEdgeValue`: 1e300, Int64.max, "nan"...). Modes:
//   0  data is the form body;
//   1  On-Behalf-Of: data = claims JSON NUL extra-form; the claims are signed with the
//      authority's key and sent as `assertion` (the middle tier authenticates with its secret);
//   2  federated client assertion: data = claims JSON NUL extra-form, signed with the authority's
//      key (the sandbox's own `/federation` issuer), as `client_assertion` of client credentials;
//   3  certificate client assertion: data = payload bytes NUL extra-form; the raw payload is
//      signed with the demo certificate's private key (`x5t#S256` / `x5t`, PS256 / RS256);
//   4  HTTP Basic: data = Authorization header value NUL form body.
// Fields of the extra form come first, so they override the harness's fields.
import CryptoExtras
import Crypto
import TokenScopeCore
import TokenScopeSandbox

private let tenants = ["contoso.onmicrosoft.com", "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f", "common", "organizations",
                       "consumers", "fabrikam.onmicrosoft.com", "Contoso.Example", "nowhere.example"]
private let middleTier = "9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64"
private let middleTierSecret = "middle-tier-demo-secret~0123456789abcdef"
private let jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"
private let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

/// The demo authority: one for the whole run (its keys take a while to make). Its stores grow
/// with successful grants, which libFuzzer's RSS limit would notice.
private let authority: SandboxAuthority = {
    do {
        return try SandboxAuthority.demo(clock: { fuzzNow })
    } catch {
        fatalError("demo authority: \(error)")
    }
}()

private let certificate: (cert: RegisteredCertificate, key: _RSA.Signing.PrivateKey) = {
    guard let cert = authority.certificates.certificates(app: "middle-tier-api").first, let pem = cert.privateKeyPEM,
          let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) else { fatalError("no demo certificate for middle-tier-api") }
    return (cert, key)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSandboxToken(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(fuzzInput(data, size))
    let mode = reader.byte() % 5
    let selector = reader.byte()
    let tenant = tenants[Int(selector) % tenants.count]
    let edge = reader.byte()
    let bytes = reader.rest()
    let parts = split(bytes, on: 0, limit: 2)
    let first = parts[0], extra = parts.count > 1 ? text(parts[1]) : ""

    var headers: [(name: String, value: String)] = []
    if selector & 0x80 != 0 { headers.append(("Client-Request-Id", "5d9a1f0e-2b3c-4d5e-9f8a-7b6c5d4e3f2a")) }
    let body: String
    switch mode {
    case 0:
        body = text(bytes)
    case 1:
        guard let claims = try? JSONParser.parse(first) else { return 0 }
        let assertion = authority.keys.sign(claims: withEdgeValue(claims, edge), v1: selector & 0x40 != 0)
        body = join(extra, FormBody.encode([
            ("client_id", middleTier), ("client_secret", middleTierSecret), ("grant_type", jwtBearer),
            ("assertion", assertion), ("scope", "api://downstream-api/Data.Read offline_access"),
            ("requested_token_use", "on_behalf_of"), ("client_info", "1"),
        ]))
    case 2:
        guard let claims = try? JSONParser.parse(first) else { return 0 }
        body = join(extra, FormBody.encode([
            ("client_id", middleTier), ("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default"),
            ("client_assertion_type", assertionType), ("client_assertion", authority.keys.sign(claims: withEdgeValue(claims, edge))),
        ]))
    case 3:
        body = join(extra, FormBody.encode([
            ("client_id", middleTier), ("grant_type", "client_credentials"), ("scope", "api://downstream-api/.default"),
            ("client_assertion_type", assertionType), ("client_assertion", certificateAssertion(payload: first, selector: selector)),
        ]))
    default:
        headers.append(("Authorization", text(first)))
        body = extra
    }

    let fields = FormBody.parse(body)
    requireFormRoundTrip(fields)
    let request = TokenRequest(tenantSegment: tenant, fields: fields, headers: headers, now: fuzzNow)
    let (status, json) = TokenEndpoint.handle(request, authority: authority)
    guard (200..<600).contains(status) else { violated("token endpoint status \(status)") }
    requireJSONRoundTrip(json, "token endpoint body")
    if status == 200 {
        guard let access = json["access_token"]?.stringValue else { violated("200 without access_token") }
        // A token the sandbox minted must parse cleanly.
        let parsed = TokenParser.parse(access)
        guard parsed.format == .jws, parsed.problems.isEmpty else { violated("minted token does not parse", "\(parsed.problems)") }
    } else {
        guard json["error"]?.stringValue != nil else { violated("error answer without `error`") }
    }
    return 0
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private func join(_ extra: String, _ base: String) -> String { extra.isEmpty ? base : extra + "&" + base }

/// A client assertion over the raw fuzzed payload, signed with the demo certificate's key.
private func certificateAssertion(payload: [UInt8], selector: UInt8) -> String {
    let (cert, key) = certificate
    let pss = selector & 0x40 != 0
    let thumbprint = selector & 0x20 != 0 ? #""x5t":"\#(cert.sha1Thumbprint)""# : #""x5t#S256":"\#(cert.sha256Thumbprint)""#
    let header = #"{"alg":"\#(pss ? "PS256" : "RS256")","typ":"JWT",\#(thumbprint)}"#
    let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
    guard let signature = try? key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: pss ? .PSS : .insecurePKCS1v1_5) else {
        violated("signing with the demo certificate failed")
    }
    return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
}

/// What `FormBody.encode` writes, `FormBody.parse` reads back unchanged.
private func requireFormRoundTrip(_ fields: [(name: String, value: String)]) {
    let again = FormBody.parse(FormBody.encode(fields.map { ($0.name, $0.value) }))
    guard again.count == fields.count, zip(again, fields).allSatisfy({ $0.name == $1.name && $0.value == $1.value }) else {
        violated("form body does not round-trip", "\(fields.count) fields -> \(again.count)")
    }
}
