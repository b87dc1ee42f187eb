#!/usr/bin/env python3
"""Differential fuzzer: mutants of the test programs, judged by gol and by Go's own type checker.

Input: the `package main` programs under tests/programs and examples (standard imports only).
Output: a summary line per category and, with --keep DIR, every disagreement as a file.

Each mutant is a seed program with one or two small edits that tend to make type errors (a name
replaced by another name of the same file, a literal by one of another kind, a type name by
another type, an operator swapped, `&`/`*` inserted, a token deleted). gol's verdict is
`gol disasm` (parse, check and compile, no run); Go's is tools/gotypes (go/types with the
standard library from source, one process for every mutant). Categories:

  unsound      gol builds a program Go's checker rejects: the VM would run a program whose
               types Go never allowed. Every one is a bug.
  crash        gol died (a Rust panic, a signal, a time-out) instead of answering.
  false error  gol rejects a program Go accepts with an error of its own (not one saying gol
               does not support something): a bug too, reported but not fatal here.
  unsupported  gol refuses a valid program with "not supported"/"not implemented": expected.

With --run, each mutant Go accepts (or all, with --run-all) is also run by `gol run` (5 s limit,
8 GiB address space) and any Rust panic, signal or internal error is counted as a crash.

Exit status: 1 if any unsound or crash case was found (--strict), else 0.
Usage: tools/difffuzz.py [--cases N] [--seed S] [--gol PATH] [--jobs J] [--keep DIR] [--run]
"""

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORACLE = ROOT.parent / "shared" / "tools" / "go-oracle"

TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
      |(?P<ws>\s+)
      |(?P<raw>`[^`]*`)
      |(?P<str>"(?:\\.|[^"\\\n])*")
      |(?P<rune>'(?:\\.|[^'\\\n])+')
      |(?P<num>(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)i?)
      |(?P<ident>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<op><<=|>>=|&\^=|\.\.\.|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|<<|>>|&\^|[-+*/%&|^<>=!(){}\[\],;:.~])
      |(?P<other>.)""",
    re.S | re.X,
)

KEYWORDS = set(
    "break case chan const continue default defer else fallthrough for func go goto if import "
    "interface map package range return select struct switch type var".split()
)
TYPES = [
    "int", "string", "bool", "float64", "byte", "rune", "error", "any", "int8", "uint",
    "complex128", "*int", "[]int", "[]byte", "map[string]int", "chan int", "func()", "struct{}",
    "[2]int", "*string", "uintptr", "float32", "int64",
]
LITERALS = [
    "0", "1", "-1", '"s"', '""', "1.5", "'a'", "nil", "true", "false", "1 << 40", "0xD800",
    "1e300", "2i", "[]int{1}", "struct{}{}", "map[int]int{}", "make(chan int)", "new(int)",
    "func() {}",
]
SWAPS = {
    "+": ["-", "*", "/", "%", "&", "|", "^", "<<", "+"],
    "==": ["!=", "<", ">=", "="],
    "<": ["<=", ">", "=="],
    ":=": ["=", "+="],
    "=": [":=", "+=", "-="],
    "&&": ["||", "&"],
    "*": ["&", "+"],
    "&": ["*", "&&"],
    "<-": ["->", "<"],
    "[": ["("],
    ".": [","],
}


def tokenize(src):
    return [(m.lastgroup, m.group()) for m in TOKEN.finditer(src)]


def mutate(src, rng):
    toks = tokenize(src)
    idx = [i for i, (k, _) in enumerate(toks) if k not in ("ws", "comment")]
    # Keep the package clause and imports intact: mutate after the last import.
    body_start = 0
    for i, (k, t) in enumerate(toks):
        if k == "ident" and t == "func":
            body_start = i
            break
    idx = [i for i in idx if i >= body_start]
    if not idx:
        return None
    idents = sorted({t for k, t in toks if k == "ident" and t not in KEYWORDS})
    for _ in range(rng.choice([1, 1, 1, 2])):
        i = rng.choice(idx)
        kind, text = toks[i]
        r = rng.random()
        if kind == "ident" and text not in KEYWORDS and r < 0.55 and idents:
            toks[i] = ("ident", rng.choice(idents))
        elif kind == "ident" and text in {t for t in TYPES if t.isidentifier()} and r < 0.8:
            toks[i] = ("ident", rng.choice(TYPES))
        elif kind in ("num", "str", "rune", "raw") or (kind == "ident" and text in ("nil", "true", "false")):
            toks[i] = ("num", rng.choice(LITERALS))
        elif kind == "op" and text in SWAPS:
            toks[i] = ("op", rng.choice(SWAPS[text]))
        elif kind == "ident" and text not in KEYWORDS and r < 0.75:
            toks[i] = ("ident", rng.choice(["&", "*", "<-", "-", "!"]) + text)
        elif r < 0.85:
            toks[i] = ("ws", " ")
        else:
            toks[i] = (kind, text + " " + rng.choice(TYPES + LITERALS))
    return "".join(t for _, t in toks)


def seeds():
    out = []
    for base in (ROOT / "tests" / "programs", ROOT / "examples"):
        for p in sorted(base.rglob("*.gol")):
            src = p.read_text(errors="replace")
            if not re.search(r"^package main\b", src, re.M):
                continue
            if "oracle: skip" in src or "golang.org/" in src:
                continue
            if src.startswith("// errorcheck"):
                continue
            out.append(src)
    return out


def go_env():
    go = subprocess.run([str(ORACLE), "--go"], capture_output=True, text=True, check=True).stdout.strip()
    cache = Path(os.environ.get("GOL_ORACLE_CACHE", Path.home() / ".cache" / "gol-go-oracle"))
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", GOPROXY="off",
               GOCACHE=str(cache / "gocache"), GOPATH=str(cache / "gopath"))
    return go, env


def build_gotypes(out_dir):
    go, env = go_env()
    exe = Path(out_dir) / "gotypes"
    subprocess.run([go, "build", "-o", str(exe), "."], cwd=ROOT / "tools" / "gotypes", env=env, check=True)
    return exe, env


UNSUPPORTED = re.compile(r"not supported|does not support|not implemented in gol|is not supported by gol")


def limit_memory():
    cap = 8 << 30
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def gol_verdict(gol, path):
    """('accept'|'reject'|'crash', first stderr line)."""
    try:
        p = subprocess.run([gol, "disasm", path], capture_output=True, timeout=20,
                           preexec_fn=limit_memory, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "crash", "time-out (20 s) in gol disasm"
    err = p.stderr.decode(errors="replace")
    first = err.splitlines()[0] if err else ""
    if p.returncode == 0:
        return "accept", ""
    if p.returncode == 1 and "panicked at" not in err and "internal error" not in err:
        return "reject", first
    return "crash", f"exit {p.returncode}: " + next((l for l in err.splitlines() if "panicked at" in l or "internal" in l), first)


def gol_run(gol, path):
    """None if the run ended as a Go program may end, else what went wrong."""
    try:
        p = subprocess.run([gol, "run", path], capture_output=True, timeout=5,
                           preexec_fn=limit_memory, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None  # a mutant may loop forever, as the Go program would
    err = p.stderr.decode(errors="replace")
    if "panicked at" in err or "gol: internal error" in err or "panic: gol:" in err:
        return next(l for l in err.splitlines() if "panicked at" in l or "gol:" in l)
    if p.returncode < 0 or p.returncode in (101, 134, 139):
        return f"exit {p.returncode}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gol", default=str(ROOT / "target" / "release" / "gol"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", help="write every disagreement to this folder")
    ap.add_argument("--run", action="store_true", help="also run mutants Go accepts")
    ap.add_argument("--run-all", action="store_true", help="also run every mutant")
    ap.add_argument("--strict", action="store_true", help="exit 1 on unsound or crash cases")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    pool = seeds()
    work = tempfile.mkdtemp(prefix="difffuzz-")
    exe, _ = build_gotypes(work)
    paths, seen = [], set()
    attempts = 0
    while len(paths) < a.cases and attempts < a.cases * 20:
        attempts += 1
        m = mutate(rng.choice(pool), rng)
        if m is None or m in seen:
            continue
        seen.add(m)
        p = Path(work) / f"m{len(paths):06}.gol"
        p.write_text(m)
        paths.append(str(p))

    with ThreadPoolExecutor(a.jobs) as ex:
        gol = list(ex.map(lambda p: gol_verdict(a.gol, p), paths))
    go = subprocess.run([str(exe)], input="\n".join(paths) + "\n", capture_output=True,
                        text=True, check=True).stdout.splitlines()
    assert len(go) == len(paths), "gotypes answered for fewer files than asked"

    cats = {"agree": [], "unsound": [], "crash": [], "false error": [], "unsupported": []}
    for path, (gv, gmsg), gov in zip(paths, gol, go):
        go_ok = gov == "ok"
        if gv == "crash":
            cats["crash"].append((path, gmsg, gov))
        elif gv == "accept" and not go_ok:
            cats["unsound"].append((path, "gol builds it", gov))
        elif gv == "reject" and go_ok:
            key = "unsupported" if UNSUPPORTED.search(gmsg) else "false error"
            cats[key].append((path, gmsg, gov))
        else:
            cats["agree"].append((path, gmsg, gov))

    runs = 0
    if a.run or a.run_all:
        todo = [p for p, (gv, _), gov in zip(paths, gol, go) if gv == "accept" and (a.run_all or gov == "ok")]
        with ThreadPoolExecutor(a.jobs) as ex:
            for p, bad in zip(todo, ex.map(lambda p: gol_run(a.gol, p), todo)):
                runs += 1
                if bad:
                    cats["crash"].append((p, "gol run: " + bad, ""))

    both_ok = sum(1 for (gv, _), gov in zip(gol, go) if gv == "accept" and gov == "ok")
    print(f"difffuzz: {len(paths)} mutants compared (seed {a.seed}; {both_ok} valid for both), {runs} run")
    for k, v in cats.items():
        print(f"  {k}: {len(v)}")
    for k in ("unsound", "crash", "false error"):
        for path, gmsg, gov in cats[k][:40]:
            print(f"{k.upper()} {path}\n    gol: {gmsg}\n    go:  {gov}")
    if a.keep:
        keep = Path(a.keep)
        keep.mkdir(parents=True, exist_ok=True)
        for k in ("unsound", "crash", "false error"):
            for path, _, _ in cats[k]:
                name = k.replace(" ", "_") + "_" + Path(path).name
                (keep / name).write_text(Path(path).read_text())
    bad = len(cats["unsound"]) + len(cats["crash"])
    return 1 if a.strict and bad else 0


if __name__ == "__main__":
    sys.exit(main())
