// goapi: the exported API of Go's standard library, for gol's checker (src/stdlib/api/).
// Input: none (the standard library's sources under `go env GOROOT`/src of the toolchain that
// runs it). Output on stdout: one line per exported name, sorted, tab-separated:
//
//	PATH	KIND	NAME	TYPE
//
// KIND is package, const, var, func, type, method or field. NAME is `Name`, or `Type.Name` for
// methods and fields (promoted ones included). TYPE is Go's spelling of the object's type with
// every package named (`*unicode.RangeTable`, `func(a ...any) (n int, err error)`); a type's is
// its underlying type (`struct` and `interface` for those, generic ones prefixed by their type
// parameters); a method's is prefixed by its receiver, `(T)` or `(*T)`; a constant's ends in
// ` = VALUE`. A `package` line lists every importable package, internal and vendored ones too
// (with NAME `-` and TYPE `internal` for those, whose members are not listed).
//
// Regenerate (from the repository root):
//
//	tools/goapi/gen.sh
package main

import (
	"bufio"
	"fmt"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	root := filepath.Join(build.Default.GOROOT, "src")
	var paths []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		base := d.Name()
		if rel != "." && (base == "testdata" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || rel == "cmd" || strings.HasPrefix(rel, "cmd/")) {
			return filepath.SkipDir
		}
		if rel != "." {
			paths = append(paths, rel)
		}
		return nil
	})
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil).(types.ImporterFrom)
	var lines []string
	for _, path := range paths {
		bp, err := build.Default.Import(path, "", 0)
		if err != nil || bp.Name == "main" || len(bp.GoFiles) == 0 || path == "builtin" {
			continue // no package for this platform, a command, a directory of directories, or builtin (documentation only)
		}
		internal := path == "internal" || strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal") || path == "vendor" || strings.HasPrefix(path, "vendor/")
		if internal {
			lines = append(lines, path+"\tpackage\t-\tinternal")
			continue
		}
		var pkg *types.Package
		if path == "unsafe" {
			pkg = types.Unsafe
		} else if pkg, err = imp.ImportFrom(path, root, 0); err != nil {
			fmt.Fprintf(os.Stderr, "goapi: %s: %v\n", path, err)
			os.Exit(1)
		}
		lines = append(lines, path+"\tpackage\t"+pkg.Name()+"\t-")
		lines = append(lines, members(path, pkg)...)
	}
	sort.Strings(lines)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, l := range lines {
		fmt.Fprintln(out, l)
	}
}

// qual names every package by its name, as Go's error messages do.
func qual(p *types.Package) string { return p.Name() }

func typ(t types.Type) string { return types.TypeString(t, qual) }

func members(path string, pkg *types.Package) []string {
	var out []string
	add := func(kind, name, t string) {
		out = append(out, path+"\t"+kind+"\t"+name+"\t"+t)
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if !token.IsExported(name) {
			continue
		}
		switch o := scope.Lookup(name).(type) {
		case *types.Const:
			add("const", name, typ(o.Type())+" = "+o.Val().String())
		case *types.Var:
			add("var", name, typ(o.Type()))
		case *types.Func:
			add("func", name, typ(o.Type()))
		case *types.Builtin:
			add("func", name, "builtin")
		case *types.TypeName:
			if o.IsAlias() {
				add("type", name, "= "+typ(o.Type()))
				continue
			}
			named, ok := o.Type().(*types.Named)
			if !ok {
				add("type", name, typ(o.Type())) // unsafe.Pointer
				continue
			}
			add("type", name, tparams(named)+underlying(named))
			for _, l := range methodsAndFields(named) {
				add(l[0], name+"."+l[1], l[2])
			}
		}
	}
	return out
}

func tparams(n *types.Named) string {
	tp := n.TypeParams()
	if tp.Len() == 0 {
		return ""
	}
	var parts []string
	for i := 0; i < tp.Len(); i++ {
		p := tp.At(i)
		parts = append(parts, p.Obj().Name()+" "+typ(p.Constraint()))
	}
	return "[" + strings.Join(parts, ", ") + "] "
}

func underlying(n *types.Named) string {
	switch u := n.Underlying().(type) {
	case *types.Struct:
		return "struct"
	case *types.Interface:
		return "interface"
	default:
		return typ(u)
	}
}

// methodsAndFields: the exported methods in the method set of *T (T's for an interface), each
// with its receiver, and the exported fields a selector on T reaches (promoted ones included).
func methodsAndFields(n *types.Named) [][3]string {
	var out [][3]string
	tn := n.Obj().Name()
	if tp := n.TypeParams(); tp.Len() > 0 {
		var names []string
		for i := 0; i < tp.Len(); i++ {
			names = append(names, tp.At(i).Obj().Name())
		}
		tn += "[" + strings.Join(names, ", ") + "]"
	}
	_, isIface := n.Underlying().(*types.Interface)
	value := types.NewMethodSet(n)
	all := value
	if !isIface {
		all = types.NewMethodSet(types.NewPointer(n))
	}
	for i := 0; i < all.Len(); i++ {
		m := all.At(i).Obj()
		if !m.Exported() {
			continue
		}
		recv := "(*" + tn + ") "
		if value.Lookup(m.Pkg(), m.Name()) != nil {
			recv = "(" + tn + ") "
		}
		out = append(out, [3]string{"method", m.Name(), recv + typ(m.Type())})
	}
	if _, ok := n.Underlying().(*types.Struct); ok {
		seen := map[string]bool{}
		for _, name := range fieldNames(n.Underlying().(*types.Struct), 0) {
			if seen[name] {
				continue
			}
			seen[name] = true
			o, _, _ := types.LookupFieldOrMethod(n, true, n.Obj().Pkg(), name)
			if v, ok := o.(*types.Var); ok && v.IsField() {
				out = append(out, [3]string{"field", name, typ(v.Type())})
			}
		}
	}
	return out
}

// fieldNames: the exported field names of s and of the structs it embeds.
func fieldNames(s *types.Struct, depth int) []string {
	var names []string
	if depth > 8 {
		return nil
	}
	for i := 0; i < s.NumFields(); i++ {
		f := s.Field(i)
		if f.Exported() {
			names = append(names, f.Name())
		}
		if f.Embedded() {
			t := f.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if inner, ok := t.Underlying().(*types.Struct); ok {
				names = append(names, fieldNames(inner, depth+1)...)
			}
		}
	}
	return names
}
