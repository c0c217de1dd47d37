import SwiftASN1

/// What can be seen of a PKCS#12 file without its password: which bags sit in plain containers,
/// and whether there are encrypted containers whose contents are hidden.
///
/// Why this exists: `NIOSSLPKCS12Bundle` calls `fatalError` when a bundle parses but yields no
/// private key or no certificate matching it (a certificate-only trust store, a `-nocerts` export).
/// A wrong file passed to `--cert` must give an error, never take the process down, so the
/// structure is checked first. The private key sits in a plain `data` container (as a shrouded or
/// plain key bag) in the files written by OpenSSL, Windows, Java, .NET and BouncyCastle.
///
/// It also reads bundles with nothing encrypted and no MAC (`openssl pkcs12 -keypbe NONE -certpbe
/// NONE -nomac`), which BoringSSL refuses (`MISSING_MAC`) although they need no password at all.
struct PKCS12Inspector {
    /// Unencrypted key bags: the PKCS#8 `PrivateKeyInfo` DER of each.
    var plainKeys: [[UInt8]] = []
    /// Password-encrypted (shrouded) key bags found in unencrypted containers.
    var shroudedKeys = 0
    /// X.509 certificates (DER) of the certificate bags in unencrypted containers.
    var certificates: [[UInt8]] = []
    /// Encrypted (or enveloped) containers, whose bags cannot be counted without the password.
    var hiddenContainers = 0
    /// Whether the file carries an integrity MAC (`macData`).
    var hasMAC = false

    var keyBags: Int { plainKeys.count + shroudedKeys }
    /// Nothing encrypted anywhere: the contents can be read without a password.
    var isUnprotected: Bool { shroudedKeys == 0 && hiddenContainers == 0 }

    private static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
    private static let keyBag: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 12, 10, 1, 1]
    private static let shroudedKeyBag: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 12, 10, 1, 2]
    private static let certBag: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 12, 10, 1, 3]
    private static let safeContentsBag: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 12, 10, 1, 6]
    private static let x509Certificate: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 22, 1]

    /// The inspection, or nil when the bytes are not PKCS#12 (`PFX ::= SEQUENCE { version,
    /// authSafe ContentInfo, macData OPTIONAL }` with a `data` authSafe).
    static func inspect(_ bytes: [UInt8]) -> PKCS12Inspector? {
        guard let root = try? BER.parse(bytes), let top = children(root), top.count >= 2,
              top[0].identifier == .integer,
              let (type, content) = contentInfo(top[1]), type == data, let content,
              let authSafe = octets(content).flatMap({ try? BER.parse($0) }), let infos = children(authSafe)
        else { return nil }
        var result = PKCS12Inspector()
        result.hasMAC = top.count >= 3
        for info in infos {
            guard let (type, content) = contentInfo(info) else { return nil }
            if type == data {
                guard let content, let bagsBytes = octets(content), let bags = try? BER.parse(bagsBytes) else { return nil }
                result.count(bags, depth: 0)
            } else {
                result.hiddenContainers += 1
            }
        }
        return result
    }

    /// `SafeContents ::= SEQUENCE OF SafeBag`; `SafeBag ::= SEQUENCE { bagId, [0] bagValue, attributes }`.
    private mutating func count(_ safeContents: ASN1Node, depth: Int) {
        guard depth < 4, let bags = Self.children(safeContents) else { return }
        for bag in bags {
            guard let fields = Self.children(bag), let first = fields.first,
                  let id = try? ASN1ObjectIdentifier(berEncoded: first) else { continue }
            switch id {
            case Self.keyBag:
                // `bagValue [0] EXPLICIT PrivateKeyInfo`.
                if fields.count > 1, let key = Self.children(fields[1])?.first { plainKeys.append(Array(key.encodedBytes)) }
            case Self.shroudedKeyBag: shroudedKeys += 1
            case Self.certBag:
                // `CertBag ::= SEQUENCE { certId, certValue [0] EXPLICIT OCTET STRING }`.
                if fields.count > 1, let bag = Self.children(fields[1])?.first, let parts = Self.children(bag), parts.count > 1,
                   let type = try? ASN1ObjectIdentifier(berEncoded: parts[0]), type == Self.x509Certificate,
                   let value = Self.children(parts[1])?.first, let der = Self.octets(value) {
                    certificates.append(der)
                }
            case Self.safeContentsBag:
                if fields.count > 1, let inner = Self.children(fields[1])?.first { count(inner, depth: depth + 1) }
            default: break
            }
        }
    }

    /// `ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }`.
    private static func contentInfo(_ node: ASN1Node) -> (ASN1ObjectIdentifier, ASN1Node?)? {
        guard let fields = children(node), let first = fields.first,
              let type = try? ASN1ObjectIdentifier(berEncoded: first) else { return nil }
        guard fields.count > 1 else { return (type, nil) }
        // Unwrap the explicit [0] tag.
        return (type, children(fields[1])?.first)
    }

    private static func children(_ node: ASN1Node) -> [ASN1Node]? {
        guard case let .constructed(collection) = node.content else { return nil }
        return Array(collection)
    }

    /// The bytes of an OCTET STRING, primitive or (BER) constructed from chunks.
    private static func octets(_ node: ASN1Node) -> [UInt8]? {
        switch node.content {
        case let .primitive(bytes): return Array(bytes)
        case let .constructed(chunks):
            var out: [UInt8] = []
            for chunk in chunks {
                guard let part = octets(chunk) else { return nil }
                out += part
            }
            return out
        }
    }
}
