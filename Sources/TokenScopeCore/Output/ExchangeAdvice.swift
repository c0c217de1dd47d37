/// Short, evidence-free hints that belong to the exchange itself (the diagnoser ranks the real
/// advice): what to check after a transport failure.
public enum ExchangeAdvice {
    public static func transportHint(_ error: TransportError) -> String {
        switch error.kind {
        case .timeout: return "The authority did not answer in time. Check the network path (proxy: HTTPS_PROXY/NO_PROXY), or raise --timeout."
        case .dns: return "The host name did not resolve. Check the spelling of the authority host and your DNS; a sovereign cloud has its own host (--cloud)."
        case .tls: return "TLS failed: the certificate is not trusted or not valid for the host. For the sandbox's --tls, pass --ca-file with its CA; behind a TLS-inspecting proxy, trust the proxy's CA."
        case .connection: return "Nothing accepted the connection (refused or reset). Check that the authority (or the sandbox) is running and the port is right."
        case .tooLarge: return "The answer was larger than a token response can be; something other than the authority answered."
        case .invalidURL: return "The URL is not one TokenScope can call; check --authority."
        case .other: return "Check the network path to the authority."
        }
    }
}
