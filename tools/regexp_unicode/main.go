package main

import (
	"fmt"
	"sort"
	"unicode"
)

func ranges(t *unicode.RangeTable) string {
	s := "&["
	for _, r := range t.R16 {
		s += fmt.Sprintf("(0x%X,0x%X,%d),", r.Lo, r.Hi, r.Stride)
	}
	for _, r := range t.R32 {
		s += fmt.Sprintf("(0x%X,0x%X,%d),", r.Lo, r.Hi, r.Stride)
	}
	return s + "]"
}

func emit(name string, m map[string]*unicode.RangeTable) {
	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Printf("/// Go's `unicode.%s`, sorted by name: (name, [(lo, hi, stride)]).\n", name)
	fmt.Printf("#[rustfmt::skip]\npub(super) static %s: &[(&str, Table)] = &[\n", map[string]string{"Categories": "CATEGORIES", "Scripts": "SCRIPTS", "FoldCategory": "FOLD_CATEGORY", "FoldScript": "FOLD_SCRIPT"}[name])
	for _, k := range keys {
		fmt.Printf("    (%q, %s),\n", k, ranges(m[k]))
	}
	fmt.Printf("];\n\n")
}

func main() {
	fmt.Println("//! Unicode tables for regexp's `\\p{...}` classes, printed from Go's `unicode` package by")
	fmt.Println("//! `tools/regexp_unicode.go` (generated; do not edit): every category and script, the")
	fmt.Println("//! case-fold extras Go adds under `(?i)`, and the category aliases.")
	fmt.Println()
	fmt.Println("/// Ranges as Go's `unicode.RangeTable` holds them: (lo, hi, stride).")
	fmt.Println("pub(super) type Table = &'static [(u32, u32, u32)];")
	fmt.Println()
	emit("Categories", unicode.Categories)
	emit("Scripts", unicode.Scripts)
	emit("FoldCategory", unicode.FoldCategory)
	emit("FoldScript", unicode.FoldScript)
	keys := []string{}
	for k := range unicode.CategoryAliases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("/// Go's `unicode.CategoryAliases`: (alias, category).")
	fmt.Println("pub(super) static CATEGORY_ALIASES: &[(&str, &str)] = &[")
	for _, k := range keys {
		fmt.Printf("    (%q, %q),\n", k, unicode.CategoryAliases[k])
	}
	fmt.Println("];")
	fmt.Println()
	fmt.Printf("/// Go's `unicode.Cn` (unassigned code points).\n#[rustfmt::skip]\npub(super) static CN: Table = %s;\n", ranges(unicode.Cn))
}
