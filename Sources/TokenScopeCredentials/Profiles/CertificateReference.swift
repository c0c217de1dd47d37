/// A profile's client certificate: files and the name of the variable holding the password.
public struct CertificateReference: Sendable, Equatable {
    /// PEM, combined PEM or PKCS#12 (as `--cert`).
    public var path: String
    /// The private key, when `path` holds only the certificate (as `--key`).
    public var keyPath: String?
    /// The environment variable holding the PKCS#12 or key password (as `--cert-password-env`).
    public var passwordEnv: String?
    /// Send the certificate chain (`x5c`) for subject name + issuer authentication.
    public var sendX5C: Bool

    public init(path: String, keyPath: String? = nil, passwordEnv: String? = nil, sendX5C: Bool = false) {
        self.path = path
        self.keyPath = keyPath
        self.passwordEnv = passwordEnv
        self.sendX5C = sendX5C
    }
}
