import TokenScopeCore

/// The few HTML pages the sandbox shows in place of Entra's sign-in UI: account pickers, error
/// pages and the auto-submitting `form_post` page. Every value placed in them is escaped, since
/// user names, hints and redirect URIs all come from the request or the directory file.
enum HTMLPage {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(escape(title))</title></head>
        <body>
        <h1>\(escape(title))</h1>
        \(body)
        </body></html>
        """
    }

    /// Entra's "we're having trouble signing you in" page, with the AADSTS line and trace details.
    static func error(_ error: EntraError, authority: SandboxAuthority, correlationID: String?, now: Int64) -> String {
        let body = error.body(traceID: Random.guid(), correlationID: correlationID ?? Random.guid(), now: now, errorHost: authority.baseURL)
        let description = body["error_description"]?.stringValue ?? "AADSTS\(error.code): \(error.message)"
        let lines = description.split(separator: "\r\n").map { String($0) }.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        return document(title: "Sorry, but we're having trouble signing you in", body: """
            <p class="error">\(escape(error.error))</p>
            \(lines)
            """)
    }

    /// A list of accounts, each a link that repeats the request for that user.
    static func accountPicker(title: String, intro: String, accounts: [(label: String, href: String)], notice: String?) -> String {
        let items = accounts.map { "<li><a href=\"\(escape($0.href))\">\(escape($0.label))</a></li>" }.joined(separator: "\n")
        let noticeHTML = notice.map { "<p class=\"notice\">\(escape($0))</p>\n" } ?? ""
        return document(title: title, body: """
            \(noticeHTML)<p>\(escape(intro))</p>
            <ul>
            \(items.isEmpty ? "<li>No accounts are available.</li>" : items)
            </ul>
            """)
    }

    /// `response_mode=form_post`: a form that posts the response to the redirect URI on load.
    static func formPost(action: String, fields: [(String, String)]) -> String {
        let inputs = fields.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\" />" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
        <body>
        <form method="POST" name="hiddenform" action="\(escape(action))">
        \(inputs)
        <noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>
        </form>
        <script>window.onload = function () { document.forms[0].submit(); };</script>
        </body></html>
        """
    }

    static func message(title: String, text: String) -> String {
        document(title: title, body: "<p>\(escape(text))</p>")
    }
}
