#!/usr/bin/env python3
"""Generates large Go programs that stress gol's id widths and the checker's scaling.

Usage: gen_big.py KIND N > prog.gol, KIND one of:
  funcs    N functions, each called once; prints the sum of their results
  globals  N package-level variables; prints their sum
  locals   one function with N locals (`var v0, v1 ... int`), each assigned and used
  strings  N distinct string constants; prints the total length and a few of them
  switch   an N-case expression switch inside a loop; prints a checksum
  maplit   a map literal with N entries; prints len and a sum
Every program prints what it computes; the expected output follows from N (see expect()).
"""
import sys


def gen(kind, n):
    o = ["package main", "", 'import "fmt"', ""]
    if kind == "funcs":
        for i in range(n):
            o.append(f"func f{i}() int {{ return {i % 7} }}")
        o.append("func main() {\n\ts := 0")
        for i in range(n):
            o.append(f"\ts += f{i}()")
        o.append("\tfmt.Println(s)\n}")
    elif kind == "globals":
        for i in range(n):
            o.append(f"var g{i} = {i % 5}")
        o.append("func main() {\n\ts := 0")
        for i in range(n):
            o.append(f"\ts += g{i}")
        o.append("\tfmt.Println(s)\n}")
    elif kind == "locals":
        o.append("func main() {")
        names = ", ".join(f"v{i}" for i in range(n))
        o.append(f"\tvar {names} int")
        for i in range(n):
            o.append(f"\tv{i} = {i % 3}")
        o.append("\ts := 0")
        for i in range(n):
            o.append(f"\ts += v{i}")
        o.append("\tfmt.Println(s)\n}")
    elif kind == "strings":
        o.append("func l(s string) int { return len(s) }")
        o.append("func main() {\n\tt := 0")
        for i in range(n):
            o.append(f'\tt += l("s{i}")')
        o.append('\tfmt.Println(t, "s0", "s%d")' % (n - 1))
        o.append("}")
    elif kind == "switch":
        o.append("func f(x int) int {\n\tswitch x {")
        for i in range(n):
            o.append(f"\tcase {i}:\n\t\treturn {i % 11}")
        o.append("\t}\n\treturn -1\n}")
        # A strided sample of calls: each call runs the cases' comparisons in order.
        o.append("func main() {\n\ts := 0\n\tfor i := 0; i <= %d; i += 7 {\n\t\ts += f(i)\n\t}" % n)
        o.append("\tfmt.Println(s)\n}")
    elif kind == "maplit":
        o.append("var m = map[int]int{")
        for i in range(n):
            o.append(f"\t{i}: {i % 13},")
        o.append("}")
        o.append("func main() {\n\ts := 0\n\tfor _, v := range m {\n\t\ts += v\n\t}")
        o.append("\tfmt.Println(len(m), s)\n}")
    else:
        sys.exit(f"unknown kind {kind}")
    return "\n".join(o) + "\n"


def expect(kind, n):
    if kind == "funcs":
        return f"{sum(i % 7 for i in range(n))}\n"
    if kind == "globals":
        return f"{sum(i % 5 for i in range(n))}\n"
    if kind == "locals":
        return f"{sum(i % 3 for i in range(n))}\n"
    if kind == "strings":
        return f"{sum(len(f's{i}') for i in range(n))} s0 s%d\n" % (n - 1)
    if kind == "switch":
        return f"{sum((i % 11 if i < n else -1) for i in range(0, n + 1, 7))}\n"
    if kind == "maplit":
        return f"{n} {sum(i % 13 for i in range(n))}\n"


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[3] == "--expect":
        sys.stdout.write(expect(sys.argv[1], int(sys.argv[2])))
    else:
        sys.stdout.write(gen(sys.argv[1], int(sys.argv[2])))
