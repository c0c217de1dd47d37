/// Renders scenario steps as one POSIX shell command line for a running sandbox: `curl` for the
/// HTTP calls, `$(tokenscope sandbox mint ...)` for tokens and assertions, and shell variables
/// (extracted with `sed`, so nothing beyond curl is needed) to carry codes between steps.
/// URLs go in double quotes so `$S` expands; their query is form-encoded, so it holds no `$`,
/// backquote or quote.
enum ScenarioCommand {
    static func render(_ steps: [ScenarioStep], baseURL: String, mintOptions: [String] = []) -> String {
        let multi = steps.count > 1
        let base = multi ? "$S" : baseURL
        var parts: [String] = multi ? ["S=\(baseURL)"] : []
        for (index, step) in steps.enumerated() {
            let later = steps[(index + 1)...]
            let last = index == steps.count - 1
            switch step {
            case let .token(tenant, fields, headers):
                var curl = "curl -s \"\(base)/\(tenant)/oauth2/v2.0/token\""
                for (name, value) in headers { curl += " -H \(quote("\(name): \(value)"))" }
                for field in fields { curl += " --data-urlencode \(render(field, mintOptions: mintOptions))" }
                let wanted = ["refresh_token", "access_token"].filter { uses(later, $0) }
                if let name = wanted.first {
                    parts.append("\(variable(name))=$(\(curl) | sed -E 's/.*\"\(name)\":\"([^\"]*)\".*/\\1/')")
                } else {
                    parts.append(last ? curl : curl + " -o /dev/null")
                }
            case let .authorize(tenant, query):
                let url = "\(base)/\(tenant)/oauth2/v2.0/authorize?" + FormBody.encode(query)
                parts.append("CODE=$(curl -s -o /dev/null -w '%{redirect_url}' \"\(url)\" | sed -E 's/.*[?&]code=([^&#]*).*/\\1/')")
            case let .deviceCode(tenant, fields):
                var curl = "curl -s \"\(base)/\(tenant)/oauth2/v2.0/devicecode\""
                for (name, value) in fields { curl += " --data-urlencode \(quote("\(name)=\(value)"))" }
                parts.append("DC=$(\(curl))")
                for name in ["device_code", "user_code"] {
                    parts.append("\(variable(name))=$(echo \"$DC\" | sed -E 's/.*\"\(name)\":\"([^\"]*)\".*/\\1/')")
                }
            case let .approveDevice(user):
                parts.append("curl -s -o /dev/null \"\(base)/devicelogin?user_code=$USER_CODE&login_hint=\(FormBody.escape(user))\"")
            case .advanceClock:
                break
            }
        }
        return parts.joined(separator: "; ")
    }

    static func render(_ field: ScenarioField, mintOptions: [String]) -> String {
        switch field.value {
        case let .text(text): return quote("\(field.name)=\(text)")
        case let .minted(spec): return "\"\(field.name)=$(tokenscope sandbox mint \((spec.arguments + mintOptions).map(quote).joined(separator: " ")))\""
        case let .fromEarlierStep(name): return "\"\(field.name)=$\(variable(name))\""
        }
    }

    static func uses(_ steps: ArraySlice<ScenarioStep>, _ name: String) -> Bool {
        steps.contains { step in
            guard case let .token(_, fields, _) = step else { return false }
            return fields.contains { if case let .fromEarlierStep(n) = $0.value { n == name } else { false } }
        }
    }

    static func variable(_ name: String) -> String {
        switch name {
        case "code": "CODE"
        case "refresh_token": "RT"
        case "access_token": "AT"
        default: name.uppercased()
        }
    }

    /// Single-quotes a word unless it is made only of characters the shell leaves alone.
    static func quote(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "@%+=:,./_-".unicodeScalars.contains(c)
        }
        if safe, !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
