//! `gol test`'s package assembly: the package's files and its `_test` files (parsed) → one
//! `Source` and one `ast::File` with a generated `main` that runs the tests through package
//! testing's `MainStart`. Also Go's checks on test function signatures.
//!
//! gol runs one package: the files are merged into one file (imports deduplicated, the
//! package renamed `main`), each file's text appended to the `Source` so positions name it.

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::span::Source;

/// One file of the package: its name as positions print it (`./a_test.go`) and text.
pub struct PkgFile {
    pub name: String,
    pub path: std::path::PathBuf,
    pub text: String,
    pub is_test: bool,
}

/// What the generated main lists.
#[derive(Default)]
pub struct Entries {
    pub tests: Vec<String>,
    pub benchmarks: Vec<String>,
    pub fuzz: Vec<String>,
    /// (name, expected output, unordered); examples without an output comment are not run.
    pub examples: Vec<(String, String, bool)>,
    pub test_main: bool,
}

/// A setup error in Go's words: the file's path, line and column, and the message.
pub struct SetupError {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub msg: String,
}

/// Whether `name` is `prefix` followed by nothing or by a character that is not a lower-case
/// letter (Go's rule for Test, Benchmark, Example and Fuzz functions).
fn has_prefix(name: &str, prefix: &str) -> bool {
    match name.strip_prefix(prefix) {
        Some(rest) => rest.chars().next().is_none_or(|c| !c.is_lowercase()),
        None => false,
    }
}

/// `*testing.X` with `testing` the file's name for package testing.
fn is_testing_ptr(e: &Expr, testing: &str, x: &str) -> bool {
    let ExprKind::Star(inner) = &e.kind else {
        return false;
    };
    matches!(&inner.kind, ExprKind::Selector(p, sel)
        if sel.name == x && matches!(&p.kind, ExprKind::Ident(n) if n == testing))
}

/// The name a file gives package testing (None: it does not import it).
fn testing_name(f: &File) -> Option<String> {
    for item in &f.items {
        if let Item::Decl(GenDecl {
            kind: DeclKind::Import(specs),
            ..
        }) = item
        {
            for s in specs {
                if s.path == "testing" {
                    return Some(s.name.as_ref().map_or("testing".into(), |n| n.name.clone()));
                }
            }
        }
    }
    None
}

/// Finds the test functions of a parsed `_test` file, with Go's signature errors.
pub fn collect(
    f: &File,
    file: &PkgFile,
    src: &Source,
    entries: &mut Entries,
) -> Result<(), SetupError> {
    let testing = testing_name(f).unwrap_or_default();
    for item in &f.items {
        let Item::Func(fd) = item else { continue };
        if fd.recv.is_some() {
            continue;
        }
        let name = fd.name.name.as_str();
        let one_param = |x: &str| {
            fd.tparams.is_empty()
                && fd.sig.results.is_empty()
                && fd.sig.params.len() == 1
                && fd.sig.params[0].names.len() <= 1
                && is_testing_ptr(&fd.sig.params[0].ty, &testing, x)
        };
        let err = |want: &str| {
            let (line, col) = src.line_col(fd.span.lo);
            Err(SetupError {
                path: file.path.display().to_string(),
                line,
                col,
                msg: format!("wrong signature for {name}, must be: func {name}({want})"),
            })
        };
        if name == "TestMain" && one_param("M") {
            entries.test_main = true;
        } else if has_prefix(name, "Test") {
            if !one_param("T") {
                return err("t *testing.T");
            }
            entries.tests.push(name.to_string());
        } else if has_prefix(name, "Benchmark") {
            if !one_param("B") {
                return err("b *testing.B");
            }
            entries.benchmarks.push(name.to_string());
        } else if has_prefix(name, "Fuzz") {
            if !one_param("F") {
                return err("f *testing.F");
            }
            entries.fuzz.push(name.to_string());
        } else if has_prefix(name, "Example") {
            if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() || !fd.tparams.is_empty() {
                return err("");
            }
            if let Some(body) = &fd.body {
                let text = &src.text[body.span.range()];
                if let Some((out, unordered)) = output_comment(text) {
                    entries.examples.push((name.to_string(), out, unordered));
                }
            }
        }
    }
    Ok(())
}

