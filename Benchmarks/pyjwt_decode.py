#!/usr/bin/env python3
"""The PyJWT peer for the TokenScope decode benchmark.

    pyjwt_decode.py [--json] [--batches N] [--batch-ms MS] FILE...   time jwt.decode on each token file
    pyjwt_decode.py --once FILE                                      decode once, print the claims as JSON
    pyjwt_decode.py --serve FILE...                                  answer each line naming a file with one batch's µs/token

Timing mirrors Benchmarks/DecodeBenchmark: warm up, size a batch to about --batch-ms, take the
median per-token time over --batches batches (interleaved across files). `--once` is the whole-process peer of
`tokenscope decode --json` (interpreter start-up and the PyJWT import are part of what it costs).
"""
import argparse
import json
import statistics
import sys
import time

import jwt


def decode(token):
    # What the issue names: PyJWT decode without signature verification (which also skips the
    # exp/nbf/aud checks, so this is pure base64url + JSON work).
    return jwt.decode(token, options={"verify_signature": False})


def calibrate(token, batch_ms):
    """Warm up and size a batch to about batch_ms (shorter batches are dominated by timer noise)."""
    start, calls = time.perf_counter_ns(), 0
    while time.perf_counter_ns() - start < 200_000_000 or calls < 10:
        decode(token)
        calls += 1
    return max(1, int(batch_ms * 1e6 / ((time.perf_counter_ns() - start) / calls)))


def run_batch(token, n):
    t0 = time.perf_counter_ns()
    for _ in range(n):
        decode(token)
    return (time.perf_counter_ns() - t0) / n


def read_token(path):
    with open(path, encoding="ascii") as f:
        return f.read().strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--once", metavar="FILE")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--batch-ms", type=float, default=10.0)
    args = parser.parse_args()

    if args.once:
        print(json.dumps(decode(read_token(args.once)), indent=2))
        return
    if not args.files:
        parser.error("give token files to time, or --once FILE")
    if args.serve:
        # For Benchmarks/paired_decode.py: calibrate, say `ready`, then one batch per request.
        tokens = {path.rsplit("/", 1)[-1]: read_token(path) for path in args.files}
        sizes = {name: calibrate(token, args.batch_ms) for name, token in tokens.items()}
        print("ready", flush=True)
        for line in sys.stdin:
            name = line.strip()
            if name not in tokens:
                print(f"unknown file: {name}", flush=True)
                continue
            print(f"{run_batch(tokens[name], sizes[name]) / 1000:.4f}", flush=True)
        return

    tokens = [read_token(path) for path in args.files]
    sizes = [calibrate(token, args.batch_ms) for token in tokens]
    # Interleaved across files, as the Swift side does: a burst of other load costs each file
    # one batch, which the median drops.
    per_call = [[] for _ in tokens]
    for _ in range(args.batches):
        for k, token in enumerate(tokens):
            per_call[k].append(run_batch(token, sizes[k]))
    results = []
    for path, token, n, times in zip(args.files, tokens, sizes, per_call):
        ns = statistics.median(times)
        results.append({"file": path, "bytes": len(token), "us_per_token": round(ns / 1000, 3),
                        "tokens_per_s": round(1e9 / ns), "iterations_per_batch": n, "batches": args.batches})
    if args.json:
        print(json.dumps({"pyjwt": jwt.__version__, "python": sys.version.split()[0], "results": results}))
    else:
        print(f"PyJWT {jwt.__version__} on Python {sys.version.split()[0]}: median of {args.batches} batches")
        print(f"{'file':40} {'bytes':>7} {'µs/token':>10} {'tokens/s':>12}")
        for r in results:
            print(f"{r['file']:40} {r['bytes']:7d} {r['us_per_token']:10.2f} {r['tokens_per_s']:12d}")


if __name__ == "__main__":
    main()
