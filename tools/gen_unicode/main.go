// Command gen_unicode writes gol's copy of Go's unicode tables, read from the real Go `unicode`
// package of the toolchain that runs it (see gen.sh). Two outputs:
//
//   - src/stdlib/natives/unicode.dat: one line per distinct table, the data the native
//     unicode.tableData hands to gol code: `KEY LATINOFFSET N16 N32 V...` with V the hex Lo, Hi,
//     Stride of the N16 Range16 entries then of the N32 Range32 entries (a count of -1 is a
//     nil list). CaseRanges and
//     TurkishCase are lines of Lo, Hi and three signed deltas.
//   - stdlib/unicode/tables.gol: the exported variables (each naming its table's key), the
//     name maps (Categories, Scripts, Properties, FoldCategory, FoldScript, CategoryAliases),
//     GraphicRanges, PrintRanges and the version.
//
// Which exported variables exist comes from gol's own copy of Go's API (src/stdlib/api/std.txt);
// which table each names is found by pointer identity with the maps, so an alias (Letter = L)
// stays one table. Every name must resolve, or the generator fails.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen_unicode: "+format+"\n", args...)
	os.Exit(1)
}

// The exported *RangeTable variables that are not map keys under their own name.
var aliases = map[string]*unicode.RangeTable{
	"Letter": unicode.Letter, "Upper": unicode.Upper, "Lower": unicode.Lower,
	"Title": unicode.Title, "Mark": unicode.Mark, "Number": unicode.Number,
	"Digit": unicode.Digit, "Punct": unicode.Punct, "Symbol": unicode.Symbol,
	"Space": unicode.Space, "Other": unicode.Other,
}

// count is a list's length, or -1 for a nil list (Go's tables have both nil and empty ones).
func count(n int, isNil bool) int {
	if isNil {
		return -1
	}
	return n
}