/// The expected output of an example body: the text of its last comment group when that
/// starts with `Output:` or `Unordered output:` (case-insensitive, as Go's go/doc reads it).
fn output_comment(body: &str) -> Option<(String, bool)> {
    // The last run of `//` lines before the closing brace.
    let lines: Vec<&str> = body.lines().collect();
    let mut end = lines.len();
    while end > 0 {
        let l = lines[end - 1].trim();
        if l.is_empty() || l == "}" {
            end -= 1;
        } else {
            break;
        }
    }
    let mut start = end;
    while start > 0 && lines[start - 1].trim_start().starts_with("//") {
        start -= 1;
    }
    if start == end {
        return None;
    }
    let texts: Vec<&str> = lines[start..end]
        .iter()
        .map(|l| {
            let t = l.trim_start().trim_start_matches("//");
            t.strip_prefix(' ').unwrap_or(t)
        })
        .collect();
    let first = texts[0].trim_start();
    let lower = first.to_ascii_lowercase();
    let (rest, unordered) = if lower.starts_with("unordered output:") {
        (&first["unordered output:".len()..], true)
    } else if lower.starts_with("output:") {
        (&first["output:".len()..], false)
    } else {
        return None;
    };
    let mut out = String::from(rest.trim_start());
    for t in &texts[1..] {
        out.push('\n');
        out.push_str(t);
    }
    Some((out, unordered))
}

/// Go's quoting of a string literal (enough for example outputs: escapes `"` `\` and
/// control characters).
fn quote(s: &str) -> String {
    let mut q = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            '\r' => q.push_str("\\r"),
            c if (c as u32) < 0x20 => q.push_str(&format!("\\x{:02x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The generated test main (Go's `_testmain.go`, in gol's one-package form).
pub fn test_main(e: &Entries) -> String {
    let mut s = String::from("package main\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\n");
    s.push_str("func main() {\n\tm := testing.MainStart(nil,\n\t\t[]testing.InternalTest{\n");
    for t in &e.tests {
        s.push_str(&format!("\t\t\t{{Name: {}, F: {t}}},\n", quote(t)));
    }
    s.push_str("\t\t},\n\t\t[]testing.InternalBenchmark{\n");
    for b in &e.benchmarks {
        s.push_str(&format!("\t\t\t{{Name: {}, F: {b}}},\n", quote(b)));
    }
    s.push_str("\t\t},\n\t\t[]testing.InternalFuzzTarget{\n");
    for f in &e.fuzz {
        s.push_str(&format!("\t\t\t{{Name: {}, Fn: {f}}},\n", quote(f)));
    }
    s.push_str("\t\t},\n\t\t[]testing.InternalExample{\n");
    for (n, out, unordered) in &e.examples {
        s.push_str(&format!(
            "\t\t\t{{Name: {}, F: {n}, Output: {}, Unordered: {unordered}}},\n",
            quote(n),
            quote(out)
        ));
    }
    s.push_str("\t\t},\n\t)\n");
    if e.test_main {
        s.push_str("\tTestMain(m)\n\tos.Exit(m.exitCode)\n}\n");
    } else {
        s.push_str("\tos.Exit(m.Run())\n}\n");
    }
    s
}

/// Parses the files into one `Source` and merged `File` (package `main`, imports once).
/// Syntax errors are returned as diagnostics.
pub fn assemble(files: &[PkgFile]) -> (Source, Option<File>, Vec<Diagnostic>) {
    let mut src = Source::new(files[0].name.clone(), files[0].text.clone());
    let mut diags = Vec::new();
    let mut merged = File {
        package: None,
        items: Vec::new(),
        linked_imports: Vec::new(),
    };
    let mut imports: Vec<ImportSpec> = Vec::new();
    let mut import_span = None;
    let mut ok = true;
    for (i, f) in files.iter().enumerate() {
        let base = if i == 0 {
            0
        } else {
            src.append(&f.name, &f.text)
        };
        let padded = format!("{}{}", " ".repeat(base), f.text);
        let p = crate::parser::parse(&padded);
        if p.diags
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
        {
            ok = false;
        }
        diags.extend(p.diags);
        let Some(file) = p.file else {
            ok = false;
            continue;
        };
        if merged.package.is_none() {
            merged.package = file.package.clone().map(|p| Ident {
                name: "main".into(),
                span: p.span,
            });
        }
        for item in file.items {
            match item {
                Item::Decl(GenDecl {
                    kind: DeclKind::Import(specs),
                    span,
                }) => {
                    import_span.get_or_insert(span);
                    for s in specs {
                        let dup = imports.iter().any(|o| {
                            o.path == s.path
                                && o.name.as_ref().map(|n| &n.name)
                                    == s.name.as_ref().map(|n| &n.name)
                        });
                        if !dup {
                            imports.push(s);
                        }
                    }
                }
                other => merged.items.push(other),
            }
        }
    }
    if let Some(span) = import_span {
        merged.items.insert(
            0,
            Item::Decl(GenDecl {
                kind: DeclKind::Import(imports),
                span,
            }),
        );
    }
    (src, ok.then_some(merged), diags)
}
