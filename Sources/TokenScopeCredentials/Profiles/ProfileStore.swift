import Foundation
public import TokenScopeCore
import Yams

/// The profiles file: where it lives, and reading one profile from it.
public enum ProfileStore {
    /// `$XDG_CONFIG_HOME/tokenscope/profiles.yaml`, else `~/.config/tokenscope/profiles.yaml`.
    public static func defaultPath(environment: [String: String]) -> String {
        // The XDG spec ignores a relative XDG_CONFIG_HOME.
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/tokenscope/profiles.yaml"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/tokenscope/profiles.yaml"
    }

    /// The profile `name` from the file at `path` (`~/` expanded).
    public static func load(name: String, path: String) throws(ExchangeInputError) -> Profile {
        let file = try ProfileFile(path: path)
        guard let node = file.profiles.first(where: { $0.name == name })?.node else {
            let names = file.profiles.map(\.name)
            throw ExchangeInputError("profile-not-found", field: "--profile",
                                     "there is no profile `\(TerminalSafe.escape(name))` in \(CredentialFile.display(file.path)); "
                                         + (names.isEmpty ? "the file defines no profiles." : "available: \(names.map(TerminalSafe.escape).joined(separator: ", "))."),
                                     fix: "Pass one of the names above, or add the profile (see docs/PROFILES.md).")
        }
        try file.checkPermissions()
        let reader = ProfileYAMLReader(node: node, path: "profiles.\(name)", file: file.path)
        let directory = URL(fileURLWithPath: file.path).deletingLastPathComponent().path
        return try ProfileParser.parse(reader, name: name, directory: directory)
    }

    /// The names of the profiles in the file at `path`, in file order.
    public static func names(path: String) throws(ExchangeInputError) -> [String] {
        try ProfileFile(path: path).profiles.map(\.name)
    }
}
