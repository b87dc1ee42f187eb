#!/usr/bin/env python3
"""Re-check the expectations of `gol test` cases against real `go test`.

Usage: tests/gotest_oracle.py [--update] [CASE ...]

Each directory tests/gotest/CASE/ holds a package (`*.go` files, `_test` files among them), an
optional `args` file (the `go test` flags, split on whitespace) and `expect`: the first line is
`exit: N` (go test's exit status), the rest is what `go test` prints (stdout and stderr together),
masked by `mask()` below so that timings, benchmark figures and goroutine dumps do not matter.

For every case the package is copied to a temporary module named CASE (so go test names the
package CASE, the rule `gol test` follows for a directory without go.mod) and `go test ARGS` is
run with the oracle's toolchain (`go-oracle --go`, offline). The masked output must equal
`expect`; `--update` rewrites `expect` instead. tests/gotest.rs runs `gol test` on the same cases
and compares with the same masking (its own copy of these rules).

Prints one line per failure and `gotest oracle: N passed, M failed`; exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CASES = REPO_ROOT / "tests" / "gotest"
ORACLE = Path(os.environ.get("GO_ORACLE", REPO_ROOT.parent / "shared" / "tools" / "go-oracle"))
TIMEOUT = 120

DURATION_RX = re.compile(r"\((\d+\.\d+)s\)")
SUMMARY_RX = re.compile(r"^(ok  |FAIL)\t(\S+)\t\d+\.\d+s(.*)$")
BENCH_RX = re.compile(r"^(Benchmark\S*?)(-\d+)?\s+\d+(\s+[\d.]+ \S+)+\s*$")
RUNNING_RX = re.compile(r"^\t\t(\S+) \(.*\)$")


def mask(text: str) -> str:
    """Timings, benchmark figures, the cpu line and goroutine dumps made comparable."""
    out: list[str] = []
    dump = False
    for line in text.splitlines():
        if dump:
            # A goroutine dump runs until go test's last lines.
            if line.startswith("exit status") or line.startswith("FAIL\t") or line == "FAIL":
                dump = False
            else:
                continue
        if re.match(r"^goroutine \d+ \[", line):
            out.append("goroutine N [...]: (dump masked)")
            dump = True
            continue
        if line.startswith("cpu: "):
            line = "cpu: X"
        m = BENCH_RX.match(line)
        if m:
            units = re.findall(r"[\d.]+ (\S+)", line[m.end(2) if m.group(2) else m.end(1):])
            line = m.group(1) + "-P\tN" + "".join(f"\tX {u}" for u in units)
        line = DURATION_RX.sub("(0.00s)", line)
        m = SUMMARY_RX.match(line)
        if m:
            line = f"{m.group(1)}\t{m.group(2)}\tT{m.group(3)}"
        m = RUNNING_RX.match(line)
        if m:
            line = f"\t\t{m.group(1)} (D)"
        out.append(line)
    return "\n".join(out) + ("\n" if out else "")


def go_binary() -> str:
    return subprocess.run([str(ORACLE), "--go"], capture_output=True, text=True, check=True).stdout.strip()


def run_case(go: str, case: Path) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        mod = Path(tmp) / case.name
        mod.mkdir()
        for f in case.iterdir():
            if f.suffix in (".go", ".gol"):
                shutil.copy(f, mod / (f.stem + ".go"))
        (mod / "go.mod").write_text(f"module {case.name}\n\ngo 1.27\n")
        args = (case / "args").read_text().split() if (case / "args").exists() else []
        env = dict(os.environ, GOFLAGS="-mod=mod", GOPROXY="off", GOTOOLCHAIN="local")
        r = subprocess.run(
            [go, "test", *args],
            cwd=mod,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            timeout=TIMEOUT,
        )
        return r.returncode, mask(r.stdout.replace(str(mod) + "/", ""))


def run_gol(gol: str, case: Path) -> tuple[int, str]:
    """`gol test ARGS` in the case directory (for development: the cargo harness is
    tests/gotest.rs)."""
    args = (case / "args").read_text().split() if (case / "args").exists() else []
    r = subprocess.run(
        [gol, "test", *args], cwd=case, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=TIMEOUT,
    )
    return r.returncode, mask(r.stdout.replace(str(case.resolve()) + "/", ""))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--gol", help="compare `gol test` (this binary) with the expectations instead")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    go = None if a.gol else go_binary()
    cases = [CASES / c for c in a.cases] if a.cases else sorted(p for p in CASES.iterdir() if p.is_dir())
    passed = failed = 0
    for case in cases:
        code, out = run_gol(os.path.abspath(a.gol), case) if a.gol else run_case(go, case)
        want = f"exit: {code}\n{out}"
        exp = case / "expect"
        if a.update:
            exp.write_text(want)
            passed += 1
            continue
        have = exp.read_text() if exp.exists() else ""
        if have == want:
            passed += 1
        else:
            failed += 1
            who = "gol test" if a.gol else "go test"
            print(f"FAIL {case.name}: {who} prints\n{want}\nexpect holds\n{have}")
    print(f"gotest oracle: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
