/// Where a profile's client secret is kept. Only references: a profile never holds the value.
public enum SecretReference: Sendable, Equatable {
    /// The name of an environment variable.
    case env(String)
    /// A file holding the secret (path with `~/` expanded, relative paths resolved against the
    /// profiles file's directory).
    case file(String)
    /// A shell command printing the secret (`pass show x`, `az keyvault secret show …`).
    case command(String)
}
