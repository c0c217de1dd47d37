/// The endpoints of a generic OIDC authority (`--oidc-authority`), from
/// `{authority}/.well-known/openid-configuration`. Fetched once per run and kept by the caller.
public enum OIDCMetadata {
    public static func discover(_ authority: Authority, transport: any HTTPTransport) async -> Swift.Result<AuthorityEndpoints, TransportOrInputError> {
        let url = authority.url + "/.well-known/openid-configuration"
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: ClientHeaders.discovery))
        } catch let error as TransportError {
            return .failure(.transport(error))
        } catch {
            return .failure(.transport(TransportError(.other, "\(url): \(error)")))
        }
        guard response.status == 200, let json = try? JSONParser.parse(response.body) else {
            return .failure(.input(ExchangeInputError("oidc-discovery", field: "--oidc-authority", "\(url) answered HTTP \(response.status) without a discovery document.",
                                                      fix: "Check the authority URL: it must be the issuer, whose /.well-known/openid-configuration lists the endpoints.")))
        }
        guard let token = json["token_endpoint"]?.stringValue, let authorize = json["authorization_endpoint"]?.stringValue else {
            return .failure(.input(ExchangeInputError("oidc-discovery", field: "--oidc-authority", "the discovery document at \(url) lacks token_endpoint or authorization_endpoint.",
                                                      fix: "Use an OpenID Connect issuer URL.")))
        }
        // Credentials follow the same rule as the authority itself: no downgrade to another host.
        guard let tokenHost = URLParts(token)?.host, tokenHost == authority.host else {
            return .failure(.input(ExchangeInputError("oidc-token-host", field: "--oidc-authority", "the discovery document sends tokens requests to `\(TerminalSafe.escape(token))`, another host than the authority.",
                                                      fix: "TokenScope only sends credentials to the authority's own host.")))
        }
        return .success(AuthorityEndpoints(token: token, authorize: authorize, deviceCode: json["device_authorization_endpoint"]?.stringValue))
    }
}

public enum TransportOrInputError: Error, Sendable {
    case transport(TransportError)
    case input(ExchangeInputError)
}
