#!/usr/bin/env python3
"""Regenerates the CASES table of ../tests.rs from Go: cases.tsv (format TAB operand names;
PRINT/PRINTLN mean Sprint/Sprintln) + values.go.in (the operands) -> a Go program run with
/work/shared/tools/go-oracle -> Rust table rows on stdout (paste them into CASES)."""
import json, os, subprocess, tempfile
here = os.path.dirname(os.path.abspath(__file__))
cases = [l.rstrip('\n').split('\t') for l in open(os.path.join(here, 'cases.tsv')) if l.strip('\n')]
body = ''.join('\trun(%s, %s)\n' % (json.dumps(f), json.dumps(a)) for f, a in cases)
src = open(os.path.join(here, 'values.go.in')).read() + body + '}\n'
with tempfile.NamedTemporaryFile('w', suffix='.go', delete=False) as f:
    f.write(src)
out = subprocess.run(['/work/shared/tools/go-oracle', f.name], capture_output=True, text=True, check=True).stdout
def lit(s):
    r = '"'
    for ch in s:
        o = ord(ch)
        if ch == '"': r += '\\"'
        elif ch == '\\': r += '\\\\'
        elif ch == '\n': r += '\\n'
        elif o < 0x20 or o == 0x7f: r += '\\u{%x}' % o
        else: r += ch
    return r + '"'
for (fmt, names), h in zip(cases, out.split('\n')):
    print('    (%s, %s, %s),' % (lit(fmt), lit(names), lit(bytes.fromhex(h).decode())))