type named struct {
	key string
	t   *unicode.RangeTable
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func main() {
	if len(os.Args) != 4 {
		fail("usage: gen_unicode STD.TXT OUT.dat OUT.gol")
	}
	// Exported table variables, in std.txt's (sorted) order.
	f, err := os.Open(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	var vars []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) == 4 && p[0] == "unicode" && p[1] == "var" && p[3] == "*unicode.RangeTable" {
			vars = append(vars, p[2])
		}
	}
	f.Close()

	// Every distinct table gets one key, the first name found for it.
	var tables []named
	keyOf := map[*unicode.RangeTable]string{}
	add := func(key string, t *unicode.RangeTable) string {
		if k, ok := keyOf[t]; ok {
			return k
		}
		keyOf[t] = key
		tables = append(tables, named{key, t})
		return key
	}
	groups := []struct {
		name, prefix string
		m            map[string]*unicode.RangeTable
	}{
		{"Categories", "", unicode.Categories},
		{"Scripts", "", unicode.Scripts},
		{"Properties", "", unicode.Properties},
		{"FoldCategory", "fold", unicode.FoldCategory},
		{"FoldScript", "fold", unicode.FoldScript},
	}
	for _, g := range groups {
		for _, k := range sortedKeys(g.m) {
			add(g.prefix+k, g.m[k])
		}
	}
	varKey := map[string]string{}
	for _, v := range vars {
		var t *unicode.RangeTable
		if a, ok := aliases[v]; ok {
			t = a
		} else {
			for _, g := range groups[:3] {
				if x, ok := g.m[v]; ok {
					t = x
				}
			}
		}
		k, ok := keyOf[t]
		if t == nil || !ok {
			fail("no table for unicode.%s", v)
		}
		varKey[v] = k
	}

	dat, err := os.Create(os.Args[2])
	if err != nil {
		fail("%v", err)
	}
	w := bufio.NewWriter(dat)
	fmt.Fprintf(w, "# Go's unicode tables (Unicode %s), written by tools/gen_unicode (see gen.sh); never edit.\n", unicode.Version)
	fmt.Fprintf(w, "# KEY LATINOFFSET N16 N32 (-1: nil) then hex Lo Hi Stride per range (R16 first); case lines: Lo Hi and 3 deltas.\n")
	for _, n := range tables {
		fmt.Fprintf(w, "%s %d %d %d", n.key, n.t.LatinOffset, count(len(n.t.R16), n.t.R16 == nil), count(len(n.t.R32), n.t.R32 == nil))
		for _, r := range n.t.R16 {
			fmt.Fprintf(w, " %x %x %x", r.Lo, r.Hi, r.Stride)
		}
		for _, r := range n.t.R32 {
			fmt.Fprintf(w, " %x %x %x", r.Lo, r.Hi, r.Stride)
		}
		fmt.Fprintln(w)
	}
	cases := func(key string, cs []unicode.CaseRange) {
		fmt.Fprintf(w, "%s 0 0 0", key)
		for _, c := range cs {
			fmt.Fprintf(w, " %x %x %x %x %x", c.Lo, c.Hi, c.Delta[0], c.Delta[1], c.Delta[2])
		}
		fmt.Fprintln(w)
	}
	cases("CaseRanges", unicode.CaseRanges)
	if &unicode.AzeriCase[0] != &unicode.TurkishCase[0] {
		fail("AzeriCase is no longer TurkishCase")
	}
	cases("TurkishCase", unicode.TurkishCase)
	w.Flush()
	dat.Close()

	out, err := os.Create(os.Args[3])
	if err != nil {
		fail("%v", err)
	}
	w = bufio.NewWriter(out)
	fmt.Fprintf(w, "// Go's unicode tables by name (Unicode %s), written by tools/gen_unicode (see gen.sh);\n", unicode.Version)
	fmt.Fprintln(w, "// never edit. Each table is built from src/stdlib/natives/unicode.dat when the program")
	fmt.Fprintln(w, "// starts, if the program can reach it (link/prune.rs drops the others).")
	fmt.Fprintln(w, "package unicode")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "// Version is the Unicode edition from which the tables are derived.\nconst Version = %q\n\n", unicode.Version)
	// A variable whose key is its own name holds the table; the others are aliases of it.
	// One declaration each, so that the linker keeps only the tables a program reaches.
	for _, v := range vars {
		if varKey[v] == v {
			fmt.Fprintf(w, "var %s = table(%q)\n", v, v)
		}
	}
	for _, v := range vars {
		if k := varKey[v]; k != v {
			if _, isVar := varKey[k]; !isVar {
				fail("unicode.%s aliases %s, which is no variable", v, k)
			}
			fmt.Fprintf(w, "var %s = %s\n", v, k)
		}
	}
	fmt.Fprintln(w)
	// The fold tables are unexported in Go.
	for _, n := range tables {
		if strings.HasPrefix(n.key, "fold") {
			fmt.Fprintf(w, "var %s = table(%q)\n", n.key, n.key)
		}
	}
	fmt.Fprintln(w)
	for _, g := range groups {
		fmt.Fprintf(w, "var %s = map[string]*RangeTable{\n", g.name)
		for _, k := range sortedKeys(g.m) {
			fmt.Fprintf(w, "\t%q: %s,\n", k, keyOf[g.m[k]])
		}
		fmt.Fprintln(w, "}")
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "var CategoryAliases = map[string]string{")
	for _, k := range sortedKeys(unicode.CategoryAliases) {
		fmt.Fprintf(w, "\t%q: %q,\n", k, unicode.CategoryAliases[k])
	}
	fmt.Fprintln(w, "}")
	list := func(name string, ts []*unicode.RangeTable) {
		fmt.Fprintf(w, "\nvar %s = []*RangeTable{", name)
		for i, t := range ts {
			if i > 0 {
				fmt.Fprint(w, ", ")
			}
			fmt.Fprint(w, keyOf[t])
		}
		fmt.Fprintln(w, "}")
	}
	list("GraphicRanges", unicode.GraphicRanges)
	list("PrintRanges", unicode.PrintRanges)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "var CaseRanges = caseTable(\"CaseRanges\")")
	fmt.Fprintln(w, "var TurkishCase SpecialCase = caseTable(\"TurkishCase\")")
	fmt.Fprintln(w, "var AzeriCase = TurkishCase")
	w.Flush()
	out.Close()
}
