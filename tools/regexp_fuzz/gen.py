#!/usr/bin/env python3
# Writes a Go program that runs random regular expressions over fixed texts (Find, Replace, Split,
# LiteralPrefix, Longest, CompilePOSIX). Usage: gen.py SEED N > d.gol; run it with `gol run` and
# with ../shared/tools/go-oracle and diff the outputs (they must be identical).
import random, sys, json
seed = int(sys.argv[1]); n = int(sys.argv[2])
random.seed(seed)
atoms = ['a','b','c','.','\\w','\\d','\\s','\\b','\\B','^','$','[ab]','[^a]','[a-c]','(?i:a)','x','\\pL','[[:alpha:]]','\\n','é','\\x{e9}','[^\\n]','\\A','\\z','(?s:.)','(?m:^)','(?m:$)','\\W','[\\d\\s]','[^\\x00-\\x{10FFFF}]','\\Qa.\\E']
def gen(d):
    r = random.random()
    if d > 3 or r < 0.3:
        return random.choice(atoms)
    if r < 0.5:
        return gen(d+1) + gen(d+1)
    if r < 0.6:
        return gen(d+1) + '|' + gen(d+1)
    if r < 0.75:
        return '(' + gen(d+1) + ')'
    if r < 0.8:
        return '(?:' + gen(d+1) + ')'
    op = random.choice(['*','+','?','*?','+?','??','{2}','{1,3}','{0,2}?','{2,}'])
    return '(' + gen(d+1) + ')' + op
pats = [gen(0) for _ in range(n)]
texts = ['', 'a', 'ab', 'aab', 'abc abc', 'xa\nbx', 'aaa', 'ba\nab', 'é a_1 b2', 'a\xffb', 'AbA', 'a.b', 'cab\n']
fixed = [r'(a|ab)(c|bcd)(d*)', r'(a*)+', r'(a*)*', r'(a|b)*', r'(a+|b+)*c', r'x*', r'(?U)a+', r'a{0}', r'(a){0}b',
 r'(?i)k', r'(?i)[k-m]+', r'(?i)[^k]', r'\bx\b', r'(?m)^a$', r'^$', r'$', r'(?s).+', r'[[:^alpha:]]+', r'\p{^L}+', r'\PL', r'\p{Lu}', r'(?i)\p{Lu}',
 r'(|a)*', r'(a|)*', r'(a?)*?b', r'(?:(a)|b)+', r'((a)|(b))+', r'(a)(?:(b)|c)*', r'.*', r'.*?', r'\d+|\w+', r'[^\x00-\x7f]', r'\x{fffd}', r'[\x{fffd}]', r'a\C']
pats = fixed + pats
def golstr(s):
    out = '"'
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == '\\': out += '\\' + ch
        elif ch == '\n': out += '\\n'
        elif o == 0xff and False: out += '\\xff'
        elif o < 0x20 or o == 0x7f: out += '\\x%02x' % o
        else: out += ch
    return out + '"'
def gostr_bytes(s):
    # texts may contain \xff meaning a raw byte
    out='"'
    for ch in s:
        if ch == '\xff': out += '\\xff'
        elif ch == '"' or ch == '\\': out += '\\' + ch
        elif ch == '\n': out += '\\n'
        else: out += ch
    return out+'"'
print('package main\n\nimport (\n\t"fmt"\n\t"regexp"\n)\n')
print('var pats = []string{' + ', '.join(golstr(p) for p in pats) + '}')
print('var texts = []string{' + ', '.join(gostr_bytes(t) for t in texts) + '}')
print('''
func main() {
	for _, p := range pats {
		re, err := regexp.Compile(p)
		if err != nil {
			fmt.Printf("%q: %v\\n", p, err)
			continue
		}
		pre, comp := re.LiteralPrefix()
		fmt.Printf("%q: n=%d prefix=%q %v\\n", p, re.NumSubexp(), pre, comp)
		for _, t := range texts {
			fmt.Println(" ", re.FindAllStringSubmatchIndex(t, -1), re.MatchString(t))
			fmt.Printf("  %q %q\\n", re.ReplaceAllString(t, "<$1>"), re.Split(t, -1))
		}
		re.Longest()
		for _, t := range texts {
			fmt.Println(" L", re.FindAllStringSubmatchIndex(t, -1))
		}
		rp, err := regexp.CompilePOSIX(p)
		if err != nil {
			fmt.Printf(" P %v\\n", err)
			continue
		}
		for _, t := range texts {
			fmt.Println(" P", rp.FindAllStringSubmatchIndex(t, -1))
		}
	}
}''')
