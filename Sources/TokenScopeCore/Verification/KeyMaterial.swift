/// The keys (and, after discovery, the metadata issuer) that a verification uses.
struct KeyMaterial {
    let jwks: JSONWebKeySet
    /// Describes where the keys came from, for messages (`https://…/discovery/v2.0/keys`, a file name).
    let origin: String
    let metadataIssuer: String?

    static func load(_ source: KeySource, report: TokenReport) async -> Result<KeyMaterial, VerificationRefusal> {
        switch source {
        case let .jwks(bytes, origin):
            do {
                return .success(KeyMaterial(jwks: try JSONWebKeySet(json: bytes), origin: origin, metadataIssuer: nil))
            } catch {
                return .failure(.init("\(origin): \(error.description)"))
            }
        case let .discovery(authority, transport):
            return await discover(authority: authority, report: report, transport: transport)
        }
    }

    private static func discover(authority: String?, report: TokenReport, transport: any HTTPTransport) async -> Result<KeyMaterial, VerificationRefusal> {
        let claims = ClaimSet(report.token.claims)
        let metadataURL: String
        switch DiscoveryLocation.metadataURL(issuer: claims.string("iss"), version: report.version, authority: authority) {
        case let .success(url): metadataURL = url
        case let .failure(refusal): return .failure(refusal)
        }
        let metadata: JSONValue
        switch await fetchJSON(metadataURL, transport: transport) {
        case let .success(v): metadata = v
        case let .failure(f): return .failure(f)
        }
        guard let jwksURL = metadata["jwks_uri"]?.stringValue, let jwksParts = URLParts(jwksURL) else {
            return .failure(.init("the metadata at \(metadataURL) has no usable `jwks_uri`"))
        }
        if let refusal = DiscoveryLocation.refusal(jwksParts, what: "jwks_uri") { return .failure(refusal) }
        let response: HTTPResponse
        switch await fetch(jwksURL, transport: transport) {
        case let .success(r): response = r
        case let .failure(f): return .failure(f)
        }
        do {
            let jwks = try JSONWebKeySet(json: response.body)
            return .success(KeyMaterial(jwks: jwks, origin: jwksURL, metadataIssuer: metadata["issuer"]?.stringValue))
        } catch {
            return .failure(.init("\(jwksURL): \(error.description)"))
        }
    }

    private static func fetchJSON(_ url: String, transport: any HTTPTransport) async -> Result<JSONValue, VerificationRefusal> {
        switch await fetch(url, transport: transport) {
        case let .failure(f): return .failure(f)
        case let .success(response):
            do {
                return .success(try JSONParser.parse(response.body))
            } catch {
                return .failure(.init("\(url) did not return JSON (\(error.description))"))
            }
        }
    }

    private static func fetch(_ url: String, transport: any HTTPTransport) async -> Result<HTTPResponse, VerificationRefusal> {
        do {
            let response = try await transport.send(HTTPRequest(url: url, headers: [(name: "Accept", value: "application/json")]))
            guard response.status == 200 else {
                return .failure(.init("GET \(url) answered HTTP \(response.status)"))
            }
            guard response.body.count <= TokenVerification.maxDocumentBytes else {
                return .failure(.init("GET \(url) returned more than 1 MiB"))
            }
            return .success(response)
        } catch let error as TransportError {
            return .failure(.init("GET \(url) failed: \(error.message)"))
        } catch {
            return .failure(.init("GET \(url) failed: \(error)"))
        }
    }
}
