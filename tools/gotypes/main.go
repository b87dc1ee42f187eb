// gotypes: Go's own type checker (go/types, with the standard library from source) over many
// files, for gol's differential fuzzer (tools/difffuzz.py). Input: file paths on stdin, one per
// line. Output: one line per file, `ok` or `err LINE:COL: message` (the first error in source
// order), in input order. One process checks thousands of files: imported packages are
// type-checked once and cached by the source importer.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"
)

func main() {
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		path := strings.TrimSpace(in.Text())
		if path == "" {
			continue
		}
		fmt.Fprintln(out, check(fset, imp, path))
		out.Flush()
	}
}

func check(fset *token.FileSet, imp types.Importer, path string) string {
	src, err := os.ReadFile(path)
	if err != nil {
		return "err 0:0: " + err.Error()
	}
	f, err := parser.ParseFile(fset, path, src, parser.AllErrors|parser.SkipObjectResolution)
	if err != nil {
		return "err " + strip(err.Error())
	}
	var errs []types.Error
	conf := types.Config{
		Importer: imp,
		Error: func(e error) {
			if te, ok := e.(types.Error); ok {
				errs = append(errs, te)
			}
		},
	}
	conf.Check("main", fset, []*ast.File{f}, nil)
	if len(errs) == 0 {
		return "ok"
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos < errs[j].Pos })
	p := fset.Position(errs[0].Pos)
	return fmt.Sprintf("err %d:%d: %s", p.Line, p.Column, firstLine(errs[0].Msg))
}

// strip removes the file name from a parser error (`path:3:4: msg` -> `3:4: msg`).
func strip(s string) string {
	s = firstLine(s)
	if i := strings.Index(s, ".gol:"); i >= 0 {
		return s[i+5:]
	}
	if i := strings.Index(s, ".go:"); i >= 0 {
		return s[i+4:]
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
