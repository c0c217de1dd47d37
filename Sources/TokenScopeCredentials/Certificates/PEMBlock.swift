import Foundation

/// One `-----BEGIN X-----` … `-----END X-----` block of a PEM file, kept as text.
///
/// Own splitting rather than SwiftASN1's `PEMDocument`: a combined file mixes certificates and keys
/// in any order, and legacy encrypted keys carry `Proc-Type`/`DEK-Info` headers that only
/// BoringSSL (through NIOSSL) understands, so each block must be handed on verbatim.
struct PEMBlock: Equatable {
    /// The label between `BEGIN ` and the dashes, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`.
    let label: String
    /// The whole block, BEGIN and END lines included, newline-terminated.
    let text: String

    var isCertificate: Bool { label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE" }
    var isPrivateKey: Bool { label.hasSuffix("PRIVATE KEY") }
    /// `Proc-Type: 4,ENCRYPTED`: a legacy OpenSSL-encrypted PKCS#1 / SEC1 key.
    var hasEncryptionHeader: Bool { text.contains("Proc-Type:") && text.contains("ENCRYPTED") }

    /// The base64 body decoded, headers (`Proc-Type:` …) skipped; nil when it is not base64.
    var der: [UInt8]? {
        let body = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") && !$0.contains(":") }.joined()
        return Data(base64Encoded: body).map(Array.init)
    }

    /// Every block in `text`, in order. Text outside blocks (bag attributes written by
    /// `openssl pkcs12 -nodes`, comments) is ignored.
    static func parseAll(_ text: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var current: (label: String, lines: [Substring])?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = rawLine.trimmingTrailingSpaces()
            if current == nil {
                if let label = Self.label(of: line, marker: "BEGIN") { current = (label, [line]) }
            } else if var block = current {
                block.lines.append(line)
                if let label = Self.label(of: line, marker: "END") {
                    if label == block.label {
                        blocks.append(PEMBlock(label: label, text: block.lines.joined(separator: "\n") + "\n"))
                    }
                    current = nil
                } else {
                    current = block
                }
            }
        }
        return blocks
    }

    private static func label(of line: Substring, marker: String) -> String? {
        let prefix = "-----\(marker) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count > prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
