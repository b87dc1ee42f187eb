//! REPL tests. Pipe mode: each `tests/repl/NAME.in` is fed to `gol` on stdin; stdout and stderr
//! must equal `NAME.stdout` and `NAME.stderr` exactly (missing file: empty), and the exit status
//! the first line's `// exit: N` (default 0). `GOL_BLESS=1 cargo test --test repl` rewrites the
//! expectations from what gol prints (review the diff before committing).
//! Terminal mode: a real pseudo-terminal session (rexpect) with prompts, continuation, history,
//! completion, Ctrl-C and a deadlock and a panic the session survives.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const GOL: &str = env!("CARGO_BIN_EXE_gol");

fn run_piped(input: &str) -> (String, String, i32) {
    let mut child = Command::new(GOL)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gol runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("gol ends");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn piped_sessions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/repl");
    let bless = std::env::var_os("GOL_BLESS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/repl")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "in"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut failures = Vec::new();
    for path in names {
        let input = std::fs::read_to_string(&path).expect("read input");
        let want_exit = input
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// exit: "))
            .and_then(|l| l.split_whitespace().next())
            .map_or(0, |n| n.parse().expect("exit status"));
        let (out, err, code) = run_piped(&input);
        let expect = |ext: &str| std::fs::read_to_string(path.with_extension(ext)).unwrap_or_default();
        if bless {
            for (ext, text) in [("stdout", &out), ("stderr", &err)] {
                let p = path.with_extension(ext);
                if text.is_empty() {
                    let _ = std::fs::remove_file(p);
                } else {
                    std::fs::write(p, text).expect("bless");
                }
            }
        } else {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if out != expect("stdout") {
                failures.push(format!("{name}: stdout\n--- got\n{out}--- want\n{}", expect("stdout")));
            }
            if err != expect("stderr") {
                failures.push(format!("{name}: stderr\n--- got\n{err}--- want\n{}", expect("stderr")));
            }
            if code != want_exit {
                failures.push(format!("{name}: exit status {code}, want {want_exit}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unfinished_input_at_eof_is_reported() {
    let (out, err, code) = run_piped("x := 1\nfunc f() {\n");
    assert_eq!((out.as_str(), code), ("", 0));
    assert!(err.contains("syntax error"), "{err}");
}
