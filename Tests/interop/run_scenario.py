#!/usr/bin/env python3
"""Interoperability scenarios: Microsoft's Python libraries (msal, azure-identity) against the
sandbox authority served over HTTPS.

Usage: run_scenario.py SCENARIO --config FILE

The config (written by Tests/TokenScopeSandboxTests/InteropTests.swift) names the sandbox's base
URL, the tenant, the demo apps' client IDs and secrets, the middle tier's certificate and key files
and the CA file. The libraries are used exactly as against Entra ID; the only differences are the
authority (`https://127.0.0.1:PORT/<tenant>`), `instance_discovery=False` (msal) /
`disable_instance_discovery=True` (azure-identity), and trust of the sandbox's CA
(`REQUESTS_CA_BUNDLE`, `SSL_CERT_FILE`).

Prints one JSON object on stdout: {"ok": true, "result": {...}} or
{"ok": false, "error": "...", "details": {...}, "traceback": "..."} (exit status 1). Tokens are
reported as their decoded claims; nothing is verified here, the Swift suite asserts on them.

Every connection is confined to the loopback interface (a guard refuses any other host, so an
accidental call to login.microsoftonline.com fails loudly), every HTTP call has a timeout and the
whole run is bounded by an alarm.
"""

import argparse
import base64
import json
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.parse
import warnings

HTTP_TIMEOUT = 10  # seconds, per HTTP request made by the libraries or by this script
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class ScenarioError(Exception):
    """A step did not give what Entra would have given; `details` carries the library's answer."""

    def __init__(self, message, details=None):
        super().__init__(message)
        self.details = details


# --- guards ---------------------------------------------------------------------------------

def confine_to_loopback():
    """Refuse name resolution (and so connections) for any host but the loopback names."""
    original = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK:
            raise socket.gaierror(f"interop guard: refusing to connect to {name!r} (only loopback is allowed)")
        return original(host, *args, **kwargs)

    socket.getaddrinfo = guarded


def bound_run(seconds):
    def expired(signum, frame):
        raise TimeoutError(f"scenario did not finish within {seconds} s")

    signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)


# --- helpers --------------------------------------------------------------------------------

