@testable import NcursesBackend
import Testing

@Suite("OSC 52 and base64")
struct OSC52Tests {
    @Test("RFC 4648 test vectors", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func base64(input: String, expected: String) {
        #expect(String(decoding: Base64.encode(input.utf8), as: UTF8.self) == expected)
    }

    @Test("binary and non-ASCII bytes")
    func base64Bytes() {
        #expect(String(decoding: Base64.encode([0xFF, 0xFE, 0x00]), as: UTF8.self) == "//4A")
        #expect(String(decoding: Base64.encode("日本".utf8), as: UTF8.self) == "5pel5pys")
    }

    @Test("outside tmux: ESC ] 52 ; c ; base64 BEL")
    func plain() {
        let bytes = OSC52.sequence(copying: "hello", inTmux: false)
        #expect(bytes == Array("\u{1B}]52;c;aGVsbG8=\u{07}".utf8))
    }

    @Test("inside tmux: the plain form, then the DCS passthrough with every ESC doubled")
    func tmux() {
        let bytes = OSC52.sequence(copying: "hello", inTmux: true)
        let plain = "\u{1B}]52;c;aGVsbG8=\u{07}"
        let wrapped = "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}\\"
        #expect(bytes == Array((plain + wrapped).utf8))
    }

    @Test("the copied text cannot inject: only base64 characters between the markers")
    func noInjection() {
        let bytes = OSC52.sequence(copying: "\u{1B}]0;pwned\u{07}\u{1B}[2J", inTmux: false)
        let payload = bytes.dropFirst(7).dropLast()
        #expect(payload.allSatisfy { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) })
    }
}
