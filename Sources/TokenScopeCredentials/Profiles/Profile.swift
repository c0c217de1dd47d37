public import TokenScopeCore

/// A named set of exchange settings from the profiles file (`--profile NAME`). Flags given on the
/// command line override its values; the credential fields hold references, never secrets.
public struct Profile: Sendable, Equatable {
    public var name: String
    public var cloud: Cloud?
    public var tenant: String?
    /// A custom authority URL (checked like `--authority` when used).
    public var authority: String?
    public var clientId: String?
    public var scopes: [String]
    public var redirectURI: String?
    public var secret: SecretReference?
    public var certificate: CertificateReference?
    public var clientAssertion: AssertionReference?

    public init(name: String, cloud: Cloud? = nil, tenant: String? = nil, authority: String? = nil, clientId: String? = nil,
                scopes: [String] = [], redirectURI: String? = nil, secret: SecretReference? = nil,
                certificate: CertificateReference? = nil, clientAssertion: AssertionReference? = nil) {
        self.name = name
        self.cloud = cloud
        self.tenant = tenant
        self.authority = authority
        self.clientId = clientId
        self.scopes = scopes
        self.redirectURI = redirectURI
        self.secret = secret
        self.certificate = certificate
        self.clientAssertion = clientAssertion
    }
}