def b64url_json(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def claims_of(jwt):
    """The payload of a JWT, decoded without verification (the Swift side checks values)."""
    if not isinstance(jwt, str) or jwt.count(".") != 2:
        raise ScenarioError("not a JWT", {"value": str(jwt)[:80]})
    return b64url_json(jwt.split(".")[1])


def header_of(jwt):
    return b64url_json(jwt.split(".")[0])


def public_result(result):
    """An msal result without secrets, for error reports."""
    if not isinstance(result, dict):
        return {"type": type(result).__name__, "repr": repr(result)[:500]}
    return {k: v for k, v in result.items() if k not in ("access_token", "refresh_token", "id_token")}


def require_token(result, step):
    if not isinstance(result, dict) or "access_token" not in result:
        raise ScenarioError(f"{step}: msal returned no access_token", public_result(result))
    return result


def summary(result):
    """What the suite asserts about an msal token result."""
    return {
        "claims": claims_of(result["access_token"]),
        "tokenType": result.get("token_type"),
        "expiresIn": result.get("expires_in"),
        "tokenSource": result.get("token_source"),
        "scope": result.get("scope"),
        "hasRefreshToken": "refresh_token" in result,
        "idTokenClaims": result.get("id_token_claims"),
    }


def azure_summary(access_token):
    return {"claims": claims_of(access_token.token), "expiresOn": access_token.expires_on,
            "expiresInSeconds": access_token.expires_on - int(time.time())}


class Sandbox:
    """The config, plus factories for msal apps and azure-identity credentials."""

    def __init__(self, config):
        self.config = config
        self.base = config["baseURL"].rstrip("/")
        self.tenant = config["tenantId"]
        self.authority = f"{self.base}/{self.tenant}"
        self.host = urllib.parse.urlsplit(self.base).netloc
        self.ca_file = config["caFile"]
        self.apps = config["apps"]
        self.users = config["users"]

    def client_id(self, app):
        return self.apps[app]["clientId"]

    def secret(self, app):
        return self.apps[app]["secret"]

    def certificate_pem(self, app):
        with open(self.apps[app]["certificatePath"]) as f:
            return f.read()

    def private_key_pem(self, app):
        with open(self.apps[app]["privateKeyPath"]) as f:
            return f.read()

    def thumbprint(self, app):
        return self.apps[app]["thumbprint"]

    def certificate_credential(self, app, form="thumbprint"):
        """msal's certificate credential: `thumbprint` gives RS256 + x5t, `chain` PS256 + x5t#S256 + x5c."""
        if form == "thumbprint":
            return {"private_key": self.private_key_pem(app), "thumbprint": self.thumbprint(app)}
        return {"private_key": self.private_key_pem(app), "public_certificate": self.certificate_pem(app)}

    def pem_bundle(self, app):
        """Certificate and key in one PEM, as azure-identity's certificate credentials take them."""
        return (self.private_key_pem(app) + "\n" + self.certificate_pem(app)).encode()

    def confidential(self, app, credential):
        import msal
        return msal.ConfidentialClientApplication(
            self.client_id(app), client_credential=credential, authority=self.authority,
            instance_discovery=False, timeout=HTTP_TIMEOUT)

    def public(self, app):
        import msal
        return msal.PublicClientApplication(
            self.client_id(app), authority=self.authority, instance_discovery=False, timeout=HTTP_TIMEOUT)

    def azure_kwargs(self):
        # azure-identity appends the tenant to the authority host itself.
        return {"authority": self.host, "disable_instance_discovery": True}

    def get(self, url, params=None):
        """A browser-like GET that does not follow redirects, trusting only the sandbox's CA."""
        import requests
        return requests.get(url, params=params, allow_redirects=False, timeout=HTTP_TIMEOUT, verify=self.ca_file)

    # The browser part of the authorization code flow: msal builds the authorize URL, the
    # sandbox signs the hinted user in without a page and redirects to http://localhost.
    def sign_in(self, app, user, scopes, credential=None, claims_challenge=None, public=False, redirect_uri="http://localhost"):
        client = self.public(app) if public else self.confidential(app, credential)
        flow = client.initiate_auth_code_flow(
            scopes, redirect_uri=redirect_uri, login_hint=self.users[user]["upn"], claims_challenge=claims_challenge)
        if "auth_uri" not in flow:
            raise ScenarioError("initiate_auth_code_flow gave no auth_uri", public_result(flow))
        response = self.get(flow["auth_uri"])
        location = response.headers.get("Location")
        if response.status_code not in (302, 303) or not location:
            raise ScenarioError("/authorize did not redirect", {"status": response.status_code, "body": response.text[:800]})
        parts = urllib.parse.urlsplit(location)
        if f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/") != redirect_uri:
            raise ScenarioError("/authorize redirected elsewhere", {"location": location[:300]})
        auth_response = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query or parts.fragment, keep_blank_values=True).items()}
        if "code" not in auth_response:
            raise ScenarioError("/authorize redirected without a code", auth_response)
        result = client.acquire_token_by_auth_code_flow(flow, auth_response)
        require_token(result, f"acquire_token_by_auth_code_flow ({user})")
        authorize_query = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(flow["auth_uri"]).query).items()}
        return {"client": client, "result": result, "redirect": {"status": response.status_code, "params": sorted(auth_response)},
                "authorize": {k: authorize_query.get(k) for k in ("code_challenge_method", "response_type", "claims")}}


# --- scenarios ------------------------------------------------------------------------------

DOWNSTREAM_APP = "api://downstream-api/.default"
DOWNSTREAM_USER = ["api://downstream-api/Data.Read"]
MIDDLE_TIER_USER = ["api://middle-tier-api/access_as_user"]


def client_credentials_secret(s):
    from azure.identity import ClientSecretCredential
    app = s.confidential("daemon", s.secret("daemon"))
    first = require_token(app.acquire_token_for_client([DOWNSTREAM_APP]), "acquire_token_for_client")
    again = require_token(app.acquire_token_for_client([DOWNSTREAM_APP]), "acquire_token_for_client (repeat)")
    credential = ClientSecretCredential(s.tenant, s.client_id("daemon"), s.secret("daemon"), **s.azure_kwargs())
    return {"msal": summary(first), "msalRepeatSource": again.get("token_source"),
            "azure": azure_summary(credential.get_token(DOWNSTREAM_APP))}


def client_credentials_certificate(s):
    from azure.identity import CertificateCredential
    out = {}
    for form in ("thumbprint", "chain"):
        app = s.confidential("middle-tier-api", s.certificate_credential("middle-tier-api", form))
        out[f"msal_{form}"] = summary(require_token(app.acquire_token_for_client([DOWNSTREAM_APP]), f"acquire_token_for_client ({form})"))
    for chain in (False, True):
        credential = CertificateCredential(s.tenant, s.client_id("middle-tier-api"), certificate_data=s.pem_bundle("middle-tier-api"),
                                           send_certificate_chain=chain, **s.azure_kwargs())
        out["azure_chain" if chain else "azure"] = azure_summary(credential.get_token(DOWNSTREAM_APP))
    return out


