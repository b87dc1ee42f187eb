#!/usr/bin/env python3
"""Run a command several times; report the best wall-clock time and the peak RSS.

    measure.py [--runs N] [--timeout S] [--stdout FILE] [--stderr FILE] -- CMD [ARGS...]

Prints one line: `BEST_SECONDS MAX_RSS_KB EXIT_CODE`.
- BEST_SECONDS: the fastest of the runs (wall clock).
- MAX_RSS_KB: the largest peak resident set size of the runs (GNU time's %M, in KB).
- EXIT_CODE: 0 if every run exited 0; otherwise the first failing run's status (124 for a timeout,
  128+N for a signal), and no further runs are made.
stdout and stderr of the last run are written to the given files (default: discarded).
The environment is passed through unchanged. Needs GNU time at /usr/bin/time (Debian: `time`).
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

# GNU time measures the peak RSS: its forked child starts small, whereas a child forked (or
# vforked) by this Python process would inherit Python's own high-water mark across exec.
TIME = "/usr/bin/time"


def run_once(cmd, out_path, err_path, timeout, rss_path):
    out = open(out_path, "wb") if out_path else subprocess.DEVNULL
    err = open(err_path, "wb") if err_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "%M", "-o", rss_path] + cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)
        timed_out = []

        def kill():
            timed_out.append(True)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, _ = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = 0  # reaped by wait4; keep Popen from waiting again
    finally:
        if out_path:
            out.close()
        if err_path:
            err.close()
    if timed_out:
        code = 124
    elif os.WIFSIGNALED(status):
        code = 128 + os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
    rss = 0
    try:
        with open(rss_path) as f:
            lines = f.read().split()
        rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    except OSError:
        pass
    return elapsed, rss, code


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    ap.add_argument("--stdout")
    ap.add_argument("--stderr")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        ap.error("no command")
    best, peak, code = float("inf"), 0, 0
    fd, rss_path = tempfile.mkstemp(prefix="measure-rss-")
    os.close(fd)
    for _ in range(args.runs):
        elapsed, rss, rc = run_once(cmd, args.stdout, args.stderr, args.timeout, rss_path)
        best = min(best, elapsed)
        peak = max(peak, rss)
        if rc != 0:
            code = rc
            break
    os.unlink(rss_path)
    print(f"{best:.4f} {peak} {code}")


if __name__ == "__main__":
    sys.exit(main())
