#!/usr/bin/env python3
"""The TUI benchmark's peer: a minimal Python curses program doing the same visible work as the
explorer's measured steps — draw a first frame, redraw on a key, decode a bracketed paste (a JWT)
and list its claims. Measured under tmux exactly as TokenScope is, so the ratio removes tmux's own
latency from the comparison."""
import base64, curses, json, os, sys


def decode(token):
    try:
        part = token.strip().split(".")[1]
        part += "=" * (-len(part) % 4)
        return json.loads(base64.urlsafe_b64decode(part))
    except Exception as error:  # noqa: BLE001 - a benchmark peer shows, never crashes
        return {"error": str(error)}


def main(screen):
    curses.raw()
    curses.noecho()
    screen.keypad(False)
    os.write(1, b"\x1b[?2004h")
    keys = 0
    lines = ["Peer TUI", "ready"]
    while True:
        screen.erase()
        h, w = screen.getmaxyx()
        for y, line in enumerate(lines[: h - 1]):
            screen.addnstr(y, 0, line, w - 1)
        screen.refresh()
        ch = screen.getch()
        if ch == ord("q"):
            break
        if ch == 27:  # ESC: maybe the start of a paste
            seq = []
            screen.nodelay(True)
            while True:
                c = screen.getch()
                if c == -1:
                    break
                seq.append(c)
                if len(seq) >= 5 and bytes(seq[-5:]) == b"[200~":
                    break
            if bytes(seq[-5:]) == b"[200~":
                screen.nodelay(False)
                buf = []
                while True:
                    c = screen.getch()
                    buf.append(c)
                    if len(buf) >= 6 and bytes(buf[-6:]) == b"\x1b[201~":
                        break
                token = bytes(buf[:-6]).decode("utf-8", "replace")
                claims = decode(token)
                lines = ["Peer TUI", f"pasted {len(token)} chars, {len(claims)} claims, flagged"] + [f"{k}: {str(v)[:60]}" for k, v in claims.items()]
            screen.nodelay(False)
            continue
        keys += 1
        lines = ["Peer TUI", f"key {keys}"] + lines[2:]
    os.write(1, b"\x1b[?2004l")


if __name__ == "__main__":
    curses.wrapper(main)
