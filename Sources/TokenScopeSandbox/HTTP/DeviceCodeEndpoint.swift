import Synchronization
public import TokenScopeCore

/// `POST /{tenant}/oauth2/v2.0/devicecode`: starts the device code flow. The app shows the user
/// code and polls the token endpoint with the device code while the user approves it at
/// `/devicelogin`. Errors have the token endpoint's JSON shape.
public enum DeviceCodeEndpoint {
    static let lifetime: Int64 = 900
    static let interval = 5
    /// User codes avoid vowels (no accidental words) and look-alikes (0/O, 1/I).
    static let userCodeAlphabet = Array("BCDFGHJKLMNPQRSTVWXZ")

    public static func handle(tenantSegment: String, fields: [(name: String, value: String)], headers: [(name: String, value: String)] = [],
                              now: Int64, authority: SandboxAuthority) -> (status: Int, body: JSONValue) {
        let request = TokenRequest(tenantSegment: tenantSegment, fields: fields, headers: headers, now: now)
        do {
            return (200, try start(request, authority: authority))
        } catch {
            return (error.status, error.body(traceID: Random.guid(), correlationID: request.correlationID ?? Random.guid(),
                                             now: now, errorHost: authority.baseURL))
        }
    }

    static func start(_ request: TokenRequest, authority: SandboxAuthority) throws(EntraError) -> JSONValue {
        let directory = authority.directory
        let segment = try TenantSegment.resolve(request.tenantSegment, in: directory)
        let clientID = try request.require("client_id")
        guard let client = directory.app(clientId: clientID) else { throw SandboxErrors.appNotFound(clientID, tenant: request.tenantSegment) }
        let tenantName: String
        switch segment {
        case let .tenant(tenant):
            guard AuthorizeEndpoint.isAvailable(client, in: tenant, directory: directory) else { throw SandboxErrors.appNotFound(clientID, tenant: tenant.id) }
            tenantName = tenant.name
        case .tenantless("consumers"):
            throw SandboxErrors.consumersNotSupported(clientID)
        case let .tenantless(name):
            // Resolved to the user's home tenant when the user approves.
            tenantName = name
        }
        let scope = try ScopeRequest.parse(try request.require("scope"))
        let deviceCode = "DAQABIQEAAA" + Random.token(96)
        let userCode = authority.grants.deviceCodes.withLock { codes in
            var candidate = newUserCode()
            while codes.values.contains(where: { $0.userCode == candidate }) { candidate = newUserCode() }
            codes[deviceCode] = DeviceGrant(client: client.name, tenant: tenantName, scope: scope, userCode: candidate,
                                            expires: request.now + lifetime, interval: interval)
            return candidate
        }
        let uri = "\(authority.baseURL)/devicelogin"
        return .object([
            ("user_code", .string(userCode)),
            ("device_code", .string(deviceCode)),
            ("verification_uri", .string(uri)),
            ("expires_in", .number(String(lifetime))),
            ("interval", .number(String(interval))),
            ("message", .string("To sign in, open the page \(uri) in a web browser and enter the code \(userCode) to authenticate.")),
        ])
    }

    static func newUserCode() -> String {
        let letters = Random.bytes(8).map { userCodeAlphabet[Int($0) % userCodeAlphabet.count] }
        return String(letters[0..<4]) + "-" + String(letters[4..<8])
    }

    /// `abcd efgh`, `ABCDEFGH` and `ABCD-EFGH` are the same code to a person typing it.
    static func normalize(_ code: String) -> String {
        String(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
