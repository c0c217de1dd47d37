/// The clipboard escape sequence (OSC 52), which works over SSH because the terminal, not this
/// process, owns the clipboard.
enum OSC52 {
    private static let escape: UInt8 = 0x1B
    private static let bell: UInt8 = 0x07

    /// `ESC ] 52 ; c ; <base64> BEL`. Inside tmux the same sequence twice, because tmux's
    /// defaults (`set-clipboard external`, `allow-passthrough off`) drop both forms and users
    /// enable one or the other: first plain (taken by tmux when `set-clipboard on`: it fills a tmux
    /// buffer and forwards to the outer terminal), then wrapped in a DCS passthrough
    /// (`ESC P tmux; … ESC \`, every ESC of the payload doubled), which tmux hands to the outer
    /// terminal when `allow-passthrough on`. With both on the clipboard is set twice to the same text.
    static func sequence(copying text: String, inTmux: Bool) -> [UInt8] {
        var osc: [UInt8] = [escape]
        osc += Array("]52;c;".utf8)
        osc += Base64.encode(text.utf8)
        osc.append(bell)
        guard inTmux else { return osc }
        var wrapped: [UInt8] = [escape]
        wrapped += Array("Ptmux;".utf8)
        for byte in osc {
            if byte == escape { wrapped.append(escape) }
            wrapped.append(byte)
        }
        wrapped += [escape, UInt8(ascii: "\\")]
        return osc + wrapped
    }
}
