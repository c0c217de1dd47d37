import Foundation
import NIOSSL
import TokenScopeCore

/// Opens a PKCS#12 (`.pfx`/`.p12`) bundle through BoringSSL: modern PBES2/AES with a SHA-256 MAC,
/// legacy 3DES and RC2-40, and bundles with an empty password all go through the same call.
/// Two cases are handled before it: structures NIOSSL would crash on are refused, and bundles with
/// nothing encrypted and no MAC (which BoringSSL refuses) are read from their plain bags.
enum PKCS12Reader {
    struct Contents {
        /// The certificates, the leaf first when BoringSSL read the bundle (it puts the one
        /// matching the key first).
        var certificates: [[UInt8]]
        var keyDER: [UInt8]
        var warnings: [String] = []
    }

    static func read(_ bytes: [UInt8], password: String?, file: String) throws(ExchangeInputError) -> Contents {
        let shown = CredentialFile.display(file)
        let inspection = try checkStructure(bytes, file: shown)
        if inspection.isUnprotected, !inspection.hasMAC, let key = inspection.plainKeys.first {
            var contents = Contents(certificates: inspection.certificates, keyDER: key)
            if password != nil {
                contents.warnings.append("the PKCS#12 file \(shown) has no password; the one from --cert-password-env was not needed.")
            }
            return contents
        }
        do {
            return try open(bytes, password: password)
        } catch let first {
            if String(describing: first).uppercased().contains("MISSING_MAC") {
                throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                         "the PKCS#12 file \(shown) has encrypted contents but no integrity MAC, which BoringSSL refuses to open.",
                                         fix: "Re-export it with a MAC (openssl pkcs12 -export without -nomac).")
            }
            guard isWrongPassword(first) else { throw unreadable(first, file: shown) }
            guard password != nil else {
                throw ExchangeInputError("certificate-password-required", field: "--cert-password-env",
                                         "the PKCS#12 file \(shown) needs a password.",
                                         fix: "Put the password in an environment variable and pass --cert-password-env VAR.")
            }
            // A bundle exported without a password fails a non-empty one; say so rather than
            // calling the password wrong.
            if var contents = try? open(bytes, password: nil) {
                contents.warnings.append("the PKCS#12 file \(shown) has no password; the one from --cert-password-env was not needed.")
                return contents
            }
            throw ExchangeInputError("certificate-password-wrong", field: "--cert-password-env",
                                     "the password does not open the PKCS#12 file \(shown).",
                                     fix: "Check the password in the variable named by --cert-password-env (openssl pkcs12 -in \(shown) -info -noout asks for it and tells you).")
        }
    }

    private static func open(_ bytes: [UInt8], password: String?) throws -> Contents {
        let bundle = try NIOSSLPKCS12Bundle(buffer: bytes, passphrase: password.map { Array($0.utf8) })
        guard !bundle.certificateChain.isEmpty else { throw MissingLeaf() }
        return Contents(certificates: try bundle.certificateChain.map { try $0.toDERBytes() }, keyDER: try bundle.privateKey.derBytes)
    }

    private struct MissingLeaf: Error {}

    /// Refuses bundles NIOSSL would crash on (see `PKCS12Inspector`).
    private static func checkStructure(_ bytes: [UInt8], file: String) throws(ExchangeInputError) -> PKCS12Inspector {
        guard let inspection = PKCS12Inspector.inspect(bytes) else {
            throw ExchangeInputError("certificate-not-recognised", field: "--cert",
                                     "\(file) is neither a PEM certificate nor a PKCS#12 (.pfx/.p12) file.",
                                     fix: "Pass a PEM certificate (with --key for its key), a PEM file holding both, or a .pfx/.p12 file.")
        }
        if inspection.keyBags == 0 {
            let hidden = inspection.hiddenContainers > 0
                ? " (a key inside an encrypted container is not supported; re-export it with openssl pkcs12 -export)" : ""
            throw ExchangeInputError("private-key-missing", field: "--cert",
                                     "the PKCS#12 file \(file) holds no private key\(hidden).",
                                     fix: "Export the certificate together with its private key, or pass a PEM certificate with --key.")
        }
        if inspection.certificates.isEmpty, inspection.hiddenContainers == 0 {
            throw ExchangeInputError("certificate-missing", field: "--cert",
                                     "the PKCS#12 file \(file) holds a private key but no certificate.",
                                     fix: "Export the certificate together with its private key.")
        }
        return inspection
    }

    /// BoringSSL's reason code (`UNSUPPORTED_CIPHER`) rather than the whole error stack, which
    /// carries build paths.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        guard let range = text.range(of: "OPENSSL_internal:") else { return text }
        return String(text[range.upperBound...].prefix { $0 != " " && $0 != "]" })
    }

    /// BoringSSL reports a failed MAC or decryption as `INCORRECT_PASSWORD` / `BAD_DECRYPT`.
    private static func isWrongPassword(_ error: any Error) -> Bool {
        let text = String(describing: error).uppercased()
        return text.contains("INCORRECT_PASSWORD") || text.contains("BAD_DECRYPT") || text.contains("DECRYPT_ERROR")
    }

    private static func unreadable(_ error: any Error, file: String) -> ExchangeInputError {
        ExchangeInputError("certificate-not-recognised", field: "--cert",
                           "the PKCS#12 file \(file) could not be read (\(TerminalSafe.escape(reason(error)))).",
                           fix: "Check the file (openssl pkcs12 -in \(file) -info -noout).")
    }
}
