//! ONE harness for the test programs: walks tests/programs/**.gol and examples/*.gol, obeys each file's directive
//! (see tests/README.md) and compares what the `gol` binary does with the expectations written in
//! the file. Adding a test means adding a file. Prints one line per failure and a closing
//! `programs: N passed, M failed`; exits non-zero if anything failed.
//!
//! What `// run` checks grows with the implementation: until the compiler and VM exist
//! (issue 3), a `// run` file must pass `gol check` (lex + parse); the expected output is
//! still verified against real Go by tests/oracle.py.
//!
//! Arguments: optional substrings; only files whose path contains one of them run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

#[path = "support/spec.rs"]
mod spec;
use spec::{Directive, Spec};

const GOL: &str = env!("CARGO_BIN_EXE_gol");

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    // The test programs, and the examples (each also a test: its expected output is committed).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // GOL_TEST_ROOTS (space-separated, relative to the crate) runs other folders instead, e.g. the
    // tests waiting in tests/pending while a stage is being built.
    match std::env::var("GOL_TEST_ROOTS") {
        Ok(roots) => roots
            .split_whitespace()
            .for_each(|r| collect(&root.join(r), &mut files)),
        Err(_) => {
            collect(&root.join("tests/programs"), &mut files);
            collect(&root.join("examples"), &mut files);
        }
    }
    files.sort();
    files.retain(|f| {
        filters.is_empty()
            || filters
                .iter()
                .any(|p| f.to_string_lossy().contains(p.as_str()))
    });

    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if let Err(why) = run_one(path) {
                    let rel = path
                        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                        .unwrap_or(path);
                    failures.lock().unwrap().push(format!(
                        "FAIL {}\n{}",
                        rel.display(),
                        indent(&why)
                    ));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    for f in &failures {
        println!("{f}");
    }
    println!(
        "programs: {} passed, {} failed",
        files.len() - failures.len(),
        failures.len()
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "gol") {
            out.push(p);
        }
    }
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {l}\n")).collect()
}

fn run_one(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let spec = Spec::parse(&text)?;
    match spec.directive {
        Directive::Run => {
            let out = Command::new(GOL)
                .arg("check")
                .arg(path)
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(format!(
                    "gol check failed:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            Ok(())
        }
        Directive::ErrorCheck => {
            let out = Command::new(GOL)
                .arg("check")
                .arg(path)
                .output()
                .map_err(|e| e.to_string())?;
            if out.status.code() != Some(1) {
                return Err(format!(
                    "expected exit status 1, got {:?}",
                    out.status.code()
                ));
            }
            let stderr = String::from_utf8_lossy(&out.stderr);
            spec.match_errors(&stderr)
        }
    }
}