def user_assertion(s, user, claims_challenge=None):
    """The user's token for the middle tier, as the web app obtains it (auth code + PKCE)."""
    signed_in = s.sign_in("web-app", user, MIDDLE_TIER_USER, credential=s.secret("web-app"), claims_challenge=claims_challenge)
    return signed_in["result"]["access_token"]


def obo(s, credential_kind):
    from azure.identity import OnBehalfOfCredential
    assertion = user_assertion(s, "alice")
    if credential_kind == "secret":
        msal_credential = s.secret("middle-tier-api")
        azure_credential = {"client_secret": s.secret("middle-tier-api")}
    else:
        msal_credential = s.certificate_credential("middle-tier-api")
        azure_credential = {"client_certificate": s.pem_bundle("middle-tier-api")}
    app = s.confidential("middle-tier-api", msal_credential)
    result = require_token(app.acquire_token_on_behalf_of(assertion, DOWNSTREAM_USER), "acquire_token_on_behalf_of")
    credential = OnBehalfOfCredential(s.tenant, s.client_id("middle-tier-api"), user_assertion=assertion,
                                      **azure_credential, **s.azure_kwargs())
    return {"assertion": claims_of(assertion), "msal": summary(result),
            "azure": azure_summary(credential.get_token(DOWNSTREAM_USER[0]))}


def obo_secret(s):
    return obo(s, "secret")


def obo_certificate(s):
    return obo(s, "certificate")


def auth_code(s):
    signed_in = s.sign_in("web-app", "alice", MIDDLE_TIER_USER, credential=s.secret("web-app"))
    client, result = signed_in["client"], signed_in["result"]
    accounts = client.get_accounts()
    return {"msal": summary(result), "redirect": signed_in["redirect"], "authorize": signed_in["authorize"],
            "accounts": [{k: a.get(k) for k in ("home_account_id", "username", "environment", "realm")} for a in accounts]}


def auth_code_public(s):
    """The same flow for a public client, PKCE being its only proof. msal's desktop apps listen on
    `http://localhost:<free port>`, which matches spa-client's public-client loopback registration
    on any port (exact `http://localhost` is also registered as a SPA URI, whose codes only a browser
    may redeem, cross-origin)."""
    signed_in = s.sign_in("spa-client", "alice", MIDDLE_TIER_USER, public=True, redirect_uri="http://localhost:53123")
    return {"msal": summary(signed_in["result"]), "authorize": signed_in["authorize"]}


def refresh(s):
    signed_in = s.sign_in("web-app", "alice", MIDDLE_TIER_USER, credential=s.secret("web-app"))
    client, first = signed_in["client"], signed_in["result"]
    accounts = client.get_accounts()
    if len(accounts) != 1:
        raise ScenarioError("expected one account after sign-in", {"accounts": len(accounts)})
    cached = require_token(client.acquire_token_silent(MIDDLE_TIER_USER, account=accounts[0]), "acquire_token_silent")
    forced = require_token(client.acquire_token_silent(MIDDLE_TIER_USER, account=accounts[0], force_refresh=True),
                           "acquire_token_silent(force_refresh=True)")
    # The refresh token is multi-resource: the same sign-in gets a Graph token without a prompt.
    graph = require_token(client.acquire_token_silent(["https://graph.microsoft.com/User.Read"], account=accounts[0]),
                          "acquire_token_silent (Microsoft Graph)")
    # The explicit API with the newest refresh token msal holds.
    cache = client.token_cache
    kind = cache.CredentialType.REFRESH_TOKEN
    rts = list(cache.search(kind)) if hasattr(cache, "search") else cache.find(kind)  # search() since msal 1.29
    if not rts:
        raise ScenarioError("msal's cache has no refresh token")
    by_rt = require_token(client.acquire_token_by_refresh_token(rts[0]["secret"], MIDDLE_TIER_USER), "acquire_token_by_refresh_token")
    return {
        "first": summary(first), "cachedSource": cached.get("token_source"),
        "forced": summary(forced), "graph": summary(graph), "byRefreshToken": summary(by_rt),
        "newAccessToken": forced["access_token"] != first["access_token"] and by_rt["access_token"] != forced["access_token"],
        "rotated": forced.get("refresh_token") not in (None, first.get("refresh_token")),
        "refreshTokensInCache": len(rts),
    }


