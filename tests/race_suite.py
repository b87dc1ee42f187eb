#!/usr/bin/env python3
"""Run existing test programs under `gol run -race` and list the ones that report a race.

Usage: tests/race_suite.py [-j N] [--procs 1,2] [PATH ...]   (default: tests/programs/conc, examples)

Every `// run` program (with a package clause or not) without a `// race:` header is run with
`gol run -race` once per GOMAXPROCS value; a run whose stderr holds `WARNING: DATA RACE` is
printed with the line pairs reported. Those are false alarms unless Go's own `go build -race`
reports the program too (check them with `--go`, which builds each reported program with Go's
detector and prints what it says). Prints `race-suite: N runs, M with reports` at the end.
The gol binary is $GOL or target/release/gol.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import oracle  # noqa: E402  (race_reports, run_race)


def files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        q = Path(p)
        out.extend(sorted(q.rglob("*.gol")) if q.is_dir() else [q])
    return [f for f in out if f.read_text(errors="replace").startswith("// run")
            and "// race:" not in f.read_text(errors="replace")]


def run(gol: str, f: Path, procs: str) -> tuple[Path, str, list[tuple[int, int]], str]:
    env = dict(os.environ, GOMAXPROCS=procs)
    try:
        spec = oracle.parse_spec(f.read_text())
        env.update(spec.env)
        stdin = spec.stdin
    except ValueError:
        stdin = b""
    try:
        p = subprocess.run([gol, "run", "-race", str(f)], input=stdin, capture_output=True, env=env,
                           timeout=120)
        err = p.stderr.decode(errors="replace").replace(f.name + ":", "main.go:")
    except subprocess.TimeoutExpired:
        return f, procs, [], "timeout"
    if "WARNING: DATA RACE" not in err:
        return f, procs, [], ""
    return f, procs, oracle.race_reports(err)[0], err


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--procs", default="1,2")
    ap.add_argument("--go", action="store_true", help="check reported programs with go build -race")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args()
    gol = os.environ.get("GOL", str(ROOT / "target" / "release" / "gol"))
    fs = files(a.paths or [str(ROOT / "tests/programs/conc"), str(ROOT / "examples")])
    jobs = [(f, p) for f in fs for p in a.procs.split(",")]
    reported: dict[Path, list] = {}
    with concurrent.futures.ThreadPoolExecutor(a.j) as ex:
        for f, procs, pairs, err in ex.map(lambda j: run(gol, *j), jobs):
            if err == "timeout":
                print(f"TIMEOUT {f} [GOMAXPROCS={procs}]")
            elif err:
                print(f"RACE {f} [GOMAXPROCS={procs}] lines {sorted(set(pairs))}")
                reported.setdefault(f, []).append(pairs)
    if a.go:
        o = oracle.DEFAULT_ORACLE
        for f in reported:
            status, _, err = oracle.run_race(str(o), f, {}, b"")
            pairs = oracle.race_reports(err.decode(errors="replace"))[0]
            print(f"GO {f}: exit {status}, lines {sorted(set(pairs))}")
    print(f"race-suite: {len(jobs)} runs of {len(fs)} programs, {sum(len(v) for v in reported.values())} with reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
