/// What the authorize endpoint sent back to the redirect URI.
public enum RedirectResult: Sendable, Equatable {
    /// The authorization code, to redeem at the token endpoint.
    case code(String)
    /// The authority refused the sign-in: `error`, `error_description` and the AADSTS codes and
    /// IDs Entra writes into the description (`Trace ID: …`, `Correlation ID: …`, `Timestamp: …`).
    case error(error: String, description: String?, codes: [Int], traceId: String?, correlationId: String?, timestamp: String?)

    /// The refusal as an Entra error response, so it prints like the token endpoint's errors.
    public var entraError: EntraErrorResponse? {
        guard case let .error(error, description, codes, traceId, correlationId, timestamp) = self else { return nil }
        var members: [(key: String, value: JSONValue)] = [("error", .string(error))]
        if let description { members.append(("error_description", .string(description))) }
        if !codes.isEmpty { members.append(("error_codes", .array(codes.map { .number(String($0)) }))) }
        if let timestamp { members.append(("timestamp", .string(timestamp))) }
        if let traceId { members.append(("trace_id", .string(traceId))) }
        if let correlationId { members.append(("correlation_id", .string(correlationId))) }
        return EntraErrorResponse(json: .object(members))
    }
}

/// Reads the authorization response in whatever form the user has it: the redirect URL from the
/// browser's address bar (query, or fragment for `response_mode=fragment`; Entra ends query
/// redirects with an empty `#`), a bare query string, a `form_post` body, or the code alone.
public enum RedirectParser {
    /// `state` is compared case-insensitively, as MSAL.NET does. A bare code carries no state, so
    /// it is accepted without the check when it looks like a code (no `=`, `?`, `&`, `#`, spaces).
    public static func parse(_ pasted: String, expectedState: String?) throws(ExchangeInputError) -> RedirectResult {
        let text = unwrap(pasted)
        guard !text.isEmpty else {
            throw ExchangeInputError("redirect-empty", field: "redirect", "nothing was pasted.",
                                     fix: "Paste the whole address the browser was sent to after the sign-in (http://localhost…?code=…).")
        }
        guard let pairs = parameters(text) else {
            guard looksLikeCode(text) else {
                throw ExchangeInputError("redirect-unrecognised", field: "redirect", "`\(TerminalSafe.escape(String(text.prefix(80))))` is neither a redirect URL, a query string nor an authorization code.",
                                         fix: "Paste the whole address the browser was sent to after the sign-in, including `?code=…&state=…`.")
            }
            return .code(text)
        }
        func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

        if let error = value("error"), !error.isEmpty {
            let description = value("error_description").flatMap { $0.isEmpty ? nil : $0 }
            var codes = description.map(EntraErrorResponse.aadstsCodes(in:)) ?? []
            if codes.isEmpty, let listed = value("error_codes") {
                codes = listed.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "[" || $0 == "]" }).compactMap { Int($0) }
            }
            return .error(error: error, description: description, codes: codes,
                          traceId: value("trace_id") ?? description.flatMap { line("Trace ID:", in: $0) },
                          correlationId: value("correlation_id") ?? description.flatMap { line("Correlation ID:", in: $0) },
                          timestamp: value("timestamp") ?? description.flatMap { line("Timestamp:", in: $0) })
        }
        guard let code = value("code"), !code.isEmpty else {
            if value("client_id") != nil, value("response_type") != nil {
                throw ExchangeInputError("redirect-is-authorize-url", field: "redirect", "this is the sign-in (authorize) URL, not the redirect that follows the sign-in.",
                                         fix: "Open the URL in a browser, sign in, and paste the address the browser ends up on (it starts with the redirect URI and carries `code=`).")
            }
            throw ExchangeInputError("redirect-no-code", field: "redirect", "the redirect carries neither `code` nor `error` (parameters: \(TerminalSafe.escape(pairs.map(\.name).joined(separator: ", ")))).",
                                     fix: "Copy the address after the sign-in has finished: it ends with `?code=…&state=…` (with response_mode=fragment, `#code=…`).")
        }
        if let expectedState {
            guard let state = value("state") else {
                throw ExchangeInputError("state-mismatch", field: "redirect", "the redirect carries no `state`, but this sign-in sent one.",
                                         fix: "Paste the redirect of the sign-in TokenScope just started (an older or foreign sign-in cannot be redeemed safely).")
            }
            guard state.lowercased() == expectedState.lowercased() else {
                throw ExchangeInputError("state-mismatch", field: "redirect", "the redirect's `state` is not the one this sign-in sent: it belongs to another sign-in, or was forged.",
                                         fix: "Start the sign-in again and paste the redirect of that sign-in only.")
            }
        }
        return .code(code)
    }

    /// The response parameters of a URL (query and fragment), a `?query`, a `#fragment` or a
    /// form body; nil when the text has no `name=value` pair at all (a bare code).
    public static func parameters(_ text: String) -> [(name: String, value: String)]? {
        var query = Substring(text), fragment = Substring("")
        if let hash = text.firstIndex(of: "#") {
            query = text[..<hash]
            fragment = text[text.index(after: hash)...]
        }
        if let question = query.firstIndex(of: "?") {
            query = query[query.index(after: question)...]
        } else if text.contains("://") {
            query = ""
        }
        let pairs = FormEncoding.decode(String(query)) + FormEncoding.decode(String(fragment))
        // A URL is always a redirect (perhaps without parameters); other text needs `name=value`.
        guard text.contains("://") || (!pairs.isEmpty && text.contains("=")) else { return nil }
        return pairs.filter { !$0.name.isEmpty }
    }

    /// Quotes, a `Location:` header name and line breaks from copying are not part of the value.
    static func unwrap(_ pasted: String) -> String {
        var text = pasted.trimmedWhitespace
        if text.lowercased().hasPrefix("location:") { text = String(text.dropFirst("location:".count)).trimmedWhitespace }
        for quote in ["\"", "'", "<"] where text.hasPrefix(quote) && text.count >= 2 {
            let close = quote == "<" ? ">" : quote
            if text.hasSuffix(close) { text = String(text.dropFirst().dropLast()).trimmedWhitespace }
        }
        // A URL wrapped by the terminal: drop the line breaks inside it.
        return String(text.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
    }

    /// A code alone: at least 8 characters of base64url, `.`, `~`, `+` or `/`.
    static func looksLikeCode(_ text: String) -> Bool {
        text.utf8.count >= 8 && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
        }
    }

    /// The rest of the line that starts with `label` in Entra's error description.
    static func line(_ label: String, in description: String) -> String? {
        for line in description.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            let trimmed = line.trimmedWhitespace
            if trimmed.hasPrefix(label) {
                let value = String(trimmed.dropFirst(label.count)).trimmedWhitespace
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}
