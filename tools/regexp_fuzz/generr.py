#!/usr/bin/env python3
# Writes a Go program that compiles random malformed expressions with Compile and CompilePOSIX and
# prints the errors. Usage: generr.py SEED N > e.gol; diff `gol run e.gol` with the oracle's output.
import random, sys
random.seed(int(sys.argv[1])); n=int(sys.argv[2])
toks = ['(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '^', '$', '\\', 'a', 'b', '1', ',', '-', ':', '?P<', '?<', '>', '(?', '\\p', '\\P', '{L}', '{Greek}', '{Foo}', '[:alpha:]', '[:foo:]', '\\x', '\\x{', 'ff', '\\Q', '\\E', '\\8', '\\0', '\\z', '\\Z', '\\C', '\\d', '\\pN', 'i', 'm', 's', 'U', '-', '\\xff', 'é', '{2}', '{1001}', '{2,1}', '{,3}', '\\b', '[^', '\\n', '\\/', '\\_', '\\q', '{0,1000}', "'", '=']
def gostr(s):
    out='"'
    for ch in s:
        if ch == '\x00': out += '\\x00'
        elif ch == '"' or ch == '\\': out += '\\'+ch
        else: out += ch
    return out+'"'
pats=[]
for _ in range(n):
    k = random.randint(1,6)
    p = ''.join(random.choice(toks) for _ in range(k))
    pats.append(p.replace('\\xff', '\x00'))
fixed = ['(abc', 'abc)', 'a**', 'a*?*', 'a++', '**', '(*)', 'a|*', '(?<', '(?<name', '(?P<n!>a)', '(?P<>a)', '(?P=n)', "(?'n'a)", '\\z', '\\', 'a\\', '[a', '[z-a]', '[[:foo:]]', '\\p{Foo}', '\\pX', '\\p', 'x{1001}', 'x{2,1}', '(a{500}){3}', '((a{10}){10}){11}', '\\x{110000}', '\\x{}', '\\xg1', '(?i', '(?-)', '(?i-)', '(?z)', '[\\d-z]', '[a-\\d]', '[\\p{L}-z]', 'a{2}{3}', 'a{2}*', '(?:a){2}+', '(' * 1001 + ')' * 1001, '(?:' * 1001 + 'a' + ')' * 1001, '[]a]', '[^]a]', '[]', '[^]', 'a{,2}', 'a{1,2', 'a{01}', 'a{1,02}', '\\Qab', '\\Qa\\E*', '(?P<a>x)(?P<a>y)', '\\8', '\\08', '[\\b]', '\\C']
pats = fixed + pats
print('package main\n\nimport (\n\t"fmt"\n\t"regexp"\n)\n')
print('var pats = []string{' + ', '.join(gostr(p) for p in pats) + '}')
print('''
func main() {
	for _, p := range pats {
		p = fixNul(p)
		_, err := regexp.Compile(p)
		_, err2 := regexp.CompilePOSIX(p)
		fmt.Printf("%q: %v | %v\\n", p, err, err2)
	}
}

func fixNul(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == 0 {
			b[i] = 0xff
		}
	}
	return string(b)
}''')
