#!/usr/bin/env python3
"""TUI benchmark: start-up to first frame, keystroke to frame, bracketed paste of a 16 KB token to
flagged claims, peak RSS, and CPU use while idle — TokenScope's explorer and a minimal Python curses
peer, both driven by a private tmux server and measured the same way (polling capture-pane), in one run.

Usage: tui_bench.py --tokenscope BIN --token-file F [--runs N] [--json]

With SUMMARY_FILE=F in the environment the figures are also appended to F as TSV rows (benchmark,
figure, measured, target, peer, ratio, result) for `Benchmarks/run`, the suite."""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time


class Tmux:
    def __init__(self, folder):
        self.socket = os.path.join(folder, "s")
        self.base = ["tmux", "-S", self.socket, "-f", "/dev/null"]

    def run(self, *args, check=True):
        return subprocess.run(self.base + list(args), capture_output=True, text=True, check=check).stdout

    def start(self, command, env):
        envs = []
        for k, v in env.items():
            envs += ["-e", f"{k}={v}"]
        self.run("start-server", ";", "set", "-g", "default-terminal", "tmux-256color", ";", "set", "-g", "remain-on-exit", "on", ";",
                 "new-session", "-d", "-s", "t", "-x", "120", "-y", "40", *envs, command)

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "t", check=False)

    def pid(self):
        return int(self.run("display", "-p", "-t", "t", "#{pane_pid}").strip())

    def wait(self, predicate, timeout=20.0):
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            text = self.screen()
            if predicate(text):
                return time.perf_counter()
            time.sleep(0.001)
        raise TimeoutError("screen never matched; last screen:\n" + self.screen())

    def kill(self):
        self.run("kill-server", check=False)


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    """CPU time of every thread of `pid` so far (ns precision from each task's schedstat)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass  # a thread that ended between the listing and the read
    return total / 1e9


IDLE_SECONDS = 5.0


def measure(command, env, ready, key_changed, pasted, token, keys=20):
    folder = tempfile.mkdtemp(prefix="tuib")
    tmux = Tmux(folder)
    try:
        t0 = time.perf_counter()
        tmux.start(command, env)
        startup = tmux.wait(ready) - t0
        latencies = []
        for i in range(keys):
            before = tmux.screen()
            t = time.perf_counter()
            key = "2" if i % 2 == 0 else "1"
            tmux.run("send-keys", "-t", "t", key_changed["keys"][i % 2])
            tmux.wait(lambda s, b=before: s != b, timeout=5)
            latencies.append(time.perf_counter() - t)
        buffer = os.path.join(folder, "token.txt")
        with open(buffer, "w") as f:
            f.write(token)
        tmux.run("load-buffer", "-b", "p", buffer)
        t = time.perf_counter()
        tmux.run("paste-buffer", "-p", "-d", "-b", "p", "-t", "t")
        tmux.wait(pasted)
        paste = time.perf_counter() - t
        rss = peak_rss_mb(tmux.pid())
        # Idle: nothing typed, the claims on screen (and, for TokenScope, its sandbox running).
        # A poll loop that spins, or redraws without need, shows up here.
        pid = tmux.pid()
        time.sleep(1.0)
        before = cpu_seconds(pid)
        time.sleep(IDLE_SECONDS)
        idle = (cpu_seconds(pid) - before) / IDLE_SECONDS * 100
        return {"startup_ms": startup * 1000, "key_ms": statistics.median(latencies) * 1000, "paste_ms": paste * 1000, "rss_mb": rss,
                "idle_cpu_pct": idle}
    finally:
        tmux.kill()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenscope", required=True)
    ap.add_argument("--token-file", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    token = open(a.token_file).read().strip()
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    state = tempfile.mkdtemp(prefix="tuis")
    env = {"LANG": "C.UTF-8", "TERM": "tmux-256color", "SWIFT_BACKTRACE": "interactive=no", "XDG_STATE_HOME": state}
    py = sys.executable
    peer_script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peer_tui.py")
    ours, peers = [], []
    for _ in range(a.runs):
        ours.append(measure(
            f"{a.tokenscope} --sandbox", env,
            ready=lambda s: "1 Token" in s and "2 Exchange" in s,
            key_changed={"keys": ["2", "1"]},
            pasted=lambda s: "✖" in s or "⚠" in s or "no findings" in s,
            token=token))
        peers.append(measure(
            f"{py} {peer_script}", env,
            ready=lambda s: "Peer TUI" in s,
            key_changed={"keys": ["j", "k"]},
            pasted=lambda s: "flagged" in s,
            token=token))
    shutil.rmtree(state, ignore_errors=True)
    med = lambda rows, k: statistics.median(r[k] for r in rows)
    result = {k: {"tokenscope": med(ours, k), "peer": med(peers, k)} for k in ["startup_ms", "key_ms", "paste_ms", "rss_mb", "idle_cpu_pct"]}
    targets = {"startup_ms": ("start-up to first frame", "ms", 150), "key_ms": ("keystroke to frame", "ms", 16),
               "paste_ms": (f"paste {len(token)} B token to flagged claims", "ms", 50), "rss_mb": ("peak RSS", "MB", 60),
               "idle_cpu_pct": (f"CPU while idle ({IDLE_SECONDS:.0f} s)", "%", 1)}
    summary = os.environ.get("SUMMARY_FILE")
    if summary:   # ratio as peer / TokenScope: above 1 means TokenScope is faster (or smaller)
        with open(summary, "a") as f:
            for k, (label, unit, target) in targets.items():
                o, p = result[k]["tokenscope"], result[k]["peer"]
                f.write("\t".join(["tui", f"TUI {label}", f"{o:.1f} {unit}", f"< {target} {unit}", f"Python curses {p:.1f} {unit}",
                                    f"{p / o:.2f}×" if o > 0 else "-", "PASS" if o < target else "FAIL"]) + "\n")
            f.write("\t".join(["#note", "tui", f"load average {load} before the runs; medians of {a.runs} runs per side under tmux "
                                "(figures include tmux's own latency, which the peer pays too)"]) + "\n")
    if a.json:
        print(json.dumps(result))
        return
    print(f"{'measure':<40} {'TokenScope':>12} {'peer':>10} {'ratio':>7} {'target':>8}")
    for k, (label, unit, target) in targets.items():
        o, p = result[k]["tokenscope"], result[k]["peer"]
        ratio = f"{o / p:.2f}x" if p > 0 else "-"
        print(f"{label:<40} {o:>9.1f} {unit:<2} {p:>7.1f} {unit:<2} {ratio:>7} {'<' + str(target) + ' ' + unit:>8} {'ok' if o < target else 'MISSED'}")


if __name__ == "__main__":
    main()
