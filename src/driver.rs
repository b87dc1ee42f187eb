//! CLI/REPL glue: loads a source, runs the stages in order and turns their Diagnostics into text
//! and an exit status. No language logic of its own.

use crate::diag::render::{self, Style};
use crate::diag::{codes, Diagnostic, Severity};
use crate::lexer::{self, SemiKind, Tok};
use crate::parser;
use crate::span::{Source, Span, MAX_SOURCE_LEN};
use std::io::{Read, Write};

/// Exit statuses, as Go's toolchain and runtime use them.
pub const EXIT_COMPILE_ERROR: i32 = 1;

/// Loads `path` (`-` is stdin). Invalid UTF-8 is replaced and reported, as Go reports it.
pub fn load(path: &str) -> Result<(Source, Vec<Diagnostic>), String> {
    let mut bytes = Vec::new();
    let name = if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("reading stdin: {e}"))?;
        "<stdin>".to_string()
    } else if std::path::Path::new(path).is_dir() {
        // `go run DIR` runs the package in DIR: here, its one `.gol` file.
        let mut files: Vec<String> = std::fs::read_dir(path)
            .map_err(|e| format!("open {path}: {}", io_reason(&e)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "gol" || x == "go"))
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        files.sort();
        match files.as_slice() {
            [] => return Err(format!("no Go files in {path}")),
            [one] => return load(one),
            _ => {
                return Err(format!(
                    "{path}: {} files ({}); gol runs a program of one file: name the file",
                    files.len(),
                    files.join(", ")
                ))
            }
        }
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("open {path}: {}", io_reason(&e)))?;
        path.to_string()
    };
    if bytes.len() > MAX_SOURCE_LEN {
        return Err(format!("{name}: file too large ({} bytes)", bytes.len()));
    }
    let mut diags = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            diags.push(Diagnostic::error(
                codes::BAD_UTF8,
                Span::new(at, at + 1),
                "invalid UTF-8 encoding",
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    Ok((Source::new(name, text), diags))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        // Go's wording (the OS's text), without Rust's `(os error N)`.
        _ => {
            let t = e.to_string();
            let t = t.split(" (os error").next().unwrap_or(&t);
            let mut c = t.chars();
            c.next()
                .map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
        }
    }
}

/// Whether stderr is a terminal: the ariadne picture is only drawn for people, not for pipes.
pub fn stderr_style() -> Style {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        Style {
            picture: true,
            color: std::env::var_os("NO_COLOR").is_none(),
        }
    } else {
        Style::PLAIN
    }
}

