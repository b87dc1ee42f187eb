//! The front end never panics, hangs or overflows the stack, whatever the input: random bytes,
//! corpus programs with random edits, and pathological shapes (deep nesting, 1 MB lines). Every
//! diagnostic must also render (ariadne with arbitrary spans), every tree must print, and the type
//! checker must take every tree the parser accepts.
//! A coverage-guided libFuzzer target for longer runs lives in fuzz/ (see fuzz/README.md).

use gol::diag::render::{render_all, Style};
use gol::span::Source;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Runs the whole front end the way the CLI does: on a thread with the CLI's large stack.
fn front_end(text: String) {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let src = Source::new("fuzz.gol", text);
            let parsed = gol::parser::parse(&src.text);
            let _ = render_all(&src, &parsed.diags, Style::PICTURE);
            let _ = gol::driver::dump_tokens(&src);
            if let Some(f) = &parsed.file {
                let _ = gol::printer::print_file(&src, f);
                // The checker must take any tree the parser accepts.
                let checked = gol::types::check(f, &src);
                let _ = render_all(&src, &checked.diags, Style::PICTURE);
            }
        })
        .expect("spawn")
        .join()
        .expect("the front end panicked");
}

fn corpus() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "gol") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs"),
        &mut files,
    );
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// Fragments that stress the lexer and parser when spliced into valid programs.
const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    ",",
    "\n",
    "func",
    "go",
    "select",
    ":=",
    "<-",
    "...",
    "\"",
    "'",
    "`",
    "/*",
    "*/",
    "//",
    ".",
    "0x",
    "1e",
    "_",
    "case",
    "default:",
    "chan<-",
    "interface{",
    "struct{",
    "map[",
    "if x {",
    "} else",
    "type T[P any]",
    "€",
    "\u{FEFF}",
    "\0",
    "\\",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, usize),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let n = b.len().max(1);
        match *e {
            Edit::Delete(at, len) => {
                let at = at % n;
                let end = (at + len % 64).min(b.len());
                b.drain(at.min(b.len())..end);
            }
            Edit::Duplicate(at, len) => {
                let at = (at % n).min(b.len());
                let end = (at + len % 64).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            Edit::Insert(at, which) => {
                let at = (at % n).min(b.len());
                let piece = PIECES[which % PIECES.len()].as_bytes().to_vec();
                b.splice(at..at, piece);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Duplicate(a, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, w)| Edit::Insert(a, w)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        front_end(String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn random_tokens(pieces in proptest::collection::vec(0..PIECES.len(), 0..200)) {
        front_end(pieces.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" "));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_corpus(which in any::<usize>(), edits in proptest::collection::vec(edit(), 1..6)) {
        thread_local! { static CORPUS: Vec<String> = corpus(); }
        let text = CORPUS.with(|c| c[which % c.len()].clone());
        front_end(apply(&text, &edits));
    }
}

fn expect_error(text: String, needle: &str) {
    let src = Source::new("big.gol", text);
    let needle = needle.to_string();
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let parsed = gol::parser::parse(&src.text);
            let all = render_all(&src, &parsed.diags, Style::PLAIN);
            assert!(
                all.contains(&needle),
                "expected {needle:?} in:\n{}",
                &all[..all.len().min(500)]
            );
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn pathological_inputs_get_diagnostics() {
    let mb = 1 << 20;
    expect_error(
        format!(
            "package main\nvar x = {}1{}\n",
            "(".repeat(200_000),
            ")".repeat(200_000)
        ),
        "nesting too deep",
    );
    expect_error(
        format!("package main\nfunc main() {{ _ = {}x }}\n", "!".repeat(mb)),
        "too deeply nested",
    );
    expect_error(
        format!("package main\nvar x = {}1\n", "1+".repeat(mb / 2)),
        "too deeply nested",
    );
    expect_error(
        format!("package main\nvar x = {}\n", "a.".repeat(mb / 2)),
        "too deeply nested",
    );
    expect_error(
        format!("package main\nvar s = \"{}\n", "x".repeat(mb)),
        "newline in string",
    );
    expect_error(
        format!("package main\nvar t {}int\n", "[]".repeat(mb / 2)),
        "too deeply nested",
    );
    expect_error("{".repeat(mb), "nesting too deep");
}

#[test]
fn long_valid_inputs_parse() {
    let src = format!(
        "package main\nvar s = \"{}\"\nvar x = {}1\nvar t = []int{{{}}}\n",
        "y".repeat(1 << 20),
        "1+".repeat(20_000),
        "7, ".repeat(200_000)
    );
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let parsed = gol::parser::parse(&src);
            assert!(parsed.diags.is_empty(), "{:?}", parsed.diags.first());
            assert!(parsed.file.is_some());
        })
        .unwrap()
        .join()
        .unwrap();
}

/// The parser moves `Expr` and `Stmt` values through its stack all the time: keep them small by
/// boxing large variants (measured: unboxed, `Stmt` was 336 bytes and parsing ran at 7 MB/s).
#[test]
fn syntax_tree_nodes_stay_small() {
    assert!(
        std::mem::size_of::<gol::ast::Expr>() <= 64,
        "Expr is {} bytes",
        std::mem::size_of::<gol::ast::Expr>()
    );
    assert!(
        std::mem::size_of::<gol::ast::Stmt>() <= 80,
        "Stmt is {} bytes",
        std::mem::size_of::<gol::ast::Stmt>()
    );
}
