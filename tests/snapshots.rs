//! insta snapshots of the internal forms: token streams (inserted semicolons visible), ASTs of
//! representative programs, and rendered diagnostics (Go's line + the ariadne picture) for every
//! syntax error test. Regenerate after an intended change with
//! `INSTA_UPDATE=always cargo test --test snapshots` and review the diff (or `cargo insta review`).

use gol::diag::render::{render_all, Style};
use gol::span::Source;
use std::path::Path;

fn source(path: &Path) -> Source {
    let text = std::fs::read_to_string(path).expect("readable test input");
    // A stable, machine-independent name in the rendered output.
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    Source::new(name, text)
}

#[test]
fn tokens() {
    insta::glob!("inputs/*.gol", |path| {
        let src = source(path);
        insta::assert_snapshot!(gol::driver::dump_tokens(&src));
    });
}

#[test]
fn syntax_error_diagnostics() {
    insta::glob!("programs/syntax/*.gol", |path| {
        let src = source(path);
        let parsed = gol::parser::parse(&src.text);
        assert!(!parsed.diags.is_empty(), "{} must have errors", src.name);
        insta::assert_snapshot!(render_all(&src, &parsed.diags, Style::PICTURE));
    });
}

/// Representative programs across the grammar: declarations, generics, statements, select,
/// composite literals, closures and channel types.
const AST_PROGRAMS: &[&str] = &[
    "programs/lang/basics/decl_groups.gol",
    "programs/lang/basics/parens_conversions.gol",
    "programs/lang/generics/generic_syntax.gol",
    "programs/lang/control/switch_forms.gol",
    "programs/lang/structs/embedding.gol",
    "programs/lang/funcs/closures.gol",
    "programs/conc/select/default_nonblocking.gol",
    "programs/conc/chan/directional.gol",
    "programs/notes/001_directions.gol",
    "programs/lang/control/type_switch.gol",
    "programs/lang/control/labels.gol",
];

#[test]
fn asts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for rel in AST_PROGRAMS {
        let path = root.join(rel);
        if !path.exists() {
            panic!("AST snapshot input {rel} is missing: update AST_PROGRAMS");
        }
        let src = source(&path);
        let parsed = gol::parser::parse(&src.text);
        let file = parsed
            .file
            .unwrap_or_else(|| panic!("{rel} must parse: {:?}", parsed.diags));
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, gol::printer::print_file(&src, &file));
    }
}

/// Compiled bytecode of representative programs (the `main.` functions: the listing format is a
/// contract, and a change in the compiler's output should be seen and reviewed).
const DISASM_PROGRAMS: &[&str] = &[
    "programs/lang/funcs/defer_order.gol",
    "programs/lang/control/labels.gol",
    "programs/conc/select/default_nonblocking.gol",
    "programs/lang/methods/method_chaining.gol",
];

#[test]
fn disassembly() {
    for rel in DISASM_PROGRAMS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(rel);
        let mut src = source(&path);
        let (prog, diags) = gol::driver::build(&mut src, Vec::new());
        let prog = prog.unwrap_or_else(|| panic!("{rel} compiles: {diags:?}"));
        let listing = gol::bytecode::disasm::disasm(&prog);
        // Only the program's own functions (not the library's wrappers).
        let mine: Vec<&str> = listing
            .split("\n\n")
            .filter(|f| f.starts_with("func main."))
            .collect();
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("disasm_{name}"), mine.join("\n\n"));
    }
}

/// Type errors as rendered (Go's line + the picture), for every program of one area.
#[test]
fn type_error_diagnostics() {
    insta::glob!("programs/types/decl/*.gol", |path| {
        let mut src = source(path);
        let (ok, diags) = gol::driver::check(&mut src, Vec::new());
        assert!(!ok, "{} must have errors", src.name);
        insta::assert_snapshot!(render_all(&src, &diags, Style::PICTURE));
    });
}