/// Prints diagnostics to stderr; returns whether any was an error.
pub fn report(src: &Source, diags: &[Diagnostic]) -> bool {
    let text = render::render_all(src, diags, stderr_style());
    let _ = std::io::stderr().write_all(text.as_bytes());
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Lexes and parses; returns the file if there were no errors.
pub fn parse(
    src: &Source,
    mut diags: Vec<Diagnostic>,
) -> (Option<crate::ast::File>, Vec<Diagnostic>) {
    let parsed = parser::parse(&src.text);
    diags.extend(parsed.diags);
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    (parsed.file.filter(|_| ok), diags)
}

/// Parses and type-checks (as far as the checker is built); returns whether the program is
/// free of errors, with every diagnostic in source order.
pub fn check(src: &mut Source, diags: Vec<Diagnostic>) -> (bool, Vec<Diagnostic>) {
    let (file, mut diags) = parse(src, diags);
    let Some(mut file) = file else {
        return (false, diags);
    };
    diags.extend(crate::link::link(&mut file, src));
    let checked = crate::types::check(&file, src);
    diags.extend(checked.diags);
    diags.sort_by_key(|d| d.span().lo);
    let mut ok = !diags.iter().any(|d| d.severity == Severity::Error);
    if ok && !checked.info.limits.is_empty() {
        // What gol lacks, once the program is valid Go (types/stdapi.rs).
        diags.extend(checked.info.limits);
        ok = false;
    }
    (ok, diags)
}

/// `gol tokens`: one token per line, `LINE:COL kind text`; inserted semicolons say why.
pub fn dump_tokens(src: &Source) -> String {
    let lexed = lexer::lex(&src.text);
    let mut out = String::new();
    for (lo, tok, hi) in &lexed.tokens {
        let (l, c) = src.line_col(*lo as u32);
        let text = &src.text[*lo..(*hi).min(src.text.len())];
        let desc = match tok {
            Tok::Semi(SemiKind::Newline) => "; (inserted: newline)".to_string(),
            Tok::Semi(SemiKind::Eof) => "; (inserted: EOF)".to_string(),
            Tok::Ident(_) => format!("name {text}"),
            Tok::Number(k) => {
                format!("{k:?} {text}")
                    .to_lowercase()
                    .replacen(&text.to_lowercase(), text, 1)
            }
            Tok::Rune => format!("rune {text}"),
            Tok::Str | Tok::RawStr => format!("string {text}"),
            t if t.is_keyword() => format!("keyword {text}"),
            _ => format!("op {text}"),
        };
        out.push_str(&format!("{l}:{c} {desc}\n"));
    }
    out
}

/// Parses, checks and compiles: the program, or the diagnostics that stop it (reported by the
/// caller; warnings are returned either way).
pub fn build(
    src: &mut Source,
    diags: Vec<Diagnostic>,
) -> (Option<crate::bytecode::Program>, Vec<Diagnostic>) {
    let (file, mut diags) = parse(src, diags);
    let Some(mut file) = file else {
        return (None, diags);
    };
    diags.extend(crate::link::link(&mut file, src));
    let checked = crate::types::check(&file, src);
    diags.extend(checked.diags);
    diags.sort_by_key(|d| d.span().lo);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return (None, diags);
    }
    if !checked.info.limits.is_empty() {
        // What gol lacks, once the program is valid Go (types/stdapi.rs).
        diags.extend(checked.info.limits);
        return (None, diags);
    }
    match crate::compiler::compile(&file, &checked.info, checked.types, &checked.std, src) {
        Ok(p) => (Some(p), diags),
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}

/// `go run`'s checks on a file that has a package clause: it must be package `main` and declare
/// `func main` (Go's messages, exit 1). A file without a package clause is a script.
pub fn main_package_error(src: &Source) -> Option<String> {
    let parsed = parser::parse(&src.text);
    let file = parsed.file?;
    let pkg = file.package.as_ref()?;
    if pkg.name != "main" {
        return Some("package command-line-arguments is not a main package".into());
    }
    let has_main = file.items.iter().any(
        |i| matches!(i, crate::ast::Item::Func(f) if f.recv.is_none() && f.name.name == "main"),
    );
    (!has_main).then(|| {
        // (Go's `# command-line-arguments` header is left out, as for compile errors.)
        "runtime.main_main·f: function main is undeclared in the main package".into()
    })
}

/// Runs a compiled program to its end: the process exit status (0; 2 for an unrecovered panic,
/// a fatal error or a deadlock, with Go's report on stderr; n for `os.Exit(n)`).
pub fn execute(prog: crate::bytecode::Program, args: Vec<String>) -> i32 {
    match crate::vm::verify::Verified::new(prog) {
        Ok(prog) => crate::runtime::sched::run_program(prog, args),
        Err(e) => {
            eprintln!("gol: internal error: invalid bytecode: {e}");
            3
        }
    }
}

/// `gol std [PACKAGE]`: how much of Go's standard library gol implements (types/stdapi.rs
/// decides, with the checker's own tables). Without a package: one line per package, those gol
/// provides first; with one: its implemented and missing names. The text and the exit status.
pub fn std_report(package: Option<&str>) -> (String, i32) {
    use std::fmt::Write;
    let cov = crate::types::coverage();
    let version = crate::stdlib::api::go_version();
    let mut out = String::new();
    let Some(path) = package else {
        let _ = writeln!(
            out,
            "gol implements these of Go's exported names ({version}; methods count, struct \
             fields do not). `gol std PACKAGE` lists them.\n"
        );
        let (mut imp, mut all) = (0, 0);
        let (has, lacks): (Vec<_>, Vec<_>) = cov
            .iter()
            .partition(|c| crate::types::gol_has_package(c.path));
        for c in has.iter().chain(lacks.iter()) {
            let (i, n) = (c.implemented.len(), c.implemented.len() + c.missing.len());
            imp += i;
            all += n;
            let pct = (i * 100).checked_div(n).unwrap_or(100);
            let _ = writeln!(out, "{:<28} {i:>5}/{n:<5} {pct:>3}%", c.path);
        }
        let _ = writeln!(
            out,
            "\n{} of {} packages, {imp} of {all} names",
            has.len(),
            cov.len()
        );
        return (out, 0);
    };
    let Some(c) = cov.iter().find(|c| c.path == path) else {
        return (format!("gol: {path:?} is not a standard package\n"), 1);
    };
    let n = c.implemented.len() + c.missing.len();
    let _ = writeln!(
        out,
        "{path}: gol implements {} of Go's {n} exported names ({version})",
        c.implemented.len()
    );
    for (title, list) in [("implemented", &c.implemented), ("missing", &c.missing)] {
        let _ = writeln!(out, "\n{title} ({}):", list.len());
        for e in list.iter() {
            let _ = writeln!(out, "  {:<6} {:<32} {}", e.kind.word(), e.name, e.ty);
        }
    }
    (out, 0)
}
