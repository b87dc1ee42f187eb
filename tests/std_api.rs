//! Keeps `gol std`'s counts honest. Input: what the checker's tables implement of Go's standard
//! library (`gol::types::coverage`, the same answer `gol std` prints) and the text of every
//! program under `tests/` (`.gol` files, and the `.go` packages of `tests/gotest/`). Output: a failure naming each implemented name no test program uses
//! (`pkg.Name` in a file that imports the package, or a script; `.Method` for methods), so an
//! implemented name is one some program runs. `tests/std_api_unused.txt` lists the exceptions
//! (one `path name` a line, each with its reason); an exception that is used now is a failure too.

use std::collections::BTreeSet;
use std::path::Path;

fn gol_files(dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            gol_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "gol" || e == "go") {
            out.push(std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
}

/// Whether `text` contains `needle` not followed by an identifier character.
fn mentions(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        !text[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Whether a program of `files` uses name `e` of package `path` (package name `pkg`).
fn used(files: &[(String, bool)], path: &str, pkg: &str, e: &gol::stdlib::api::Entry) -> bool {
    use gol::stdlib::api::Kind;
    let quoted = format!("\"{path}\"");
    files
        .iter()
        .filter(|(text, script)| *script || text.contains(&quoted))
        .any(|(text, _)| match e.kind {
            Kind::Method | Kind::Field => {
                let m = e.name.split_once('.').map_or(e.name, |(_, m)| m);
                mentions(text, &format!(".{m}"))
            }
            _ => mentions(text, &format!("{pkg}.{}", e.name)),
        })
}

#[test]
fn every_implemented_name_is_used_by_a_test_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    gol_files(&root.join("tests"), &mut texts);
    let files: Vec<(String, bool)> = texts
        .into_iter()
        .map(|t| {
            let script = !t.lines().any(|l| l.starts_with("package "));
            (t, script)
        })
        .collect();
    let exceptions: BTreeSet<String> =
        std::fs::read_to_string(root.join("tests/std_api_unused.txt"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut w = l.split_whitespace();
                Some(format!("{} {}", w.next()?, w.next()?))
            })
            .collect();
    let mut unused = Vec::new();
    let mut stale = Vec::new();
    let mut total = 0;
    for c in gol::types::coverage() {
        let pkg = gol::stdlib::api::package(c.path).map_or("", |p| p.name);
        for e in &c.implemented {
            total += 1;
            let key = format!("{} {}", c.path, e.name);
            match (used(&files, c.path, pkg, e), exceptions.contains(&key)) {
                (false, false) => unused.push(key),
                (true, true) => stale.push(key),
                _ => {}
            }
        }
    }
    assert!(
        total > 500,
        "only {total} implemented names: coverage is broken"
    );
    assert!(
        unused.is_empty(),
        "{} implemented names no program under tests/ uses (add a test program, or list them \
         in tests/std_api_unused.txt with a reason):\n{}",
        unused.len(),
        unused.join("\n")
    );
    assert!(
        stale.is_empty(),
        "used now, remove from tests/std_api_unused.txt:\n{}",
        stale.join("\n")
    );
}

/// `gol run` on `text` (a file written to a temporary folder): exit status and the first
/// stderr line with the file's path cut off (`LINE:COL: message`).
fn run(name: &str, text: &str) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("gol-std-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gol"))
        .arg("run")
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap_or("");
    let shown = first.split_once(".gol:").map_or(first, |(_, rest)| rest);
    (out.status.code(), shown.to_string())
}

#[test]
fn std_names_are_reported_at_gos_positions() {
    let cases = [
        // Go reports an undefined member at its name.
        (
            "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Prinln(\"hi\")\n}\n",
            "6:6: undefined: fmt.Prinln",
        ),
        (
            "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.Exitt(1)\n}\n",
            "6:5: undefined: os.Exitt",
        ),
        // gol's limits are at the start of the selector, or at the import's path.
        (
            "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.StartProcess(\"x\", nil, nil)\n}\n",
            "6:2: os.StartProcess is not implemented in gol yet",
        ),
        (
            "package main\n\nimport \"encoding/xml\"\n\nfunc main() {\n\txml.Marshal(1)\n\txml.Unmarshal(nil, nil)\n}\n",
            "3:8: package \"encoding/xml\" is not implemented in gol yet (this program uses xml.Marshal, xml.Unmarshal)",
        ),
        (
            "package main\n\nimport \"foo/bar\"\n\nfunc main() {\n\tbar.X()\n}\n",
            "3:8: package foo/bar is not in std ($GOROOT/src/foo/bar)",
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let (code, first) = run(&format!("case{i}.gol"), text);
        assert_eq!(code, Some(1), "case {i}: exit status");
        assert_eq!(&first, want, "case {i}");
    }
}

#[test]
fn gol_std_lists_a_package() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gol"))
        .args(["std", "os"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let (implemented, missing) = text.split_once("\nmissing").expect("two lists");
    assert!(implemented.contains(" Getenv "), "{text}");
    assert!(missing.contains(" StartProcess "), "{text}");
    let all = std::process::Command::new(env!("CARGO_BIN_EXE_gol"))
        .arg("std")
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&all.stdout);
    assert!(all.lines().any(|l| l.starts_with("strings ")), "{all}");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_gol"))
        .args(["std", "no/such"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
}
