#!/usr/bin/env python3
"""The `gol trace` page in headless Chromium.

Input: the gol binary (argument 1, default target/release/gol). For four programs (a pipeline,
a worker pool, a deadlock, a ping-pong) it writes the trace page, opens it with
`chromium --headless --dump-dom`, and checks what the page's self-test hook (`#selftest`,
written by trace.js) reports against the data embedded in the same page and against facts
of the program: the lanes (one per worker and one per goroutine), the goroutine count, the
channel arrows (all of them drawn at the initial zoom), the summary rows (deadlock and the
still-blocked goroutines linked to their lanes). Any console message or page error fails.
A screenshot of each page is kept under target/trace-page/ (not committed).

Output: exit 0 when every check passes. Without chromium it prints a notice and exits 0,
unless GOL_REQUIRE_CHROMIUM=1 (CI sets it: .ci/run installs chromium).
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "trace-page")

# (name, program, expectations): goroutines created, end, least arrows, goroutines blocked at the end.
CASES = [
    ("pipeline", "examples/20_pipeline.gol", {"end": "normal", "min_arrows": 1}),
    ("worker_pool", "examples/19_worker_pool.gol", {"created": 5, "end": "normal", "min_arrows": 1}),
    ("deadlock", "examples/31_deadlock.gol", {"end": "deadlock", "leaked": 1}),
    ("ping_pong", "tests/programs/conc/patterns/ping_pong.gol", {"created": 3, "end": "normal", "arrows": 7}),
]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def page_data(text):
    m = re.search(r'<script type="application/json" id="trace-data">(.*?)</script>', text, re.S)
    if not m:
        raise AssertionError("no embedded trace data")
    return json.loads(m.group(1))


def run_page(browser, page, *extra):
    cmd = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
           "--virtual-time-budget=5000", "--window-size=1400,900", *extra, "file://" + page]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def check_case(gol, browser, name, prog, want):
    page = os.path.join(OUT, name + ".trace.html")
    r = subprocess.run([gol, "trace", "--out", page, os.path.join(ROOT, prog)],
                       capture_output=True, text=True, timeout=120, env=dict(os.environ, GOMAXPROCS="2"))
    plain = subprocess.run([gol, "run", os.path.join(ROOT, prog)], capture_output=True, text=True,
                           timeout=120, env=dict(os.environ, GOMAXPROCS="2"))
    assert r.returncode == plain.returncode, f"exit status {r.returncode} under trace, {plain.returncode} under run"
    assert "gol trace:" in r.stderr, r.stderr
    with open(page, encoding="utf-8") as f:
        data = page_data(f.read())
    d = run_page(browser, page, "--dump-dom")
    console = [l for l in d.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l]
    assert not console, "console output: " + "\n".join(console)
    m = re.search(r'<pre id="selftest"[^>]*>(.*?)</pre>', d.stdout, re.S)
    assert m and m.group(1).strip(), "the page wrote no self-test result:\n" + d.stdout[-2000:] + d.stderr[-2000:]
    got = json.loads(html.unescape(m.group(1)))
    assert got["errors"] == [], got["errors"]
    ngs = len(data["gs"])
    narrows = len(data["arrows"]) // 5
    assert got["workerLanes"] == data["workers"] >= 1, got
    assert got["goroutineLanes"] == ngs == got["goroutines"], got
    assert got["lanes"] == data["workers"] + ngs, got
    assert got["created"] == data["summary"]["created"] == ngs, got
    assert got["arrows"] == narrows, got
    assert got["arrowsDrawn"] == min(narrows, 4000), f"arrows drawn {got['arrowsDrawn']} of {narrows}"
    assert got["rectsDrawn"] > 0 and got["lanesDrawn"] > 0, got
    assert got["end"] == want["end"], got
    leaked = len(data["summary"]["leaked"]) // 3
    assert got["leakedLinks"] == leaked, got
    # Summary rows: events, goroutines, workers, GC, end, one per channel with messages,
    # one for blocked time if any, one per leaked goroutine.
    assert got["summaryRows"] >= 5 + leaked, got
    if "created" in want:
        assert ngs == want["created"], f"{ngs} goroutines, want {want['created']}"
    if "arrows" in want:
        assert narrows == want["arrows"], f"{narrows} arrows, want {want['arrows']}"
    if "min_arrows" in want:
        assert narrows >= want["min_arrows"], f"{narrows} arrows"
    if "leaked" in want:
        assert leaked == want["leaked"], f"{leaked} blocked at the end"
    if want["end"] == "deadlock":
        assert "deadlock" in d.stdout, "the summary does not show the deadlock"
    shot = os.path.join(OUT, name + ".png")
    s = run_page(browser, page, "--screenshot=" + shot)
    assert os.path.exists(shot), "no screenshot: " + s.stderr[-1000:]
    return f"{name}: {got['lanes']} lanes, {ngs} goroutines, {narrows} arrows, end {got['end']}"


def main():
    gol = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "gol")
    gol = os.path.abspath(gol)
    browser = chromium()
    if browser is None:
        if os.environ.get("GOL_REQUIRE_CHROMIUM") == "1":
            print("trace_page: chromium is required (GOL_REQUIRE_CHROMIUM=1) but not installed")
            return 1
        print("trace_page: SKIPPED: chromium is not installed (apt-get install chromium)")
        return 0
    os.makedirs(OUT, exist_ok=True)
    failed = 0
    for name, prog, want in CASES:
        try:
            print("ok  ", check_case(gol, browser, name, prog, want))
        except (AssertionError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
            failed += 1
            print(f"FAIL {name}: {e}")
    print(f"trace_page: {len(CASES) - failed} of {len(CASES)} pages passed; screenshots in {OUT}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
