import Foundation
import TokenScopeCore
import Yams

/// A parsed profiles file: its top level checked, its profiles by name (not yet validated: a
/// mistake in one profile must not stop the others from being used).
struct ProfileFile {
    let path: String
    let profiles: [(name: String, node: Node)]

    init(path: String) throws(ExchangeInputError) {
        let path = CredentialFile.expandTilde(path)
        self.path = path
        let shown = CredentialFile.display(path)
        let bytes: [UInt8]
        do {
            bytes = try CredentialFile.read(path, what: "profiles file", field: "--profile", idPrefix: "profile")
        } catch {
            let fix = error.id == "profile-file-missing" ? "Create it (see docs/PROFILES.md), or set XDG_CONFIG_HOME to the folder holding tokenscope/profiles.yaml." : error.fix
            throw ExchangeInputError(error.id, field: error.field, error.message, fix: fix)
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw ExchangeInputError("profile-yaml-invalid", field: "--profile", "\(shown) is not UTF-8 text.", fix: "Save it as UTF-8.")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ExchangeInputError("profile-yaml-invalid", field: "--profile", "\(shown) is not valid YAML: \(TerminalSafe.escape(String(describing: error)))",
                                     fix: "Correct the YAML at the line shown (indentation uses spaces, not tabs).")
        } catch {
            throw ExchangeInputError("profile-yaml-invalid", field: "--profile", "\(shown) is not valid YAML.",
                                     fix: "Correct the YAML (indentation uses spaces, not tabs).")
        }
        guard let root else {
            profiles = []
            return
        }
        let top = ProfileYAMLReader(node: root, path: "", file: path)
        try top.checkKeys(["profiles"])
        guard let list = top.child("profiles") else {
            profiles = []
            return
        }
        guard let mapping = list.mapping else {
            throw top.fail("profile-invalid-value", "must be a mapping of profile names to settings.", at: "profiles", node: list,
                           fix: "See docs/PROFILES.md for the shape of the file.")
        }
        var found: [(name: String, node: Node)] = []
        for (key, value) in mapping {
            guard key.scalar != nil, let name = key.string, !name.isEmpty else {
                throw top.fail("profile-invalid-value", "profile names must be plain text.", at: "profiles", node: key, fix: "Write `name:` on its own line.")
            }
            guard !found.contains(where: { $0.name == name }) else {
                throw top.fail("profile-invalid-value", "the profile `\(TerminalSafe.escape(name))` is defined twice.", at: "profiles.\(name)", node: key,
                               fix: "Rename or remove one of them.")
            }
            found.append((name, value))
        }
        profiles = found
    }

    /// A file readable by others may not name secret files or certificates: it tells them where
    /// the credentials are, and they are usually next to it. With only environment variables and
    /// commands, loose permissions reveal nothing worth protecting.
    func checkPermissions() throws(ExchangeInputError) {
        guard let mode = CredentialFile.mode(path), mode & 0o077 != 0 else { return }
        for (name, node) in profiles {
            let secretFile = node.mapping?["secret"]?.mapping?["file"] != nil
            let certificate = node.mapping?["certificate"] != nil
            guard secretFile || certificate else { continue }
            let what = secretFile ? "a secret file" : "a certificate"
            throw ExchangeInputError("profile-permissions", field: "--profile",
                                     "\(CredentialFile.display(path)) is readable by other users (mode \(CredentialFile.octal(mode))) and its profile `\(TerminalSafe.escape(name))` references \(what).",
                                     fix: "chmod 600 \(CredentialFile.display(path)), or reference the secret through an environment variable instead.")
        }
    }
}
