/// Where a profile's ready-made client assertion comes from (federated credentials).
public enum AssertionReference: Sendable, Equatable {
    /// A token file re-read on every request (a projected service-account token).
    case file(String)
    /// A shell command printing the token.
    case command(String)
}
