//! `gol test` against real `go test`. Input: every directory `tests/gotest/CASE/` (a package
//! with `_test` files, an optional `args` file with the flags, and `expect`: `exit: N` then
//! the output real go test printed, masked; `tests/gotest_oracle.py` writes and re-checks it).
//! Output: a failure for each case where `gol test ARGS`, run in the case directory, exits
//! otherwise or prints otherwise after the same masking (timings, benchmark figures by shape:
//! name, iterations, ns/op and the other units; goroutine dumps).

use regex_lite::Regex;
use std::path::Path;
use std::process::{Command, Stdio};

/// The masking of tests/gotest_oracle.py's `mask`, rule for rule.
fn mask(text: &str) -> String {
    let duration = Regex::new(r"\((\d+\.\d+)s\)").unwrap();
    let summary = Regex::new(r"^(ok  |FAIL)\t(\S+)\t\d+\.\d+s(.*)$").unwrap();
    let bench = Regex::new(r"^(Benchmark\S*?)(-\d+)?\s+\d+(\s+[\d.]+ \S+)+\s*$").unwrap();
    let unit = Regex::new(r"[\d.]+ (\S+)").unwrap();
    let running = Regex::new(r"^\t\t(\S+) \(.*\)$").unwrap();
    let goroutine = Regex::new(r"^goroutine \d+ \[").unwrap();
    let mut out: Vec<String> = Vec::new();
    let mut dump = false;
    for line in text.lines() {
        if dump {
            if line.starts_with("exit status") || line.starts_with("FAIL\t") || line == "FAIL" {
                dump = false;
            } else {
                continue;
            }
        }
        if goroutine.is_match(line) {
            out.push("goroutine N [...]: (dump masked)".into());
            dump = true;
            continue;
        }
        let mut line = line.to_string();
        if line.starts_with("cpu: ") {
            line = "cpu: X".into();
        }
        if let Some(c) = bench.captures(&line.clone()) {
            let after = c.get(2).map_or(c.get(1).unwrap().end(), |m| m.end());
            let units: String = unit
                .captures_iter(&line[after..])
                .map(|u| format!("\tX {}", &u[1]))
                .collect();
            line = format!("{}-P\tN{units}", &c[1]);
        }
        line = duration.replace_all(&line, "(0.00s)").into_owned();
        if let Some(c) = summary.captures(&line.clone()) {
            line = format!("{}\t{}\tT{}", &c[1], &c[2], &c[3]);
        }
        if let Some(c) = running.captures(&line.clone()) {
            line = format!("\t\t{} (D)", &c[1]);
        }
        out.push(line);
    }
    let mut s = out.join("\n");
    if !out.is_empty() {
        s.push('\n');
    }
    s
}

fn run_case(case: &Path) -> Result<(), String> {
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let (mut reader, writer) = std::io::pipe().map_err(|e| e.to_string())?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gol"))
        .arg("test")
        .args(&args)
        .current_dir(case)
        .stdin(Stdio::null())
        .stdout(writer.try_clone().map_err(|e| e.to_string())?)
        .stderr(writer)
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut out = String::new();
    std::io::Read::read_to_string(&mut reader, &mut out).map_err(|e| e.to_string())?;
    let code = child
        .wait()
        .map_err(|e| e.to_string())?
        .code()
        .unwrap_or(-1);
    let abs = std::fs::canonicalize(case).map_err(|e| e.to_string())?;
    let out = out.replace(&format!("{}/", abs.display()), "");
    let have = format!("exit: {code}\n{}", mask(&out));
    let want = std::fs::read_to_string(case.join("expect")).map_err(|e| e.to_string())?;
    if have == want {
        Ok(())
    } else {
        Err(format!("gol test prints\n{have}\nexpect holds\n{want}"))
    }
}

#[test]
fn gotest_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gotest");
    let filter = std::env::var("GOTEST_FILTER").unwrap_or_default();
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/gotest")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.to_string_lossy().contains(&filter))
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        // Concurrent cases may interleave differently from run to run: they run three times.
        for _ in 0..if case.to_string_lossy().contains("parallel") {
            3
        } else {
            1
        } {
            if let Err(e) = run_case(case) {
                failures.push(format!("{}: {e}", case.display()));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
