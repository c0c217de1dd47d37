public import Foundation
public import TokenScopeCore

/// Loads a client certificate and its RSA private key from the files a user has: a PEM certificate
/// with a separate key (`--key`), one PEM file holding both (any order), or a PKCS#12 bundle.
/// The format is told by content, not by file extension.
public enum CertificateLoader {
    /// - Parameters:
    ///   - certificatePath: PEM, combined PEM or PKCS#12 (`--cert`).
    ///   - keyPath: the private key when `certificatePath` holds only the certificate (`--key`).
    ///   - password: for a PKCS#12 bundle or an encrypted key (`--cert-password-env`).
    ///   - now: for the validity warnings.
    public static func load(certificatePath: String, keyPath: String?, password: String?,
                            now: Date = Date()) throws(ExchangeInputError) -> LoadedCertificate {
        let bytes = try CredentialFile.read(certificatePath, what: "certificate file", field: "--cert", idPrefix: "certificate")
        guard !bytes.isEmpty else {
            throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                     "the certificate file \(CredentialFile.display(certificatePath)) is empty.",
                                     fix: "Pass a PEM certificate (with --key for its key), a PEM file holding both, or a .pfx/.p12 file.")
        }
        var warnings: [String] = []
        let parts: Parts
        if let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN ") {
            parts = try fromPEM(text, certificatePath: certificatePath, keyPath: keyPath, password: password)
        } else if bytes.first == 0x30 {
            parts = try fromDER(bytes, certificatePath: certificatePath, keyPath: keyPath, password: password)
        } else {
            throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                     "\(CredentialFile.display(certificatePath)) is neither a PEM certificate nor a PKCS#12 (.pfx/.p12) file.",
                                     fix: "Pass a PEM certificate (with --key for its key), a PEM file holding both, or a .pfx/.p12 file.")
        }
        warnings += parts.warnings
        guard parts.facts.matches(parts.key) else {
            throw ExchangeInputError("private-key-mismatch", field: parts.keyField,
                                     "the private key in \(CredentialFile.display(parts.keyFile)) does not belong to the certificate in \(CredentialFile.display(certificatePath)).",
                                     fix: "Pass the key the certificate was made from (openssl x509 -noout -pubkey and openssl pkey -pubout must print the same key).")
        }
        if let warning = CredentialFile.permissionWarning(parts.keyFile, what: parts.keyFile == certificatePath ? "file holding the private key" : "private key file") {
            warnings.append(warning)
        }
        warnings += parts.facts.validityWarnings(now: now)
        let certificate = ClientCertificate(certificateDER: parts.facts.der, privateKey: parts.key,
                                            label: parts.facts.label(file: certificatePath))
        return LoadedCertificate(certificate: certificate, warnings: warnings, subject: parts.facts.subject,
                                 commonName: parts.facts.commonName, notBefore: parts.facts.notBefore,
                                 notAfter: parts.facts.notAfter, format: parts.format, path: certificatePath)
    }
}