def device_code(s):
    client = s.public("spa-client")
    flow = client.initiate_device_flow(scopes=MIDDLE_TIER_USER)
    if "user_code" not in flow:
        raise ScenarioError("initiate_device_flow failed", public_result(flow))
    # Poll for at most 60 s, whatever the code's own lifetime.
    flow["expires_at"] = min(flow["expires_at"], time.time() + 60)
    approval = {}

    def approve():
        # The user types the code on another device a moment after the app shows it.
        time.sleep(1)
        try:
            response = s.get(flow["verification_uri"], params={"user_code": flow["user_code"], "login_hint": "alice"})
            approval.update(status=response.status_code, signedIn="signed in" in response.text)
        except Exception as error:  # reported, and the poll then ends at expires_at
            approval.update(error=repr(error))

    approver = threading.Thread(target=approve, daemon=True)
    started = time.time()
    approver.start()
    result = client.acquire_token_by_device_flow(flow)
    approver.join(timeout=HTTP_TIMEOUT + 2)
    require_token(result, f"acquire_token_by_device_flow (approval: {approval})")
    return {"msal": summary(result), "approval": approval, "seconds": round(time.time() - started, 1),
            "verificationURI": flow.get("verification_uri"), "interval": flow.get("interval"),
            "accounts": [a.get("username") for a in client.get_accounts()]}


def claims_challenge(s):
    from azure.core.exceptions import ClientAuthenticationError
    from azure.identity import OnBehalfOfCredential
    middle_tier = s.confidential("middle-tier-api", s.secret("middle-tier-api"))
    assertion = user_assertion(s, "carol")
    challenge = middle_tier.acquire_token_on_behalf_of(assertion, DOWNSTREAM_USER)
    if "access_token" in challenge:
        raise ScenarioError("OBO for carol without MFA succeeded; expected AADSTS50076", {"claims": claims_of(challenge["access_token"])})
    if not challenge.get("claims"):
        raise ScenarioError("OBO for carol failed without a claims challenge", public_result(challenge))

    azure_error = None
    credential = OnBehalfOfCredential(s.tenant, s.client_id("middle-tier-api"), client_secret=s.secret("middle-tier-api"),
                                      user_assertion=assertion, **s.azure_kwargs())
    try:
        credential.get_token(DOWNSTREAM_USER[0])
    except ClientAuthenticationError as error:
        azure_error = {"message": str(error)[:600], "status": getattr(error, "status_code", None)}

    # The middle tier hands the challenge to the client, which signs carol in again asking for it.
    stepped_up = user_assertion(s, "carol", claims_challenge=challenge["claims"])
    result = require_token(middle_tier.acquire_token_on_behalf_of(stepped_up, DOWNSTREAM_USER), "acquire_token_on_behalf_of (after step-up)")
    return {
        "challenge": {k: challenge.get(k) for k in ("error", "error_codes", "suberror", "claims", "error_description", "correlation_id")},
        "azureError": azure_error,
        "steppedUpAssertion": claims_of(stepped_up),
        "msal": summary(result),
    }


SCENARIOS = {
    "client_credentials_secret": client_credentials_secret,
    "client_credentials_certificate": client_credentials_certificate,
    "obo_secret": obo_secret,
    "obo_certificate": obo_certificate,
    "auth_code": auth_code,
    "auth_code_public": auth_code_public,
    "refresh": refresh,
    "device_code": device_code,
    "claims_challenge": claims_challenge,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS) + ["check"])
    parser.add_argument("--config")
    args = parser.parse_args()
    if args.scenario == "check":
        # Whether the peers are importable (the Swift suite skips itself otherwise).
        import azure.identity
        import msal
        print(json.dumps({"ok": True, "result": {"msal": msal.__version__, "azure-identity": azure.identity.__version__}}))
        return 0
    if not args.config:
        parser.error("--config is required")
    with open(args.config) as f:
        config = json.load(f)
    confine_to_loopback()
    bound_run(int(config.get("timeoutSeconds", 90)))
    # msal recommends response_mode=form_post for web apps; the query mode is what this drives.
    warnings.simplefilter("ignore", UserWarning)
    try:
        result = SCENARIOS[args.scenario](Sandbox(config))
    except Exception as error:
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}",
                          "details": getattr(error, "details", None), "traceback": traceback.format_exc()[-4000:]}, default=str))
        return 1
    print(json.dumps({"ok": True, "result": result}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
