#!/usr/bin/env python3
"""Paired in-process timing of TokenScope's DecodeBenchmark and the PyJWT peer.

    paired_decode.py SWIFT_BIN TOKENS_DIR PYTHON PAIRS  > result.json

Both run as long-lived servers (`DecodeBenchmark --serve`, `pyjwt_decode.py --serve`). For each
row, PAIRS times: one Swift batch and one PyJWT batch, back to back (which goes first alternates),
each about 10 ms. A pair's ratio is PyJWT's time over Swift's; the result is the median of the
pairs' ratios, with the median time of each side.

Why pairs, on one CPU: this machine's speed drifts in phases of seconds (PyJWT alone moves between
90 and 165 µs per token), and the phases differ between its two CPUs (a virtual machine's vCPUs
share physical cores with other tenants). Two medians taken minutes apart can land in different
phases, and two processes on different CPUs can run at different speeds at the same moment. So
both servers are kept on the same CPU (they take turns, so they never compete for it), and each
Swift batch is paired with a PyJWT batch 10 ms away.
"""
import os
import json
import statistics
import subprocess
import sys

ROWS = [("decode", "1.5KB", "typical.txt"), ("decode+inspect", "1.5KB", "typical.txt"),
        ("decode", "16KB", "big.txt"), ("decode+inspect", "16KB", "big.txt")]


def start(cmd):
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().strip()
    if line != "ready":
        sys.exit(f"paired_decode: {cmd[0]} did not start (said {line!r})")
    return proc


def ask(proc, request):
    proc.stdin.write(request + "\n")
    proc.stdin.flush()
    answer = proc.stdout.readline().strip()
    try:
        return float(answer)
    except ValueError:
        sys.exit(f"paired_decode: {request!r} was answered {answer!r}")


def main():
    swift_bin, tokens_dir, python, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if hasattr(os, "sched_setaffinity"):
        cpu = int(os.environ.get("PAIRED_CPU", min(os.sched_getaffinity(0))))
        os.sched_setaffinity(0, {cpu})  # the servers inherit it
    here = __file__.rsplit("/", 1)[0]
    # The Swift side writes the token files; the PyJWT side starts once they exist.
    swift = start([swift_bin, "--serve", "--tokens-dir", tokens_dir])
    peer = start([python, f"{here}/pyjwt_decode.py", "--serve", f"{tokens_dir}/typical.txt", f"{tokens_dir}/big.txt"])
    results = []
    for name, token, file in ROWS:
        mine, theirs, ratios = [], [], []
        for i in range(pairs):
            if i % 2 == 0:
                s = ask(swift, f"{name} {token}")
                p = ask(peer, file)
            else:
                p = ask(peer, file)
                s = ask(swift, f"{name} {token}")
            mine.append(s)
            theirs.append(p)
            ratios.append(p / s)
        results.append({"name": name, "token": token, "file": file, "pairs": pairs,
                        "us_per_token": statistics.median(mine), "peer_us_per_token": statistics.median(theirs),
                        "ratio": statistics.median(ratios),
                        "ratio_quartiles": statistics.quantiles(ratios, n=4) if pairs >= 4 else [min(ratios), max(ratios)]})
    for proc in (swift, peer):
        proc.stdin.close()
        proc.wait(timeout=30)
    json.dump({"results": results}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
