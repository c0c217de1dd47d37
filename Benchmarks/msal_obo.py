#!/usr/bin/env python3
"""The Python peer of `tokenscope exchange obo` for Benchmarks/run-exchange: one On-Behalf-Of
exchange with a certificate, done with msal as a Python web API would do it.

    msal_obo.py --authority https://127.0.0.1:PORT/TENANT --client-id ID --cert CERT.pem --key KEY.pem
                --scope S --user-assertion TOKEN|@FILE --ca-file CA.pem [--phases]

The certificate credential is `{"private_key", "public_certificate"}`: msal then signs the client
assertion with PS256 and sends `x5t#S256` (+ `x5c`), the shape MSAL.NET and TokenScope send
(TokenScope without `x5c`; the extra header costs msal nothing measurable). `instance_discovery=False`
is what msal needs for a non-Microsoft authority; msal still fetches
`{authority}/v2.0/.well-known/openid-configuration` once before the token request (it has no
built-in endpoint templates), so this process makes two HTTPS requests where TokenScope makes one
(see docs/PERFORMANCE.md, "Exchange").

The sandbox's CA is trusted through `REQUESTS_CA_BUNDLE`, set here before msal makes a request:
requests lets that variable override msal's `verify=` (msal-wire.md §1), and the environment of
this machine sets it to the system bundle.

Prints one line of JSON and exits 0 when msal returned an access token; prints the error (no
token) and exits 1 otherwise. `--phases` adds the time of each phase, measured from the first line
of this script (interpreter start-up before it is not included: measure `python3 -c pass`).
Connections go to loopback only: any other host is refused before a socket is opened.
"""

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import base64  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def confine_to_loopback():
    original = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK:
            raise socket.gaierror(f"msal_obo: refusing to connect to {name!r} (only loopback is allowed)")
        return original(host, *args, **kwargs)

    socket.getaddrinfo = guarded


def read(path):
    with open(path) as f:
        return f.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--authority", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--scope", action="append", required=True)
    parser.add_argument("--user-assertion", required=True, help="the token, or @FILE")
    parser.add_argument("--ca-file", required=True)
    parser.add_argument("--phases", action="store_true")
    args = parser.parse_args()

    confine_to_loopback()
    os.environ["REQUESTS_CA_BUNDLE"] = args.ca_file
    os.environ.pop("CURL_CA_BUNDLE", None)
    assertion = read(args.user_assertion[1:]).strip() if args.user_assertion.startswith("@") else args.user_assertion

    t_args = time.perf_counter()
    import msal
    t_import = time.perf_counter()

    app = msal.ConfidentialClientApplication(
        args.client_id, authority=args.authority,
        client_credential={"private_key": read(args.key), "public_certificate": read(args.cert)},
        instance_discovery=False, timeout=10)
    t_app = time.perf_counter()

    result = app.acquire_token_on_behalf_of(assertion, scopes=args.scope)
    t_token = time.perf_counter()

    if not isinstance(result, dict) or "access_token" not in result:
        shown = {k: v for k, v in (result or {}).items() if k not in ("access_token", "refresh_token", "id_token")}
        print(json.dumps({"ok": False, "error": shown}))
        return 1
    payload = result["access_token"].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    out = {"ok": True, "token_type": result.get("token_type"), "expires_in": result.get("expires_in"),
           "aud": claims.get("aud"), "azpacr": claims.get("azpacr"), "access_token_bytes": len(result["access_token"])}
    if args.phases:
        ms = lambda a, b: round((b - a) * 1000, 2)  # noqa: E731
        out["phases_ms"] = {
            "script_start_to_args": ms(T0, t_args),
            "import_msal": ms(t_args, t_import),
            "app_construction": ms(t_import, t_app),
            "acquire_token_on_behalf_of": ms(t_app, t_token),
        }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
