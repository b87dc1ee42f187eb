#!/usr/bin/env python3
"""Re-check gol test programs against real Go.

Usage: tests/oracle.py [-j N] [PATH ...]

Walks tests/programs/**/*.gol (or the given files and directories), skips script-mode files
(no `package` clause) and runs every remaining file through go-oracle
(../shared/tools/go-oracle relative to the repository root; override with env GO_ORACLE).
The file format is described in tests/README.md:

  // run         stdout must equal the trailing `// Output:` block exactly, the exit status must
                 equal `// exit: N` (default 0) and, if `// stderr: TEXT` is given, the first line
                 of stderr must equal TEXT.  `// env: K=V ...` variables are passed to the program;
                 `// stdin: TEXT` lines (with \\n, \\t escapes) are its standard input.
  // errorcheck  the build must fail (exit 1); every `// ERROR "re" ...` comment must be matched by
                 an error Go reports on that line (one distinct error per regexp), and every error
                 Go reports must be on a line that carries an ERROR comment.
  // race: A B   (or `// race: none`) the program is built with `go build -race`; Go's detector
                 must report exactly the races listed (one line each: the source lines of the two
                 accesses, in either order), exit 66 unless `// exit:` says otherwise, or nothing.

Prints one line per failure and a final `oracle: N passed, M failed` line; exits 1 if anything
failed.  Programs run in parallel (default os.cpu_count() workers), each with a 60 s timeout.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 60  # seconds per program

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ORACLE = REPO_ROOT.parent / "shared" / "tools" / "go-oracle"
DEFAULT_DIR = REPO_ROOT / "tests" / "programs"

# Go's compiler diagnostics: ./main.go:LINE:COL: MSG (column optional).
ERR_LINE_RX = re.compile(r"^(?:\./)?main\.go:(\d+)(?::(\d+))?: (.*)$")
TOO_MANY_RX = re.compile(r"^(?:\S+:\s*)?too many errors$")
# `// ERROR "re" "re2" ...`, as in Go's test/ directory; quoted strings may contain \" escapes.
ERROR_COMMENT_RX = re.compile(r"// ERROR (.*)")
QUOTED_RX = re.compile(r'"((?:[^"\\]|\\.)*)"')
HEADER_RX = re.compile(r"^// (exit|stderr|env|stdin|race|flags): ?(.*)$")
LINE_RX = re.compile(r"[^\n]*\n|[^\n]+$")  # output lines, each with its newline if any
# `// oracle: skip REASON` among the header lines: a Go program real Go cannot build here (for
# example one importing golang.org/x/... while go-oracle runs offline); not checked, like script mode.
SKIP_RX = re.compile(r"^// oracle: skip\b", re.M)


@dataclass
class Spec:
    mode: str  # "run" or "errorcheck"
    exit: int
    stderr: str | None
    env: dict[str, str]
    stdin: bytes
    race: list[tuple[int, int]] | None
    output: str
    errors: dict[int, list[str]] = field(default_factory=dict)  # line -> regexps


def display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def has_package_clause(src: str) -> bool:
    """True if the first token after comments and blanks is the keyword `package`."""
    i, n = 0, len(src)
    while i < n:
        if src[i] in " \t\r\n\ufeff":
            i += 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j + 1
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                return False
            i = j + 2
        else:
            break
    m = re.match(r"package(?![\w])", src[i:])
    return m is not None


def header_block(src: str) -> str:
    """The leading comment and blank lines of a test file (where the header lines live)."""
    out = []
    for line in src.split("\n"):
        if line.strip() and not line.startswith("//"):
            break
        out.append(line)
    return "\n".join(out)


def parse_spec(src: str) -> Spec:
    lines = src.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    first = lines[0].rstrip("\r") if lines else ""
    if first == "// run":
        mode = "run"
    elif first == "// errorcheck":
        mode = "errorcheck"
    else:
        raise ValueError(f"first line must be `// run` or `// errorcheck`, not {first!r}")

    exit_code: int | None = None
    stderr: str | None = None
    env: dict[str, str] = {}
    stdin = b""
    race: list[tuple[int, int]] | None = None
    leaks_flag = False
    # Header lines: comment lines before the first line of code.
    for raw in lines[1:]:
        line = raw.rstrip("\r")
        if line.strip() == "":
            continue
        if not line.startswith("//"):
            break
        m = HEADER_RX.match(line)
        if not m:
            continue
        key, val = m.groups()
        if key == "exit":
            try:
                exit_code = int(val.strip())
            except ValueError:
                raise ValueError(f"bad `// exit:` value {val!r}") from None
        elif key == "stderr":
            stderr = val
        elif key == "stdin":
            stdin += unescape(val.strip()).encode("utf-8")
        elif key == "race":
            race = race if race is not None else []
            if val.strip() != "none":
                a, b = (int(n) for n in val.split())
                race.append((min(a, b), max(a, b)))
        elif key == "flags":
            # `gol run` options. Go gets none: under `--seed` the expected stdout must still be
            # Go's (such programs are deterministic); `--leaks` adds gol's own report on stderr,
            # so the stderr expectation is gol's alone and not checked here.
            if "--leaks" in val.split():
                leaks_flag = True
        else:
            for kv in val.split():
                if "=" not in kv:
                    raise ValueError(f"bad `// env:` entry {kv!r}")
                k, v = kv.split("=", 1)
                env[k] = v

    # Output block: `// Output:` followed only by `// text` / `//` lines up to the end of file.
    output = ""
    output_from = len(lines)  # first line of the Output block (its lines are data, not ERRORs)
    for idx in range(len(lines) - 1, -1, -1):
        line = lines[idx].rstrip("\r")
        if line == "// Output:":
            output_from = idx
            out_lines = []
            for raw in lines[idx + 1:]:
                o = raw.rstrip("\r")
                out_lines.append("" if o == "//" else o[3:])
            output = "".join(l + "\n" for l in out_lines)
            break
        if not (line == "//" or line.startswith("// ")):
            break

    errors: dict[int, list[str]] = {}
    for lineno, raw in enumerate(lines[:output_from], start=1):
        m = ERROR_COMMENT_RX.search(raw)
        if not m:
            continue
        rxs = QUOTED_RX.findall(m.group(1))
        if not rxs:
            raise ValueError(f"line {lineno}: `// ERROR` without a quoted regexp")
        for rx in rxs:
            try:
                re.compile(rx)
            except re.error as e:
                raise ValueError(f"line {lineno}: bad regexp {rx!r}: {e}") from None
        errors.setdefault(lineno, []).extend(rxs)

    if mode == "errorcheck" and not errors:
        raise ValueError("`// errorcheck` file has no `// ERROR` comments")
    if exit_code is None:
        exit_code = 66 if race else 0 if mode == "run" else 1
    if leaks_flag:
        stderr = None
    return Spec(mode, exit_code, stderr, env, stdin, race, output, errors)


def race_reports(err: str) -> tuple[list[tuple[int, int]], int | None]:
    """The races Go's detector reported: for each, the main.go lines of the first frame of the
    access's stack and of the previous access's stack (sorted); and the `Found N` count."""
    pairs: list[tuple[int, int]] = []
    found = None
    lines = err.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"Found (\d+) data race\(s\)$", lines[i])
        if m:
            found = int(m.group(1))
        if lines[i] == "WARNING: DATA RACE":
            firsts: list[int | None] = []
            in_stack = False
            i += 1
            while i < len(lines) and not lines[i].startswith("=================="):
                l = lines[i]
                if l.endswith(":") and (" at 0x" in l or l.startswith("Goroutine ")):
                    in_stack = " at 0x" in l
                    if in_stack:
                        firsts.append(None)
                elif in_stack and firsts and firsts[-1] is None:
                    fm = re.match(r"(.*):(\d+)$", l.strip().split(" +0x")[0])
                    if fm and fm.group(1).endswith("main.go"):
                        firsts[-1] = int(fm.group(2))
                i += 1
            if len(firsts) == 2 and None not in firsts:
                pairs.append((min(firsts), max(firsts)))  # type: ignore[type-var]
            else:
                pairs.append((0, 0))
        i += 1
    return pairs, found


def run_race(oracle: str, path: Path, env: dict[str, str], stdin: bytes) -> tuple[int | None, bytes, bytes]:
    """`go build -race` path as main.go in a fresh module and run it (needs gcc)."""
    import shutil
    import tempfile
    go = subprocess.run([oracle, "--go"], capture_output=True, text=True).stdout.strip()
    work = tempfile.mkdtemp()
    try:
        shutil.copy(path, os.path.join(work, "main.go"))
        benv = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", GOPROXY="off")
        subprocess.run([go, "mod", "init", "oracle"], cwd=work, capture_output=True, env=benv)
        b = subprocess.run([go, "build", "-race", "-o", "prog", "."], cwd=work, capture_output=True, env=benv)
        if b.returncode != 0:
            return 1, b"", b.stdout + b.stderr
        full_env = dict(os.environ)
        full_env.update(env)
        try:
            p = subprocess.run([os.path.join(work, "prog")], input=stdin, capture_output=True,
                               env=full_env, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, b"", b""
        return p.returncode, p.stdout, p.stderr
    finally:
        shutil.rmtree(work, ignore_errors=True)


def unescape(v: str) -> str:
    """A `// stdin:` text: \\n, \\r, \\t and \\\\ are a newline, a return, a tab and a backslash."""
    out, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\" and i + 1 < len(v):
            n = v[i + 1]
            out.append({"n": "\n", "r": "\r", "t": "\t"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def run_oracle(oracle: str, path: Path, env: dict[str, str], stdin: bytes = b"") -> tuple[int | None, bytes, bytes]:
    """Run go-oracle on path; returns (status, stdout, stderr); status None on timeout."""
    full_env = dict(os.environ)
    full_env.update(env)
    proc = subprocess.Popen(
        [oracle, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
        start_new_session=True,  # own process group, so a timeout kills the program too
    )
    try:
        out, err = proc.communicate(input=stdin, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return None, out, err
    status = proc.returncode
    if status < 0:  # killed by a signal: report it the way a shell would
        status = 128 - status
    return status, out, err


def short(s: str, limit: int = 200) -> str:
    r = repr(s)
    return r if len(r) <= limit else r[: limit - 3] + "..."


def build_failed(status: int | None, err: str) -> bool:
    if status != 1:
        return False
    first = err.split("\n", 1)[0]
    return first.startswith("# ") or first.startswith("go: ") or bool(ERR_LINE_RX.match(first))


def check_run(spec: Spec, status: int, out: str, err: str) -> list[str]:
    problems = []
    if build_failed(status, err):
        msgs = [l for l in err.split("\n") if l and not l.startswith("# ")]
        # A link error (no source position) is what a `// run` test expecting exit 1 and no
        # output describes: a program Go builds no binary for (a package main without main).
        if spec.exit == 1 and msgs and not ERR_LINE_RX.match(msgs[0]) and not out:
            if spec.stderr is not None and spec.stderr != msgs[0]:
                return [f"stderr's first line: Go {short(msgs[0])}, want {short(spec.stderr)}"]
            return []
        return [f"expected the program to build and run, Go gave a compile error: {short(' | '.join(msgs))}"]
    if out != spec.output:
        exp_lines = LINE_RX.findall(spec.output)
        got_lines = LINE_RX.findall(out)
        k = 0
        while k < min(len(exp_lines), len(got_lines)) and exp_lines[k] == got_lines[k]:
            k += 1
        exp_l = short(exp_lines[k]) if k < len(exp_lines) else "<end of output>"
        got_l = short(got_lines[k]) if k < len(got_lines) else "<end of output>"
        problems.append(
            f"stdout differs at line {k + 1}: expected {exp_l}, Go gave {got_l}"
            f" (expected {len(exp_lines)} lines, Go gave {len(got_lines)})"
        )
    if status != spec.exit:
        problems.append(f"expected exit status {spec.exit}, Go gave {status}")
    if spec.stderr is not None:
        first = err.split("\n", 1)[0] if err else "<no stderr>"
        if first.rstrip("\r") != spec.stderr:
            problems.append(f"expected first stderr line {short(spec.stderr)}, Go gave {short(first)}")
    return problems


def bipartite_match(rxs: list[str], msgs: list[str]) -> list[int | None]:
    """Assign each regexp a distinct matching message (maximum matching); None if unmatched."""
    adj = [[j for j, m in enumerate(msgs) if re.search(rx, m)] for rx in rxs]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(rxs)):
        augment(i, set())
    result: list[int | None] = [None] * len(rxs)
    for j, i in owner.items():
        result[i] = j
    return result


def check_errorcheck(spec: Spec, status: int, out: str, err: str) -> list[str]:
    if not build_failed(status, err):
        return [f"expected a compile error (exit {spec.exit}), Go built the program (exit {status})"]
    problems = []
    reported: dict[int, list[str]] = {}
    for line in err.split("\n"):
        if not line or line.startswith("# ") or line[0] in " \t" or TOO_MANY_RX.match(line):
            continue
        m = ERR_LINE_RX.match(line)
        if m:
            reported.setdefault(int(m.group(1)), []).append(m.group(3))
        else:
            problems.append(f"Go gave unexpected build output {short(line)}")
    for lineno in sorted(spec.errors):
        rxs = spec.errors[lineno]
        msgs = reported.get(lineno, [])
        for rx, j in zip(rxs, bipartite_match(rxs, msgs)):
            if j is None:
                got = "; ".join(msgs) if msgs else "no error on that line"
                what = "error matching"
                if any(re.search(rx, m) for m in msgs):
                    what = "one more error (each regexp needs its own) matching"
                problems.append(f"line {lineno}: expected {what} {short(rx)}, Go gave {short(got)}")
    for lineno in sorted(reported):
        if lineno not in spec.errors:
            for msg in reported[lineno]:
                problems.append(f"line {lineno}: unexpected error (no ERROR comment), Go gave {short(msg)}")
    if status != spec.exit:
        problems.append(f"expected exit status {spec.exit}, Go gave {status}")
    return problems


def check_file(oracle: str, path: Path) -> tuple[Path, bool, list[str]]:
    """Returns (path, checked, problems); checked is False for script-mode files."""
    try:
        src = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return path, True, [f"cannot read: {e}"]
    if not has_package_clause(src) or SKIP_RX.search(header_block(src)):
        return path, False, []
    try:
        spec = parse_spec(src)
    except ValueError as e:
        return path, True, [f"bad test file: {e}"]
    try:
        if spec.race is not None:
            status, out_b, err_b = run_race(oracle, path, spec.env, spec.stdin)
        else:
            status, out_b, err_b = run_oracle(oracle, path, spec.env, spec.stdin)
    except OSError as e:
        return path, True, [f"cannot run {oracle}: {e}"]
    if status is None:
        return path, True, [f"timed out after {TIMEOUT} s"]
    out = out_b.decode("utf-8", errors="replace")
    err = err_b.decode("utf-8", errors="replace")
    if spec.mode == "run":
        problems = check_run(spec, status, out, err)
        if spec.race is not None:
            got, found = race_reports(err)
            if sorted(set(got)) != sorted(spec.race) or len(got) != len(spec.race):
                problems.append(f"Go's -race reported races at lines {sorted(got)}, want {sorted(spec.race)}")
            halts = "halt_on_error=1" in spec.env.get("GORACE", "")
            if spec.race and found != len(spec.race) and status == 66 and not halts:
                problems.append(f"Go's `Found N data race(s)`: {found}, want {len(spec.race)}")
    else:
        problems = check_errorcheck(spec, status, out, err)
    return path, True, problems


def collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(q for q in path.rglob("*.gol") if q.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            print(f"oracle: no such file or directory: {p}", file=sys.stderr)
            sys.exit(2)
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def main() -> int:
    ap = argparse.ArgumentParser(description="Check gol test programs against real Go.")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, metavar="N", help="parallel workers")
    ap.add_argument("paths", nargs="*", help="files or directories (default: tests/programs)")
    args = ap.parse_args()
    oracle = os.environ.get("GO_ORACLE") or str(DEFAULT_ORACLE)
    files = collect(args.paths or [str(DEFAULT_DIR)])

    # Install the toolchain (if needed) once, before running builds in parallel.
    try:
        subprocess.run([oracle, "--go"], stdout=subprocess.DEVNULL, check=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        print(f"oracle: cannot run {oracle} --go: {e}", file=sys.stderr)
        return 2

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        for path, checked, problems in pool.map(lambda f: check_file(oracle, f), files):
            if not checked:
                continue
            if problems:
                failed += 1
                for p in problems:
                    print(f"FAIL {display(path)}: {p}", flush=True)
            else:
                passed += 1
    print(f"oracle: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
